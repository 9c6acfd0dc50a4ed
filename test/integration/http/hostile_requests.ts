import { Agent, request as httpRequest, type OutgoingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Express } from 'express';

/**
 * An attacker's table of malformed inputs, and a raw HTTP client to send them with: node:http, not
 * supertest, because supertest re-encodes paths and cannot send two Authorization headers, a lone
 * `%` or a Host of its choosing. The malformed-input sweeps (malformed_input_sweep.test.ts under
 * management/, authn/ and dashboard/) send this table to every route and check each answer with
 * problemsOf().
 */

/**
 * `negotiated`: a route that declares no format, where the error handler answers a page or OAuth
 * JSON by Accept; `upstream`: the sandbox's emulators, which answer as the upstream they play.
 */
/** Header names and values as sent; an array is one header line each (two Authorization headers). */
export type Headers = Record<string, string | string[]>;

export type ErrorFamily = 'management' | 'oauth' | 'html' | 'negotiated' | 'upstream';

export interface HostileRequest {
  /** What the request tries, for the failure list. */
  label: string;
  method: string;
  /** Path and query, already percent-encoded as the attacker wants them on the wire. */
  path: string;
  headers?: Headers;
  body?: string | Buffer;
  /** The format its errors must have, when not the sweep's. */
  family?: ErrorFamily;
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** An app listening on loopback, for raw requests; close() when done. */
export interface Listening {
  send(request: HostileRequest): Promise<Answer>;
  close(): Promise<void>;
}

/**
 * A sweep's test sends a few hundred requests: seconds alone, but the suite shares two cores with
 * other suites, and Jest's 30 s default would fail a slow run rather than a wrong answer.
 */
export const SWEEP_TIMEOUT_MS = 120_000;

/** How long one answer may take before the sweep calls it a hang. */
const HANG_MS = 5_000;

export async function listen(app: Express): Promise<Listening> {
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve, reject) => server.once('listening', resolve).once('error', reject));
  const { port } = server.address() as AddressInfo;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  return {
    send: (hostile) => sendTo(port, agent, hostile),
    async close() {
      agent.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function sendTo(port: number, agent: Agent, hostile: HostileRequest): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = hostile.body === undefined ? undefined : Buffer.from(hostile.body);
    // node:http's types allow one Authorization; on the wire an array is a line each.
    const headers = { ...hostile.headers } as OutgoingHttpHeaders;
    if (body) headers['content-length'] = String(body.length);
    const outgoing = httpRequest({ host: '127.0.0.1', port, agent, method: hostile.method, path: hostile.path, headers, setHost: !('host' in headers) }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.setTimeout(HANG_MS, () => outgoing.destroy(new Error(`no answer within ${HANG_MS} ms (a hang)`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * What an answer must never show: a stack frame (`at fn (/path` or `(file:` or `(node:`; prose such
 * as "no tenant at HOST (…)" is not one), a file path of the server, a module folder.
 */
const LEAKS: readonly RegExp[] = [/\bat \S.*\((?:\/|file:|node:)/, /node_modules/, /\/src\//, /\.ts:\d/, /\.js:\d+:\d+/];

/**
 * Everything wrong with one answer: a 5xx, a stack trace or server path in the body, an error not in
 * its family's format. A HEAD answer has no body to check; a redirect (3xx) is an answer people and
 * programs both read through its Location.
 */
export function problemsOf(request: HostileRequest, answer: Answer, family: ErrorFamily): string[] {
  const problems: string[] = [];
  const where = `${request.method} ${shortened(request.path)} [${request.label}] -> ${answer.status}`;
  if (answer.status >= 500) problems.push(`${where}: a server error: ${shortened(answer.text)}`);
  const leak = LEAKS.find((pattern) => pattern.test(answer.text));
  if (leak) problems.push(`${where}: the body shows internals (${String(leak)}): ${shortened(answer.text)}`);
  if (answer.status >= 400 && request.method !== 'HEAD') {
    const wrong = formatProblem(answer, family);
    if (wrong) problems.push(`${where}: ${wrong}: ${shortened(answer.text)}`);
  }
  return problems;
}

function formatProblem(answer: Answer, family: ErrorFamily): string | undefined {
  const type = String(answer.headers['content-type'] ?? '');
  if (family === 'upstream') return undefined;
  if (family === 'negotiated') return formatProblem(answer, type.startsWith('text/html') ? 'html' : 'oauth');
  if (family === 'html') return type.startsWith('text/html') && /<h1/.test(answer.text) ? undefined : `not an HTML error page (${type || 'no Content-Type'})`;
  if (!type.startsWith('application/json')) return `not JSON (${type || 'no Content-Type'})`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(answer.text) as Record<string, unknown>;
  } catch {
    return 'unparsable JSON';
  }
  if (family === 'oauth') {
    return typeof body.error === 'string' && (body.error_description === undefined || typeof body.error_description === 'string')
      ? undefined
      : 'not an OAuth error {error, error_description}';
  }
  const { statusCode, error, message, errorCode } = body;
  return statusCode === answer.status && typeof error === 'string' && typeof message === 'string' && typeof errorCode === 'string'
    ? undefined
    : 'not a Management API error {statusCode, error, message, errorCode}';
}

/** How many requests of a sweep are in flight at once (the agent's sockets). */
const IN_FLIGHT = 4;

/**
 * Sends every request, a few at a time (a hang or a cut connection is a problem too), and lists
 * every problem of their answers, in the order of the requests.
 */
export async function sweep(server: Listening, requests: readonly HostileRequest[], family: ErrorFamily): Promise<string[]> {
  const found: string[][] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < requests.length) {
      const index = next++;
      const hostile = requests[index]!;
      try {
        found[index] = problemsOf(hostile, await server.send(hostile), hostile.family ?? family);
      } catch (error) {
        found[index] = [`${hostile.method} ${shortened(hostile.path)} [${hostile.label}]: ${String(error)}`];
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  return found.flat();
}

function shortened(text: string): string {
  return text.length > 160 ? `${text.slice(0, 160)}…` : text;
}

/**
 * Query strings that abuse one parameter `name`, beside the valid parameters of `base` (so the
 * request gets past the checks of the parameters it leaves alone).
 */
export function hostileQueries(name: string, base: Record<string, string> = {}): { label: string; query: string }[] {
  const others = new URLSearchParams(Object.entries(base).filter(([other]) => other !== name)).toString();
  return abusesOf(name).map(({ label, query }) => ({ label: `${name} ${label}`, query: others ? `${others}&${query}` : query }));
}

function abusesOf(name: string): { label: string; query: string }[] {
  return [
    { label: 'repeated', query: `${name}=1&${name}=2` },
    { label: 'qs array', query: `${name}[]=1` },
    { label: 'qs object', query: `${name}[b]=1` },
    { label: 'null byte', query: `${name}=a%00b` },
    { label: 'overlong UTF-8', query: `${name}=%C0%AF` },
    { label: 'invalid UTF-8', query: `${name}=%FF` },
    { label: 'lone %', query: `${name}=%` },
    { label: 'homoglyph', query: `${name}=%D0%B0dmin` },
    { label: 'no value', query: name },
    // Long, but within Node's 16 kB header limit (beyond it Node itself answers 431).
    { label: 'over-long', query: `${name}=${'x'.repeat(8_000)}` },
  ];
}

/** Path segments that abuse an id. */
export const HOSTILE_IDS: readonly { label: string; id: string }[] = [
  { label: 'dot-dot', id: '..' },
  { label: 'encoded traversal', id: '..%2F..%2Fclients' },
  { label: 'encoded dots', id: '%2e%2e' },
  { label: 'null byte', id: 'a%00b' },
  { label: 'overlong UTF-8', id: '%C0%AF' },
  { label: 'invalid UTF-8', id: '%FF' },
  { label: 'lone %', id: '%' },
  { label: 'homoglyph', id: '%D0%B0dmin' },
  { label: 'number', id: '12345' },
  { label: 'object', id: '%5Bobject%20Object%5D' },
  { label: 'JSON object', id: '%7B%22%24gt%22%3A%22%22%7D' },
  { label: 'over-long', id: 'x'.repeat(8_000) },
];

const JSON_TYPE = 'application/json';
const FORM_TYPE = 'application/x-www-form-urlencoded';

/** Bodies no endpoint should choke on, whatever it takes. */
export function hostileBodies(): { label: string; type: string; body: string | Buffer }[] {
  const boundary = 'sweep-boundary';
  return [
    { label: 'invalid JSON', type: JSON_TYPE, body: '{"name":' },
    { label: 'JSON array', type: JSON_TYPE, body: '[{"name":"a"}]' },
    { label: 'empty JSON array', type: JSON_TYPE, body: '[]' },
    { label: 'JSON string', type: JSON_TYPE, body: '"name"' },
    { label: 'JSON null', type: JSON_TYPE, body: 'null' },
    { label: 'empty JSON body', type: JSON_TYPE, body: '' },
    { label: 'deeply nested JSON array', type: JSON_TYPE, body: `${'['.repeat(20_000)}${']'.repeat(20_000)}` },
    { label: 'prototype pollution', type: JSON_TYPE, body: '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}' },
    { label: 'body over the limit', type: JSON_TYPE, body: JSON.stringify({ a: 'x'.repeat(200_000) }) },
    { label: 'invalid UTF-8 bytes in JSON', type: JSON_TYPE, body: Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe, 0xc0, 0xaf]), Buffer.from('"}')]) },
    { label: 'JSON in Latin-1', type: `${JSON_TYPE}; charset=latin1`, body: '{"name":"a"}' },
    { label: 'JSON as text/plain', type: 'text/plain', body: '{"name":"a"}' },
    { label: 'JSON as form', type: FORM_TYPE, body: '{"name":"a"}' },
    { label: 'XML', type: 'application/xml', body: '<name>a</name>' },
    { label: 'multipart', type: `multipart/form-data; boundary=${boundary}`, body: `--${boundary}\r\nContent-Disposition: form-data; name="name"\r\n\r\na\r\n--${boundary}--\r\n` },
    { label: 'garbage Content-Type', type: ';;;', body: 'name=a' },
    { label: 'form repeated', type: FORM_TYPE, body: 'a=1&a=2' },
    { label: 'form qs array', type: FORM_TYPE, body: 'a[]=1&a[]=2' },
    { label: 'form qs object', type: FORM_TYPE, body: 'a[b]=1' },
    { label: 'form invalid UTF-8', type: FORM_TYPE, body: 'a=%FF&b=%C0%AF' },
    { label: 'form lone % and null byte', type: FORM_TYPE, body: 'a=%&b=%00' },
    { label: 'form over the limit', type: FORM_TYPE, body: `a=${'x'.repeat(200_000)}` },
  ];
}

/**
 * A JSON or form body setting `field` to something it should not hold, beside the valid fields of
 * `base` (so the request gets past the checks of the fields it leaves alone).
 */
export function hostileFieldBodies(field: string, base: Record<string, string> = {}): { label: string; type: string; body: string }[] {
  const others = Object.fromEntries(Object.entries(base).filter(([name]) => name !== field));
  const json = (label: string, value: unknown) => ({ label: `${field} ${label}`, type: JSON_TYPE, body: JSON.stringify({ ...others, [field]: value }) });
  const prefix = Object.keys(others).length > 0 ? `${new URLSearchParams(others).toString()}&` : '';
  const form = (label: string, body: string) => ({ label: `${field} ${label} (form)`, type: FORM_TYPE, body: `${prefix}${body}` });
  const nested = JSON.parse(`${'{"a":'.repeat(2_000)}1${'}'.repeat(2_000)}`) as unknown;
  return [
    json('number', 12345),
    json('null', null),
    json('object', { $gt: '' }),
    json('array', ['a', 'b']),
    json('empty string', ''),
    json('null byte', 'a\u0000b'),
    json('homoglyph', '\u0430dmin'),
    json('lone surrogate', '\ud800'),
    json('over-long', 'x'.repeat(90_000)),
    json('deeply nested', nested),
    form('repeated', `${field}=a&${field}=b`),
    form('qs object', `${encodeURIComponent(field)}[b]=a`),
    form('invalid UTF-8', `${field}=%FF`),
  ];
}

/** Authorization headers an attacker sends instead of a token. */
export function hostileAuthorizations(valid: string): { label: string; headers: Headers }[] {
  return [
    { label: 'no Authorization', headers: {} },
    { label: 'Bearer alone', headers: { authorization: 'Bearer' } },
    { label: 'Bearer with spaces', headers: { authorization: 'Bearer  a b c' } },
    { label: 'Bearer garbage', headers: { authorization: 'Bearer !!!.???.###' } },
    { label: 'Bearer JWT-shaped garbage', headers: { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.' } },
    { label: 'Bearer over-long', headers: { authorization: `Bearer ${'x'.repeat(8_000)}` } },
    { label: 'Basic bad base64', headers: { authorization: 'Basic !!!not-base64!!!' } },
    { label: 'Basic without a colon', headers: { authorization: `Basic ${Buffer.from('nocolon').toString('base64')}` } },
    { label: 'Basic empty pair', headers: { authorization: `Basic ${Buffer.from(':').toString('base64')}` } },
    { label: 'Basic invalid UTF-8', headers: { authorization: `Basic ${Buffer.from([0xff, 0x3a, 0xfe]).toString('base64')}` } },
    { label: 'Basic percent garbage', headers: { authorization: `Basic ${Buffer.from('%FF:%').toString('base64')}` } },
    { label: 'unknown scheme', headers: { authorization: 'Digest username="a"' } },
    // Node sends an array as one header line each.
    { label: 'two Authorization headers', headers: { authorization: [valid, 'Bearer garbage'] } },
    { label: 'garbage then valid Authorization', headers: { authorization: ['Bearer garbage', valid] } },
  ];
}

/** Cookies and Hosts an attacker sends. */
export function hostileHeaderSets(host: string): { label: string; headers: Headers }[] {
  const [name, port] = host.split(':');
  return [
    { label: 'session cookie with a bad signature', headers: { host, cookie: 'fitgate.sid=s%3Aforged-session.badsignature' } },
    { label: 'dashboard cookie with a bad signature', headers: { host, cookie: 'fitgate.manage.sid=s%3Aforged-session.badsignature' } },
    { label: 'unsigned session cookie', headers: { host, cookie: 'fitgate.sid=plain; fitgate.manage.sid=plain' } },
    { label: 'cookie with invalid escapes', headers: { host, cookie: 'fitgate.sid=%FF%; fitgate.manage.sid=%' } },
    { label: 'malformed cookie header', headers: { host, cookie: ';;;=;=x;fitgate.sid' } },
    { label: 'huge cookie', headers: { host, cookie: `fitgate.sid=s%3A${'x'.repeat(8_000)}.sig` } },
    { label: 'Host with two ports', headers: { host: `${host}:1` } },
    { label: 'Host with a port out of range', headers: { host: `${name}:99999` } },
    { label: 'Host with a port that is not a number', headers: { host: `${name}:abc` } },
    { label: 'Host unclosed IPv6', headers: { host: '[::1' } },
    { label: 'Host garbage', headers: { host: '%00..@:/' } },
    { label: 'Host empty', headers: { host: '' } },
    { label: 'Host over-long', headers: { host: `${'a'.repeat(4_000)}.${name}:${port ?? '80'}` } },
    { label: 'Host in capitals with a dot', headers: { host: `${host.toUpperCase().replace(/:/, '.:')}` } },
    { label: 'garbage Accept', headers: { host, accept: '*/*;q=abc, text/html;;;' } },
    { label: 'X-Forwarded garbage', headers: { host, 'x-forwarded-for': '%%%, ::::', 'x-forwarded-host': '[::', 'x-forwarded-proto': 'gopher' } },
  ];
}

/** Methods a route does not take, and the two every client may send. */
export const OTHER_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND'];

export { FORM_TYPE, JSON_TYPE };
