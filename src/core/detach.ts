/**
 * Strings kept for long (memo maps, the set of customers seen, the lookup to-do) must not be
 * slices of the CSV door's text. `slice` of a long string gives a V8 sliced string (13 characters
 * or more) that holds its whole parent: each kept 20-character cell would keep its 64 KiB chunk of
 * the file alive, and a memo of 10,000 values spread over a file kept ~280 MB of the input
 * (docs/benchmarks.md, stop 18). {@link detachString} gives a string that holds only its own text.
 * @module
 */

/**
 * The same text, holding no larger string: a new sequential (flat) copy. `Array#join` of two
 * pieces writes one new string of `s.length` characters (a `slice` would give a sliced string
 * again, and a one-element join gives `s` itself). Being flat also keeps later work on the kept
 * string in V8's fast paths: comparing (`===`, `<`) or hashing a sliced string goes through the
 * runtime (docs/benchmarks.md, stop 21). For a string too short to be a slice, the copy is the
 * price of not asking V8 which it is.
 */
export function detachString(s: string): string {
  return s.length < 2 ? s : [s.slice(0, 1), s.slice(1)].join('');
}
