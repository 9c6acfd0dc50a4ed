import { z } from 'zod';

/**
 * A whole number in decimal digits from `min` to `max`, refused otherwise with `problem`. Not
 * z.coerce.number(): Number() reads " " as 0 (PORT=" " listened on a random port while the printed
 * URL said 3000), "0x10" as 16 and "1e3" as 1000. An empty value is unset, as for every setting
 * (withoutBlanks in load_config.ts); one of spaces is a value, and refused like any other.
 */
export function wholeNumber(min: number, max: number, problem: string) {
  return z
    .string({ error: problem })
    .refine((value) => /^\d{1,15}$/.test(value) && Number(value) >= min && Number(value) <= max, { message: problem })
    .transform(Number);
}

const PORT_PROBLEM = 'must be a port number from 0 to 65535, in decimal digits';

/** A TCP port to listen on; 0 asks the system for any free one. */
export const port = wholeNumber(0, 65535, PORT_PROBLEM);
