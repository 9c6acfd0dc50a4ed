/** The Grant Types boxes of a rendered application page, in page order: each box's value and whether it is ticked. */
export function grantTypeBoxesOf(html: string): { value: string; ticked: boolean }[] {
  return [...html.matchAll(/<input type="checkbox" name="grant_types" value="([^"]+)"([^>]*)>/g)].map((match) => ({
    value: match[1]!,
    ticked: match[2]!.includes(' checked'),
  }));
}

/** The ticked boxes' values. */
export function tickedGrantTypesOf(html: string): string[] {
  return grantTypeBoxesOf(html)
    .filter((box) => box.ticked)
    .map((box) => box.value);
}

/**
 * The hidden fields a rendered application page posts with its Grant Types, as a browser sends them:
 * the boxes the page shows (grant_types_shown) and those ticked when it was made (grant_types_held).
 */
export function grantTypesShownOf(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const match of html.matchAll(/<input type="hidden" name="(grant_types_shown|grant_types_held)" value="([^"]*)">/g)) fields[match[1]!] = match[2]!;
  return fields;
}
