/**
 * Strings kept for long (memo maps, the set of customers seen, the lookup to-do) must not be
 * slices of the CSV door's text. `slice` of a long string gives a V8 sliced string (13 characters
 * or more) that holds its whole parent: each kept 20-character cell would keep its 64 KiB chunk of
 * the file alive, and a memo of 10,000 values spread over a file kept ~280 MB of the input
 * (docs/benchmarks.md, stop 18). {@link detachString} gives a string that holds only its own text.
 * @module
 */

/**
 * The same text, holding no larger string: `' ' + s` is flattened into a new string of
 * `s.length + 1` characters when it is sliced, and the slice's parent is that copy. For a
 * string too short to be a slice, the copy is the price of not asking V8 which it is.
 */
export function detachString(s: string): string {
  return s.length === 0 ? s : ` ${s}`.slice(1);
}
