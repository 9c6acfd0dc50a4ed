import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The manual tells people what to type: an `npm run NAME` it names that package.json lacks fails
 * with "Missing script", and a script package.json has that no page names is one nobody knows of.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const MANUAL = [
  'README.md',
  'bench/README.md',
  'examples/activity-sync/README.md',
  'src/connections/fitbit/README.md',
  'src/connections/oauth2/README.md',
  ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`),
];

const SCRIPTS = Object.keys((JSON.parse(read('package.json')) as { scripts: Record<string, string> }).scripts);

/** npm's own shorthands: `npm test` and `npm start` run these scripts without `run`. */
const SHORTHANDS = ['test', 'start'];

function scriptsNamedIn(page: string): string[] {
  const text = read(page);
  const runs = [...text.matchAll(/\bnpm run ([a-z][a-z0-9:-]*)/g)].map((match) => match[1]!);
  const shorthands = SHORTHANDS.filter((name) => new RegExp(`\\bnpm ${name}\\b`).test(text));
  return [...runs, ...shorthands];
}

describe('npm scripts in the manual', () => {
  it.each(MANUAL)('%s names only scripts package.json has', (page) => {
    expect(scriptsNamedIn(page).filter((name) => !SCRIPTS.includes(name))).toEqual([]);
  });

  it('names every script of package.json but npm lifecycle hooks (pre*, post*)', () => {
    const named = new Set(MANUAL.flatMap(scriptsNamedIn));
    const hooks = SCRIPTS.filter((name) => /^(pre|post)/.test(name) && SCRIPTS.includes(name.replace(/^(pre|post)/, '')));
    expect(SCRIPTS.filter((name) => !hooks.includes(name) && !named.has(name))).toEqual([]);
  });
});
