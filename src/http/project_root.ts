import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root (where package.json, views/ and public/ are), found by walking up from this
 * file: it is src/http under the tests and dist/src/http under `npm start`.
 */
export function projectRoot(): string {
  const start = dirname(fileURLToPath(import.meta.url));
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json')) && existsSync(join(directory, 'views'))) return directory;
    if (dirname(directory) === directory) throw new Error(`no package.json with views/ above ${start}`);
  }
}
