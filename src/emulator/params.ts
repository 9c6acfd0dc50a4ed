/** A non-empty string parameter from a parsed query or form body; repeated or missing ones are undefined. */
export function stringParam(source: unknown, name: string): string | undefined {
  const value: unknown = (source as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}
