/**
 * Limits hcp puts on Sprig functions that Go would run until memory runs out, so no template
 * can hang or exhaust the process (Go has no such limits; real charts stay far below them).
 */

/** Most elements until, untilStep and seq produce (the template engine's range limit). */
export const MAX_LIST_LENGTH = 10_000_000;

/** Most UTF-16 units a generated string (repeat, indent, rand*, wrap) may have: 256 Mi. */
export const MAX_STRING_LENGTH = 2 ** 28;

/** Throws when a function would build a list longer than MAX_LIST_LENGTH. */
export function checkListLength(fn: string, n: number): void {
  if (n > MAX_LIST_LENGTH) {
    throw new Error(`${fn}: ${n} elements exceed hcp's limit of ${MAX_LIST_LENGTH}`);
  }
}

/** Throws when a function would build a string longer than MAX_STRING_LENGTH. */
export function checkStringLength(fn: string, n: number): void {
  if (n > MAX_STRING_LENGTH) {
    throw new Error(
      `${fn}: a result of ${n} characters exceeds hcp's limit of ${MAX_STRING_LENGTH}`,
    );
  }
}
