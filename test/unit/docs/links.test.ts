import { describe, expect, it } from '@jest/globals';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * The manual is split over many pages that link to each other; a page moved or a heading renamed
 * must not leave a link pointing nowhere.
 */

const ROOT = resolve(import.meta.dirname, '../../..');

function markdownUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return markdownUnder(path);
    return name.endsWith('.md') ? [path] : [];
  });
}

const PAGES = ['README.md', 'bench/README.md', 'src/connections/fitbit/README.md', 'src/connections/oauth2/README.md', ...markdownUnder('docs')];

/** The text outside fenced code blocks and inline code, where links and headings are live. */
function liveLines(markdown: string): string[] {
  let fenced = false;
  return markdown.split('\n').map((line) => {
    if (/^\s*(```|~~~)/.test(line)) {
      fenced = !fenced;
      return '';
    }
    return fenced ? '' : line.replace(/`[^`]*`/g, (code) => code.replace(/[[\]()]/g, ' '));
  });
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
export function anchorsOf(markdown: string): Set<string> {
  let fenced = false;
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const line of markdown.split('\n')) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = !fenced && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = heading[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

interface Link {
  readonly page: string;
  readonly line: number;
  readonly target: string;
}

function relativeLinks(page: string): Link[] {
  const links: Link[] = [];
  liveLines(readFileSync(join(ROOT, page), 'utf8')).forEach((text, index) => {
    for (const match of text.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
      const target = match[1]!;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ page, line: index + 1, target });
    }
  });
  return links;
}

function brokenReason(link: Link): string | undefined {
  const [path = '', anchor] = link.target.split('#', 2);
  const file = path === '' ? join(ROOT, link.page) : resolve(dirname(join(ROOT, link.page)), decodeURIComponent(path));
  if (!existsSync(file)) return `${relative(ROOT, file)} does not exist`;
  if (anchor === undefined || !file.endsWith('.md')) return undefined;
  const anchors = anchorsOf(readFileSync(file, 'utf8'));
  return anchors.has(decodeURIComponent(anchor).toLowerCase()) ? undefined : `${relative(ROOT, file)} has no heading #${anchor}`;
}

describe('links in the manual', () => {
  it('reads every page of the manual', () => {
    expect(PAGES).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'docs/operations.md', 'bench/README.md']));
    for (const page of PAGES) expect(existsSync(join(ROOT, page))).toBe(true);
  });

  it('makes anchors as GitHub does, so a link to a heading is checked against the right name', () => {
    const anchors = anchorsOf('# Logging in: `/authorize` and `/login/callback`\n## Forms: Post/Redirect/Get\n## Paging\n## Paging\n```sh\n# not a heading\n```');
    expect([...anchors]).toEqual(['logging-in-authorize-and-logincallback', 'forms-postredirectget', 'paging', 'paging-1']);
  });

  it.each(PAGES)('every relative link in %s points at an existing file and heading', (page) => {
    const broken = relativeLinks(page).flatMap((link) => {
      const reason = brokenReason(link);
      return reason ? [`${link.page}:${link.line} (${link.target}): ${reason}`] : [];
    });
    expect(broken).toEqual([]);
  });
});
