import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { environmentSchema } from '../../../src/config/schema.js';
import { unknownSettings } from '../../../src/config/unknown_settings.js';

/**
 * The environment variables are fitgate's contract with whoever runs it. The README's configuration
 * table is where a user looks for them: a setting added to src/config without a row there is a
 * setting nobody finds, and a name in the manual that src/config does not read is ignored at start
 * (with only a warning), which is how a renamed variable leaves stale instructions behind.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const MANUAL = ['README.md', 'src/connections/fitbit/README.md', 'src/connections/oauth2/README.md', ...readdirSync(join(ROOT, 'docs')).filter((name) => name.endsWith('.md')).map((name) => `docs/${name}`)];

/** The standalone emulator's settings, the keys of its schema in emulator_config.ts (not exported: only the emulator reads them). */
function emulatorSettings(): string[] {
  const schema = /emulatorEnvironmentSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(read('src/config/emulator_config.ts'))?.[1] ?? '';
  return [...schema.matchAll(/^\s+(EMULATOR_[A-Z_]+):/gm)].map((match) => match[1]!);
}

const SETTINGS = new Set([...Object.keys(environmentSchema.shape), ...emulatorSettings()]);

/** Misspellings the manual quotes on purpose, as examples of the start-up warning about them. */
const QUOTED_MISSPELLINGS: Readonly<Record<string, string>> = { FITGATE_SANBOX: 'FITGATE_SANDBOX', REDIS_URI: 'REDIS_URL' };

/** The variables named in the first cell of each row of the README's "Configuration" table. */
function configurationTableNames(): string[] {
  const section = /\n## Configuration\n([\s\S]*?)\n## /.exec(read('README.md'))?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]!));
}

describe('environment variables in the manual', () => {
  it('reads both schemas', () => {
    expect(SETTINGS).toContain('FITGATE_PUBLIC_URL');
    expect(SETTINGS).toContain('EMULATOR_PORT');
  });

  it('gives every setting src/config reads a row of the README configuration table, and no row to anything else', () => {
    expect([...new Set(configurationTableNames())].sort()).toEqual([...SETTINGS].sort());
  });

  it.each(MANUAL)('%s names only variables src/config reads', (page) => {
    const named = new Set([...read(page).matchAll(/\b(?:FITGATE|REDIS|EMULATOR)_[A-Z0-9_]*[A-Z0-9]\b/g)].map((match) => match[0]));
    const unknown = [...named].filter((name) => !SETTINGS.has(name) && !(name in QUOTED_MISSPELLINGS));
    expect(unknown).toEqual([]);
  });

  it('quotes misspellings that start-up does warn about, with the suggestion the manual shows', () => {
    const environment = Object.fromEntries(Object.keys(QUOTED_MISSPELLINGS).map((name) => [name, 'x']));
    const warned = unknownSettings(environment, Object.keys(environmentSchema.shape));
    expect(Object.fromEntries(warned.map(({ name, suggestion }) => [name, suggestion]))).toEqual(QUOTED_MISSPELLINGS);
  });
});
