/**
 * `text.trim()` for the hot paths: a value that starts and ends with a visible ASCII character
 * (nearly every cell) is returned as is without the builtin call, which costs more than the
 * two character tests.
 * @module
 */

/** The same string as `text.trim()`. */
export function trimEnds(text: string): string {
  const n = text.length;
  if (n === 0) return text;
  const first = text.charCodeAt(0);
  const last = text.charCodeAt(n - 1);
  return first > 32 && first < 127 && last > 32 && last < 127 ? text : text.trim();
}
