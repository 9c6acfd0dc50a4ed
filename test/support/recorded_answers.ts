import { readFileSync } from 'node:fs';

/**
 * An upstream's answer recorded in test/fixtures/ from its documentation, with where it comes from:
 * `{"source", "status", "body"}` files, the body kept as JSON so a test can compare an emulator's
 * answer with it, or hand it as text to a parser.
 */
export interface RecordedAnswer {
  readonly source: string;
  readonly status: number;
  readonly body: Record<string, unknown>;
  /** The body as the upstream sends it. */
  readonly text: string;
}

export function recordedAnswer(path: `google/${'api_error' | 'token_error'}_${string}.json`): RecordedAnswer {
  const file = JSON.parse(readFileSync(new URL(`../fixtures/${path}`, import.meta.url), 'utf8')) as Omit<RecordedAnswer, 'text'>;
  return { ...file, text: JSON.stringify(file.body) };
}
