/**
 * A row as field ranges of one text, the form the range paths read (`text[starts[i], ends[i])`).
 */
export function rangesOf(
  cells: readonly string[],
  delimiter = ',',
  prefix = '',
): { text: string; starts: Int32Array; ends: Int32Array } {
  const starts = new Int32Array(cells.length);
  const ends = new Int32Array(cells.length);
  let at = prefix.length;
  cells.forEach((c, i) => {
    starts[i] = at;
    ends[i] = at + c.length;
    at += c.length + delimiter.length;
  });
  return { text: prefix + cells.join(delimiter), starts, ends };
}
