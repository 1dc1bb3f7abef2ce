/**
 * A fast seeded 64-bit string hash (two 32-bit lanes) for cross-row keys. Seeds are random per
 * run, so the hashes kept in memory or spilled to temp files are keyed and not reversible by a
 * dictionary of known values.
 * @module
 */

/** The two 32-bit lanes of the last hash computed (avoids allocating per call). */
export const lanes = new Uint32Array(2);

/** Hash `text` with seeds `a`, `b` into {@link lanes}. */
export function hash64(text: string, a: number, b: number): void {
  let h1 = a ^ 0x811c9dc5;
  let h2 = b ^ 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 ^= text.length;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x7feb352d);
  h2 ^= h2 >>> 15;
  lanes[0] = h1 >>> 0;
  lanes[1] = h2 >>> 0;
}

/** Fresh random seeds for one run. */
export function randomSeeds(): [number, number] {
  const s = new Uint32Array(2);
  globalThis.crypto.getRandomValues(s);
  return [s[0] ?? 1, s[1] ?? 2];
}
