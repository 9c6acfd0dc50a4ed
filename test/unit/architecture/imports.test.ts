import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');

/** Every .ts file under `dir`, as a path relative to src/ with forward slashes. */
function sourceFiles(dir: string): string[] {
  return readdirSync(join(SRC, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The relative imports of a file (static, re-exports and dynamic), resolved to paths under src/. */
function importsOf(file: string): string[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const specifiers = [...text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|^\s*import\s+)['"]([^'"]+)['"]/gm)].map((match) => match[1]!);
  return specifiers
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => relative(SRC, resolve(join(SRC, dirname(file)), specifier)).split(sep).join('/'));
}

function offending(folders: string[], forbidden: (target: string, file: string) => boolean): string[] {
  return folders.flatMap((folder) =>
    sourceFiles(folder).flatMap((file) => importsOf(file).filter((target) => forbidden(target, file)).map((target) => `${file} → ${target}`)),
  );
}

describe('import seams', () => {
  it('finds the imports it checks (the scan itself works)', () => {
    expect(importsOf('app.ts')).toContain('authn/router.js');
    expect(sourceFiles('connections/fitbit').length).toBeGreaterThan(5);
  });

  it('request code (authn, dashboard, management, upstream) never imports the emulator: the entry point builds the sandbox', () => {
    const inEmulator = (target: string) => target === 'emulator' || target.startsWith('emulator/');
    expect(offending(['authn', 'dashboard', 'management', 'upstream'], inEmulator)).toEqual([]);
  });

  it('the Fitbit plugin imports nothing outside its own folder, so it could be published alone', () => {
    const outside = (target: string) => !target.startsWith('connections/fitbit/');
    expect(offending(['connections/fitbit'], outside)).toEqual([]);
  });
});
