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

/** A relative import of a file, and whether it is `import type` / `export type` (erased, so no code is loaded). */
interface Import {
  readonly target: string;
  readonly typeOnly: boolean;
}

function importStatementsOf(file: string): Import[] {
  const text = readFileSync(join(SRC, file), 'utf8');
  const statements = [...text.matchAll(/^\s*(?:import|export)\s+(type\s)?[^'";]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm)];
  return statements
    .map((match) => ({ specifier: (match[2] ?? match[3] ?? match[4])!, typeOnly: match[1] !== undefined }))
    .filter(({ specifier }) => specifier.startsWith('.'))
    .map(({ specifier, typeOnly }) => ({ target: relative(SRC, resolve(join(SRC, dirname(file)), specifier)).split(sep).join('/'), typeOnly }));
}

/** The OAuth 2.0 client every plugin may build on: a folder under src/connections/ that is no plugin. */
const OAUTH2 = 'connections/oauth2';

/** Every plugin's folder: each directory under src/connections/ but the shared OAuth 2.0 client. */
function pluginFolders(): string[] {
  return readdirSync(join(SRC, 'connections'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `connections/${entry.name}`)
    .filter((folder) => folder !== OAUTH2);
}

/**
 * The emulator a plugin brings as its sandbox (ConnectionPlugin.sandbox) from outside its folder: the
 * one part of src/ that plugin may import besides those every plugin may. src/emulator plays both of
 * the Fitbit plugin's APIs (connections/fitbit/sandbox.ts declares it), and `npm run emulator` runs
 * it on its own.
 */
const BROUGHT_EMULATORS: ReadonlyMap<string, string> = new Map([['connections/fitbit', 'emulator']]);

/** The emulator's own entry point (`npm run emulator`), which reads its settings as fitgate's entry point does. */
const EMULATOR_ENTRY = 'emulator/standalone.ts';

function offending(folders: string[], forbidden: (target: string, file: string) => boolean): string[] {
  return folders.flatMap((folder) =>
    sourceFiles(folder).flatMap((file) => importsOf(file).filter((target) => forbidden(target, file)).map((target) => `${file} → ${target}`)),
  );
}

describe('import seams', () => {
  it('finds the imports it checks (the scan itself works)', () => {
    expect(importsOf('app.ts')).toContain('authn/router.js');
    expect(sourceFiles('connections/fitbit').length).toBeGreaterThan(5);
    expect(pluginFolders()).toContain('connections/fitbit');
    expect(pluginFolders()).not.toContain(OAUTH2);
    expect(sourceFiles(OAUTH2).length).toBeGreaterThan(5);
    expect(importStatementsOf('connections/oauth2/errors/upstream_error.ts')).toEqual(
      expect.arrayContaining([
        { target: 'connections/plugin.js', typeOnly: true },
        { target: 'connections/oauth2/errors/redact_tokens.js', typeOnly: false },
      ]),
    );
    expect(importStatementsOf('connections/fitbit/token_client.ts')).toContainEqual({ target: 'connections/oauth2/token_request.js', typeOnly: false });
    expect(importStatementsOf('app.ts')).toContainEqual({ target: 'authn/router.js', typeOnly: false });
  });

  it('request code (authn, dashboard, management, upstream) never imports the emulator: the entry point builds the sandbox', () => {
    const inEmulator = (target: string) => target === 'emulator' || target.startsWith('emulator/');
    expect(offending(['authn', 'dashboard', 'management', 'upstream'], inEmulator)).toEqual([]);
  });

  it('the dashboard imports nothing of authn/: what a failed TRY shares with a login (its failure, a stale state) sits below both, in upstream/', () => {
    const intoAuthn = (target: string) => target === 'authn' || target.startsWith('authn/');
    expect(offending(['dashboard'], intoAuthn)).toEqual([]);
  });

  it('a plugin imports its own files, the shared OAuth 2.0 client, as types only connections/plugin.ts, the HTTP port beside it, and the emulator it brings: never a sibling plugin nor the rest of the host', () => {
    const outside = pluginFolders().flatMap((folder) =>
      sourceFiles(folder).flatMap((file) =>
        importStatementsOf(file)
          .filter(
            ({ target, typeOnly }) =>
              !target.startsWith(`${folder}/`) &&
              !target.startsWith(`${OAUTH2}/`) &&
              !(typeOnly && target === 'connections/plugin.js') &&
              target !== 'connections/upstream_fetch.js' &&
              !(BROUGHT_EMULATORS.has(folder) && target.startsWith(`${BROUGHT_EMULATORS.get(folder)}/`)),
          )
          .map(({ target, typeOnly }) => `${file} → ${target}${typeOnly ? ' (type)' : ''}`),
      ),
    );
    expect(outside).toEqual([]);
  });

  it('the shared OAuth 2.0 client imports its own files and, as types only, connections/plugin.ts: no plugin, nothing else of the host', () => {
    const outside = sourceFiles(OAUTH2).flatMap((file) =>
      importStatementsOf(file)
        .filter(({ target, typeOnly }) => !target.startsWith(`${OAUTH2}/`) && !(typeOnly && target === 'connections/plugin.js'))
        .map(({ target, typeOnly }) => `${file} → ${target}${typeOnly ? ' (type)' : ''}`),
    );
    expect(outside).toEqual([]);
  });

  it('an emulator a plugin brings imports nothing of the host (its own entry point aside), not even the plugin: the plugin carries it along unchanged', () => {
    for (const emulator of new Set(BROUGHT_EMULATORS.values())) {
      const files = sourceFiles(emulator).filter((file) => file !== EMULATOR_ENTRY);
      expect(files).toContain(`${emulator}/app.ts`);
      const outside = files.flatMap((file) =>
        importStatementsOf(file)
          .filter(({ target }) => !target.startsWith(`${emulator}/`))
          .map(({ target, typeOnly }) => `${file} → ${target}${typeOnly ? ' (type)' : ''}`),
      );
      expect(outside).toEqual([]);
    }
  });

  it('the sandbox reaches an emulator only through the plugins’ declarations: it imports no plugin, no registry and no emulator', () => {
    expect(sourceFiles('sandbox')).toContain('sandbox/sandbox.ts');
    const reached = (target: string) =>
      target === 'connections/registry.js' ||
      pluginFolders().some((folder) => target.startsWith(`${folder}/`)) ||
      target === 'emulator' ||
      target.startsWith('emulator/');
    expect(offending(['sandbox'], reached)).toEqual([]);
  });

  it('connections/plugin.ts imports nothing of the host, so a plugin published alone can carry it', () => {
    expect(importsOf('connections/plugin.ts')).toEqual([]);
  });

  it('the HTTP port a plugin may import carries nothing of the host along: the contract’s types, its reading of socket errors, which imports nothing, and its transport, which imports only its resend rule, which imports nothing', () => {
    expect(importStatementsOf('connections/upstream_fetch.ts')).toEqual([
      { target: 'connections/plugin.js', typeOnly: true },
      { target: 'connections/unreached_upstream.js', typeOnly: false },
      { target: 'connections/upstream_http.js', typeOnly: false },
    ]);
    expect(importsOf('connections/unreached_upstream.ts')).toEqual([]);
    expect(importStatementsOf('connections/upstream_http.ts')).toEqual([{ target: 'connections/stale_socket_resend.js', typeOnly: false }]);
    expect(importsOf('connections/stale_socket_resend.ts')).toEqual([]);
  });
});
