/**
 * The FITGATE_ variables in the environment that fitgate does not read, each with the setting it
 * most likely meant: a misspelt name (FITGATE_SANBOX=off) would otherwise be ignored without a word,
 * and the sandbox stay on. Start-up warns about each; it does not refuse to start, since an operator's
 * environment may carry names meant for other tools or for a newer fitgate.
 */
export interface UnknownSetting {
  readonly name: string;
  /** The known setting this name is nearest to, when it is a likely slip (a few letters off). */
  readonly suggestion: string | undefined;
}

const PREFIX = 'FITGATE_';
/** How many edits away a name may be from a known one to be called a slip of it. */
const LIKELY_SLIP = 3;

export function unknownSettings(environment: Record<string, string | undefined>, known: readonly string[]): readonly UnknownSetting[] {
  const knownNames = new Set(known);
  return Object.keys(environment)
    .filter((name) => name.startsWith(PREFIX) && !knownNames.has(name))
    .sort()
    .map((name) => ({ name, suggestion: nearest(name, known) }));
}

function nearest(name: string, known: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    if (distance <= LIKELY_SLIP && (!best || distance < best.distance)) best = { name: candidate, distance };
  }
  return best?.name;
}

/** Levenshtein distance, one row at a time: names are short and this runs once per start. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
