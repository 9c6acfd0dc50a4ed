import { join } from 'node:path';
import type { Page } from 'playwright-core';

/** Checks that read a loaded page without changing it: axe-core's findings and sideways scrolling. */

const AXE_PATH = join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core's serious and critical violations (the page's CSP must be bypassed to inject axe). */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE_PATH });
  const violations = (await page.evaluate('axe.run(document).then((result) => result.violations)')) as AxeViolation[];
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
}

/** One line per violation, naming the page, the width and where: what a failing test shows. */
export function describeViolations(name: string, width: number, violations: readonly AxeViolation[]): string[] {
  return violations.map((violation) => {
    const where = violation.nodes.map((node) => node.target.join(' ')).join(', ');
    return `${name} at ${width} px: ${violation.id} (${violation.impact}): ${violation.help} at ${where}`;
  });
}

/** How much wider than the window the page is (0 when it fits). */
export async function overflowWidth(page: Page): Promise<number> {
  const { scrollWidth, innerWidth } = (await page.evaluate(
    '({ scrollWidth: document.scrollingElement.scrollWidth, innerWidth: window.innerWidth })',
  )) as { scrollWidth: number; innerWidth: number };
  return Math.max(0, scrollWidth - innerWidth);
}

/**
 * Table headers shown as a header row that take more than one line ("Ty/pe"), by their text. A
 * header visually hidden (an "Actions" column, or a table shown as cards) is not looked at.
 */
export async function wrappedHeaders(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('main th')]
    .filter((th) => !th.querySelector('.visually-hidden') && getComputedStyle(th.closest('thead') || th).position !== 'absolute')
    .filter((th) => {
      const range = document.createRange();
      range.selectNodeContents(th);
      return new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top))).size > 1;
    })
    .map((th) => th.textContent.trim())`)) as string[];
}

/** Short status words in tables (a user's identity "connected") drawn over more than one line. */
export async function wrappedStatuses(page: Page): Promise<string[]> {
  return (await page.evaluate(`[...document.querySelectorAll('main td [class^="status-"], main td [class*=" status-"]')]
    .filter((status) => new Set([...status.getClientRects()].map((rect) => Math.round(rect.top))).size > 1)
    .map((status) => status.textContent.trim())`)) as string[];
}
