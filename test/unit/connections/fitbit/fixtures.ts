import { readFileSync } from 'node:fs';

/** A recorded upstream body from test/fixtures, as text (parsers take the raw body). */
export function fixture(path: `${'fitbit' | 'google'}/${string}.json`): string {
  return readFileSync(new URL(`../../../fixtures/${path}`, import.meta.url), 'utf8');
}

export function fixtureJson(path: `${'fitbit' | 'google'}/${string}.json`): Record<string, unknown> {
  return JSON.parse(fixture(path)) as Record<string, unknown>;
}
