import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, resolve } from 'node:path';

/**
 * docs/architecture.md lists, area by area, what each part of src/ imports. The drawing is only
 * worth reading while it is true: an import across areas that it does not name, or an edge it
 * names that no import uses, fails here.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');

/** `authn/` for anything under src/authn, `app.ts` for the top-level file. */
function areaOf(pathFromSrc: string): string {
  const [first = '', ...rest] = pathFromSrc.split('/');
  return rest.length > 0 ? `${first}/` : first.replace(/\.js$/, '.ts');
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return name.endsWith('.ts') ? [path] : [];
  });
}

const RELATIVE_IMPORT = /(?:import|export)[^'";]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function importedAreas(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  for (const file of sourceFiles(SRC)) {
    const from = areaOf(relative(SRC, file));
    if (!edges.has(from)) edges.set(from, new Set());
    for (const match of readFileSync(file, 'utf8').matchAll(RELATIVE_IMPORT)) {
      const target = relative(SRC, normalize(join(dirname(file), match[1] ?? match[2]!)));
      if (target.startsWith('..')) continue;
      const to = areaOf(target);
      if (to !== from) edges.get(from)!.add(to);
    }
  }
  return edges;
}

function documentedAreas(): Map<string, Set<string>> {
  const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
  const table = /<!-- layers:start -->([\s\S]*?)<!-- layers:end -->/.exec(doc)?.[1] ?? '';
  const edges = new Map<string, Set<string>>();
  for (const row of table.split('\n')) {
    const cells = row.split('|').map((cell) => cell.trim());
    const area = /^`([^`]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!area) continue;
    edges.set(area, new Set([...(cells[2] ?? '').matchAll(/`([^`]+)`/g)].map((match) => match[1]!)));
  }
  return edges;
}

function asEdges(map: Map<string, Set<string>>): string[] {
  return [...map].flatMap(([from, tos]) => [...tos].map((to) => `${from} -> ${to}`)).sort();
}

describe('the layers drawn in docs/architecture.md', () => {
  it('list every area of src/', () => {
    expect([...documentedAreas().keys()].sort()).toEqual([...importedAreas().keys()].sort());
  });

  it('name every import between areas, and only those (add the edge to the table, with its reason, or remove the import)', () => {
    expect(asEdges(documentedAreas())).toEqual(asEdges(importedAreas()));
  });

  it('keep connections/ free of the host and request code free of the emulator (services.ts takes what it plays from AppDeps)', () => {
    const edges = importedAreas();
    // The emulator the Fitbit plugin brings as its sandbox is no part of the host: it imports none of
    // it (test/unit/architecture/imports.test.ts checks file by file).
    expect([...(edges.get('connections/') ?? [])]).toEqual(['emulator/']);
    for (const area of ['authn/', 'dashboard/', 'management/', 'upstream/', 'services.ts']) {
      expect([area, edges.get(area)?.has('emulator/')]).toEqual([area, false]);
    }
  });
});
