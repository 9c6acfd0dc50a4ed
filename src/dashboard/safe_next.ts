/**
 * Where to go after signing in: only a path inside the dashboard, so a crafted sign-in link cannot
 * send the admin to another site ("//evil.example" and "/\evil.example" are hosts to browsers).
 */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string') return '/manage';
  if (!/^\/manage(?:[/?#]|$)/.test(value) || /[\\\s]/.test(value)) return '/manage';
  return value;
}
