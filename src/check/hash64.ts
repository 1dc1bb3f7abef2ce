/**
 * A fast seeded 64-bit string hash (two 32-bit lanes) for cross-row keys. Seeds are random per
 * run, so the hashes kept in memory or spilled to temp files are keyed and not reversible by a
 * dictionary of known values. The hash can also be built piece by piece from ranges of a text
 * (`hashBegin`, `hashRange`, `hashChar`, `hashEnd`): the lanes equal those of hashing the
 * concatenated string.
 * @module
 */

/** The two 32-bit lanes of the last hash computed (avoids allocating per call). */
export const lanes = new Uint32Array(2);

let s1 = 0;
let s2 = 0;
let slen = 0;

/** Start an incremental hash with seeds `a`, `b`. */
export function hashBegin(a: number, b: number): void {
  s1 = a ^ 0x811c9dc5;
  s2 = b ^ 0x01000193;
  slen = 0;
}

/** Feed `text[start, end)`. */
export function hashRange(text: string, start: number, end: number): void {
  let h1 = s1;
  let h2 = s2;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  s1 = h1;
  s2 = h2;
  slen += end - start;
}

/**
 * Feed `text[start, end)` lower-cased like `String#toLowerCase`; returns false (feeding nothing)
 * when the range has a non-ASCII character, whose lower case this does not compute.
 */
export function hashRangeLower(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (text.charCodeAt(i) > 127) return false;
  let h1 = s1;
  let h2 = s2;
  for (let i = start; i < end; i++) {
    let c = text.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
    h2 ^= h2 >>> 15;
  }
  s1 = h1;
  s2 = h2;
  slen += end - start;
  return true;
}

/** Feed one UTF-16 code unit. */
export function hashChar(c: number): void {
  s1 = Math.imul(s1 ^ c, 0x01000193);
  let h2 = Math.imul(s2 ^ c, 0x5bd1e995);
  h2 ^= h2 >>> 15;
  s2 = h2;
  slen++;
}

/** Finish the incremental hash into {@link lanes}. */
export function hashEnd(): void {
  let h1 = s1;
  let h2 = s2;
  h1 ^= h1 >>> 16;
  h1 = Math.imul(h1, 0x85ebca6b);
  h1 ^= h1 >>> 13;
  h1 = Math.imul(h1, 0xc2b2ae35);
  h1 ^= h1 >>> 16;
  h2 ^= slen;
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x7feb352d);
  h2 ^= h2 >>> 15;
  lanes[0] = h1 >>> 0;
  lanes[1] = h2 >>> 0;
}

/** Hash `text` with seeds `a`, `b` into {@link lanes}. */
export function hash64(text: string, a: number, b: number): void {
  hashBegin(a, b);
  hashRange(text, 0, text.length);
  hashEnd();
}

/** Fresh random seeds for one run. */
export function randomSeeds(): [number, number] {
  const s = new Uint32Array(2);
  globalThis.crypto.getRandomValues(s);
  return [s[0] ?? 1, s[1] ?? 2];
}
