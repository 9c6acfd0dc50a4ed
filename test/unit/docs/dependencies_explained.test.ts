import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * docs/architecture.md says why each dependency is there. A package added without a reason, or a
 * reason left for a package that was removed, makes the table worth nothing to the next person
 * wondering whether one can go.
 */

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The packages named in the first cell of each row of the "Dependencies and why" table. */
function explainedPackages(): string[] {
  const section = /\n## Dependencies and why\n([\s\S]*?)(\n## |$)/.exec(read('docs/architecture.md'))?.[1] ?? '';
  return section
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .flatMap((line) => [...(line.split('|')[1] ?? '').matchAll(/`([^`\s]+)`/g)].map((match) => match[1]!));
}

describe('docs/architecture.md, "Dependencies and why"', () => {
  it('explains exactly the dependencies and devDependencies of package.json', () => {
    const manifest = JSON.parse(read('package.json')) as { dependencies: Record<string, string>; devDependencies: Record<string, string> };
    const declared = [...Object.keys(manifest.dependencies), ...Object.keys(manifest.devDependencies)].sort();
    expect([...new Set(explainedPackages())].sort()).toEqual(declared);
  });
});
