const LATE = Symbol('late');

/**
 * `work`'s outcome if it settles within `ms`; otherwise what `meanwhile` offers then, or, when it
 * offers nothing, `work`'s outcome after all. `work` is not cancelled: whoever started it still owns
 * it (and must handle its rejection when nobody else waits for it).
 */
export async function withinPatience<T>(work: Promise<T>, ms: number, meanwhile: () => T | undefined): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const patience = new Promise<typeof LATE>((resolve) => {
    timer = setTimeout(() => resolve(LATE), ms);
  });
  try {
    const first = await Promise.race([work, patience]);
    if (first !== LATE) return first;
    return meanwhile() ?? (await work);
  } finally {
    clearTimeout(timer);
  }
}
