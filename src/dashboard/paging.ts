/** Page numbers from a query string: zero-based like Auth0's API, never negative, never absurd. */
export const PER_PAGE = 50;
const MAX_PAGE = 10_000;

export function pageOf(value: unknown): number {
  const page = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 0;
  return Math.min(page, MAX_PAGE);
}

/** Query strings for the previous and next pages, keeping the filters; undefined where there is none. */
export function pageLinks(page: number, total: number, filters: Record<string, string>) {
  const link = (target: number) => '?' + new URLSearchParams({ ...filters, page: String(target) }).toString();
  return {
    previous: page > 0 ? link(page - 1) : undefined,
    next: (page + 1) * PER_PAGE < total ? link(page + 1) : undefined,
    from: total === 0 ? 0 : page * PER_PAGE + 1,
    to: Math.min(total, (page + 1) * PER_PAGE),
    total,
  };
}
