import { InvalidRequestError } from '../../../errors/index.js';
import type { AuthorizeCheck } from './authorize_context.js';

const SUPPORTED_PROMPTS = new Set(['none', 'login', 'consent', 'select_account']);

/** OpenID Connect Core §3.1.2.1: known values only, and `none` never combined with another. */
export const checkPrompt: AuthorizeCheck = (ctx) => {
  const prompt = [...new Set((ctx.params.prompt ?? '').split(' ').filter(Boolean))];
  const unknown = prompt.find((value) => !SUPPORTED_PROMPTS.has(value));
  if (unknown) throw new InvalidRequestError(`prompt "${unknown}" is not supported.`);
  if (prompt.includes('none') && prompt.length > 1) {
    throw new InvalidRequestError('prompt=none cannot be combined with other prompt values.');
  }
  ctx.prompt = prompt;
};
