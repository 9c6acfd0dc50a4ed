/** Reads urlencoded form fields without trusting their shape (a forged post may repeat or omit any). */

export type FormBody = Record<string, unknown> | undefined;

/** The field's text, trimmed; '' when absent or not a single value. */
export function textField(body: FormBody, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** The field's text exactly as typed (passwords and secrets are not trimmed). */
export function rawField(body: FormBody, name: string): string {
  const value = body?.[name];
  return typeof value === 'string' ? value : '';
}

/** Every value of a repeated field (checkbox groups). */
export function listField(body: FormBody, name: string): string[] {
  const value = body?.[name];
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}

export function checkboxField(body: FormBody, name: string): boolean {
  return body?.[name] === 'on';
}

/** Per-field error messages shown next to the fields. */
export type FieldErrors = Record<string, string>;
