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
