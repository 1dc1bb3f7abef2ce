/**
 * Field boundaries of one physical line without building substrings: the range fast path.
 * Accepts only lines the string path would split the same way (unquoted fields, and quoted fields
 * with no doubled quote that end at a delimiter or the line end); anything else returns -1 and is
 * left to the string path.
 * @module
 */

/** Index just past the closing quote of the field opened at `open`, or -1 when not simple. */
function quotedEnd(text: string, open: number, nl: number, dc: number): number {
  const close = text.indexOf('"', open + 1);
  if (close < 0 || close >= nl) return -1;
  const after = close + 1;
  return after === nl || text.charCodeAt(after) === dc ? after : -1;
}

/**
 * Write the field ranges of the line `text[pos, nl)` into `starts`/`ends` from `base` on (the
 * content of a quoted field excludes its quotes). `q` is the index of the first quote at or after
 * `pos` (or -1). Returns the field count, or -1 when the line needs the string path or has more
 * than `max` fields.
 */
export function splitFieldRanges(
  text: string,
  pos: number,
  nl: number,
  q: number,
  dc: number,
  starts: Int32Array,
  ends: Int32Array,
  base: number,
  max: number,
): number {
  let k = 0;
  let i = pos;
  let quote = q < 0 || q > nl ? nl : q;
  const d = String.fromCharCode(dc);
  for (;;) {
    if (k === max) return -1;
    const ch = text.charCodeAt(i);
    if (i < nl && ch === dc) {
      starts[base + k] = i;
      ends[base + k++] = i++;
      continue;
    }
    if (i < nl && ch === 34) {
      const after = quotedEnd(text, i, nl, dc);
      if (after < 0) return -1;
      starts[base + k] = i + 1;
      ends[base + k++] = after - 1;
      if (after === nl) return k;
      quote = text.indexOf('"', after);
      if (quote < 0 || quote > nl) quote = nl;
      i = after + 1;
      continue;
    }
    let end = i >= nl ? nl : text.indexOf(d, i + 1);
    if (end < 0 || end > nl) end = nl;
    if (quote < end) return -1;
    starts[base + k] = i;
    ends[base + k++] = end;
    if (end === nl) return k;
    i = end + 1;
  }
}
