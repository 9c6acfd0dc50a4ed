/**
 * The FITGATE_ and REDIS_ variables in the environment that fitgate does not read, each with the
 * setting it most likely meant: a misspelt name (FITGATE_SANBOX=off) would otherwise be ignored
 * without a word, and the sandbox stay on; a misspelt REDIS_URL (REDIS_URI) would leave every
 * instance on an embedded store of its own. Start-up warns about each; it does not refuse to start,
 * since an operator's environment may carry names meant for other tools (REDIS_HOST for another
 * program, Docker's REDIS_PORT) or for a newer fitgate.
 */
export interface UnknownSetting {
  readonly name: string;
  /** The known setting this name is nearest to, when it is a likely slip (a few letters off). */
  readonly suggestion: string | undefined;
}

/** fitgate's own prefix, and Redis's: fitgate reads exactly one REDIS_ name, REDIS_URL. */
const PREFIXES = ['FITGATE_', 'REDIS_'];
/** How many edits away a name may be from a known one to be called a slip of it. */
const LIKELY_SLIP = 3;

export function unknownSettings(environment: Record<string, string | undefined>, known: readonly string[]): readonly UnknownSetting[] {
  const knownNames = new Set(known);
  return Object.keys(environment)
    .filter((name) => PREFIXES.some((prefix) => name.startsWith(prefix)) && !knownNames.has(name))
    .sort()
    .map((name) => ({ name, suggestion: knownNames.has(`FITGATE_${name}`) ? `FITGATE_${name}` : nearest(name, known) }));
}

/** The start-up warning about `setting`. */
export function describeUnknownSetting({ name, suggestion }: UnknownSetting): string {
  const ignored = `${name} is not a fitgate setting and is ignored`;
  if (suggestion) return `${ignored}: did you mean ${suggestion}?`;
  if (name.startsWith('REDIS_')) return `${ignored}: fitgate reads Redis's address and password only from REDIS_URL (redis://[:PASSWORD@]HOST:PORT[/DB])`;
  return ignored;
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
