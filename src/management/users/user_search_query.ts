import type { UserSearch, UserSearchClause, UserSearchField, UserSearchGroup } from '../../domain/user_search.js';
import { BadRequestError } from '../../errors/index.js';

/**
 * `q` of GET /api/v2/users: the subset of Auth0's user-search (v3, Lucene) syntax that fitgate
 * answers from its indexes, parsed into a typed UserSearch. Anything outside it is a 400 that says
 * what is supported, never a silently empty result.
 *
 *   email:"ada@example.com"   name:"Ada Lovelace"   name:ada*   user_id:"fitbit|GGNJL9"
 *   identities.connection:fitbit   blocked:true   a AND b   a OR b (AND binds tighter)
 *
 * A q without any of that (no field, quote or operator) keeps fitgate's older meaning: a
 * case-insensitive prefix of the email, the name or the user id.
 */
export type ParsedUserQuery = { kind: 'prefix'; q: string } | { kind: 'search'; search: UserSearch };

export const SUPPORTED_USER_SEARCH =
  'Supported: email, name, user_id, identities.connection and blocked clauses (field:value, field:"quoted phrase", ' +
  'or field:prefix* for email, name and user_id; blocked:true or blocked:false) joined by AND or OR, or a bare prefix';

const FIELDS: readonly UserSearchField[] = ['email', 'name', 'user_id', 'identities.connection', 'blocked'];
/** Lucene syntax fitgate does not answer: grouping, ranges, boosts, fuzziness, escapes, single-character wildcards. */
const UNSUPPORTED_CHARACTERS = /[()[\]{}~^!\\?]/;
const MAX_CLAUSES = 10;

type Token = { kind: 'operator'; value: 'AND' | 'OR' } | { kind: 'term'; field?: string; value: string; quoted: boolean };

/** Undefined when q is blank (no search). */
export function parseUserQuery(q: string): ParsedUserQuery | undefined {
  const text = q.trim();
  if (text === '') return undefined;
  if (isBarePrefix(text)) return { kind: 'prefix', q: text.endsWith('*') ? text.slice(0, -1) : text };
  return { kind: 'search', search: toSearch(tokenize(text)) };
}

/** Today's q: no field, no quote, no operator and no Lucene syntax, at most one trailing *. */
function isBarePrefix(text: string): boolean {
  if (/[:"]/.test(text) || UNSUPPORTED_CHARACTERS.test(text)) return false;
  if (/(^|\s)(AND|OR|NOT|&&|\|\|)(\s|$)/.test(text) || /(^|\s)[-+]/.test(text)) return false;
  return !text.slice(0, -1).includes('*') && text !== '*';
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    if (/\s/.test(text[at]!)) {
      at += 1;
      continue;
    }
    const word = /^[^\s"]*/.exec(text.slice(at))![0];
    if (word === 'AND' || word === 'OR') {
      tokens.push({ kind: 'operator', value: word });
      at += word.length;
      continue;
    }
    if (word === 'NOT' || word === '&&' || word === '||' || /^[-+]/.test(word)) refuse(`"${word}" is not supported`);
    if (/[()]/.test(word)) refuse('grouping with parentheses is not supported');
    const colon = word.indexOf(':');
    const field = colon >= 0 ? word.slice(0, colon) : undefined;
    const rest = colon >= 0 ? word.slice(colon + 1) : word;
    at += word.length;
    if (rest === '' && text[at] === '"') {
      const end = closingQuote(text, at);
      tokens.push({ kind: 'term', ...(field !== undefined ? { field } : {}), value: text.slice(at + 1, end), quoted: true });
      at = end + 1;
      if (at < text.length && !/\s/.test(text[at]!)) refuse('a quoted phrase must be followed by a space');
      continue;
    }
    if (rest === '') refuse(`"${word}" has no value`);
    tokens.push({ kind: 'term', ...(field !== undefined ? { field } : {}), value: rest, quoted: false });
  }
  return tokens;
}

function closingQuote(text: string, open: number): number {
  const end = text.indexOf('"', open + 1);
  if (end < 0) refuse('a quoted phrase is not closed');
  return end;
}

function toSearch(tokens: readonly Token[]): UserSearch {
  const groups: UserSearchGroup[] = [];
  let current: UserSearchClause[] = [];
  let expectTerm = true;
  let clauses = 0;
  for (const token of tokens) {
    if (token.kind === 'operator') {
      if (expectTerm) refuse(`${token.value} must stand between two clauses`);
      if (token.value === 'OR') {
        groups.push({ all: current });
        current = [];
      }
      expectTerm = true;
      continue;
    }
    if (!expectTerm) refuse('clauses must be joined by AND or OR');
    clauses += 1;
    if (clauses > MAX_CLAUSES) refuse(`at most ${MAX_CLAUSES} clauses are supported`);
    current.push(toClause(token));
    expectTerm = false;
  }
  if (expectTerm) refuse('the query ends with an operator');
  groups.push({ all: current });
  return { any: groups };
}

function toClause(token: Extract<Token, { kind: 'term' }>): UserSearchClause {
  const { field, value, quoted } = token;
  if (!quoted && (UNSUPPORTED_CHARACTERS.test(value) || value.includes(':'))) refuse(`${describe(token)} uses syntax that is not supported`);
  const wildcard = !quoted && value.endsWith('*');
  const text = wildcard ? value.slice(0, -1) : value;
  if (!quoted && text.includes('*')) refuse(`${describe(token)}: only a trailing * is supported`);
  if (text === '') refuse(`${describe(token)} has no value`);
  if (field === undefined) {
    if (quoted) refuse('a quoted phrase needs a field, e.g. name:"Ada Lovelace"');
    return { field: 'any', match: 'prefix', value: text };
  }
  if (!isField(field)) refuse(`the field "${field}" is not searchable`);
  if (field === 'blocked' && (wildcard || (text !== 'true' && text !== 'false'))) refuse('blocked must be true or false');
  if (!wildcard) return { field, match: 'exact', value: text };
  if (field !== 'email' && field !== 'name' && field !== 'user_id') refuse(`${field} does not support a trailing *`);
  return { field, match: 'prefix', value: text };
}

function isField(field: string): field is UserSearchField {
  return (FIELDS as readonly string[]).includes(field);
}

function describe(token: Extract<Token, { kind: 'term' }>): string {
  return token.field === undefined ? `"${token.value}"` : `${token.field}:${token.value}`;
}

function refuse(problem: string): never {
  throw new BadRequestError(`Query validation error: '${problem}. ${SUPPORTED_USER_SEARCH}' on property q.`, 'invalid_query_string');
}
