import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { connectionPlugins } from '../../../src/connections/registry.js';
import { wordingOf } from '../../../src/upstream/plugin_defaults.js';

// The host knows an upstream only through the plugin interface: no code outside a plugin's folder
// names one (a strategy, an API id, an upstream's name or domain), so Strava or Oura comes in as one
// more folder and one registry line. Comments may still cite an upstream as the case a rule is for.
// Left out: the plugin folders, the registry (the list of installed plugins), and the emulator,
// which plays Fitbit's and Google's servers by design (docs/emulator.md). The sandbox that runs it
// is host code: it knows the emulator only through the Fitbit plugin's sandbox declaration.

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../../src');
const NOT_HOST = [/^connections\/[^/]+\//, /^connections\/registry\.ts$/, /^emulator\//];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(SRC, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = dir ? `${dir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const hostFiles = (): string[] => sourceFiles('').filter((file) => !NOT_HOST.some((pattern) => pattern.test(file)));

/** The OAuth 2.0 client the plugins share (connections/oauth2/): it knows the protocol, never a provider. */
const oauth2Files = (): string[] => sourceFiles('connections/oauth2');

/** What each installed plugin names its upstream by: its strategy, APIs, names and web domains. */
function upstreamNames(): string[] {
  const names = new Set<string>();
  const callbackUrl = 'https://callback.invalid/login/callback';
  for (const plugin of connectionPlugins().values()) {
    names.add(plugin.strategy).add(plugin.displayName);
    for (const api of plugin.apis) {
      names.add(api.id).add(api.name).add(wordingOf(plugin, api.id).name);
      const said = JSON.stringify([api, plugin.setupSteps(api.id, callbackUrl), plugin.permissions(api.id)]);
      for (const [, host] of said.matchAll(/https:\/\/([a-z0-9.-]+)/gi)) {
        // The domain's own label: googleapis of www.googleapis.com, fitbit of dev.fitbit.com.
        if (host !== new URL(callbackUrl).host) names.add(host!.split('.').at(-2)!);
      }
    }
  }
  return [...names].map((name) => name.toLowerCase());
}

/** The code of a file as words: identifiers split at their humps, and the text of every literal; comments left out. */
function codeWords(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(join(SRC, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const words: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) || ts.isPrivateIdentifier(node)) words.push(node.text.replace(/([a-z0-9])([A-Z])/g, '$1 $2'));
    else if (ts.isStringLiteralLike(node) || ts.isTemplateLiteralToken(node) || ts.isRegularExpressionLiteral(node)) words.push(node.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return words.map((word) => word.toLowerCase());
}

const escaped = (name: string): string => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('the host names no upstream', () => {
  const names = upstreamNames();

  it('finds what it looks for (the scan itself works)', () => {
    expect(names).toEqual(expect.arrayContaining(['fitbit', 'google', 'googleapis', 'google-health']));
    expect(hostFiles()).toEqual(expect.arrayContaining(['app.ts', 'domain/identity_status.ts', 'connections/plugin.ts', 'sandbox/sandbox.ts']));
    expect(hostFiles()).not.toContain('connections/registry.ts');
    expect(codeWords('connections/registry.ts')).toEqual(expect.arrayContaining(['fitbit plugin', './fitbit/index.js']));
    // Comments do not count: the contract cites Fitbit and Google as examples.
    expect(readFileSync(join(SRC, 'connections/plugin.ts'), 'utf8')).toMatch(/Fitbit/);
    expect(codeWords('connections/plugin.ts').join(' ')).not.toMatch(/fitbit/);
  });

  const pattern = new RegExp(`(^|[^a-z0-9])(${names.map(escaped).join('|')})($|[^a-z0-9])`);
  const naming = (files: string[]): string[] => files.flatMap((file) => codeWords(file).filter((word) => pattern.test(word)).map((word) => `${file}: ${word}`));

  it('in any code outside the plugin folders, the registry and the emulator', () => {
    expect(naming(hostFiles())).toEqual([]);
  });

  it('nor in the OAuth 2.0 client the plugins share', () => {
    expect(oauth2Files()).toEqual(expect.arrayContaining(['connections/oauth2/token_request.ts', 'connections/oauth2/errors/upstream_error.ts']));
    expect(naming(oauth2Files())).toEqual([]);
  });
});
