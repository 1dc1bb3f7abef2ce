/**
 * A fast 32-bit string hash (FNV-1a with a murmur3 finalizer) for cardinality sketches.
 * @module
 */

/** Hash `text.slice(start, end)` without building the substring. */
export function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hash a string to an unsigned 32-bit integer. */
export function hashString(text: string): number {
  return hashRange(text, 0, text.length);
}
