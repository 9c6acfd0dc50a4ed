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
