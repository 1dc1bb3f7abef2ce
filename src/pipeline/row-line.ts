/**
 * One output row as its CSV line and as the field ranges the final check reads
 * (`RowChecker.checkRange`). When no field needs quoting (the usual case) the line is the fields
 * joined by "," (no per-field regex, no quoting pass in the writer).
 * @module
 */

/**
 * Reusable builder of one row's check text and CSV line, for rows of a fixed width. Not
 * reentrant: one row at a time.
 */
export class RowLine {
  /** Field i of the last row built is `text.slice(starts[i], ends[i])`. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The fields joined without delimiter (the check text), after a successful {@link build}. */
  text = '';
  readonly #width: number;

  constructor(width: number) {
    this.#width = width;
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
  }

  /**
   * The CSV line of `fields` (no line ending), or null when a field needs quoting or the row
   * has another width (then format it the ordinary way). On success `text`, `starts` and `ends`
   * hold the fields as ranges of one text joined without delimiter: the layout
   * `RowChecker.check` builds itself, so the checker's cross-row memo (which compares raw spans
   * of consecutive rows) sees the same spans whichever of its two paths a row takes.
   */
  build(fields: readonly string[]): string | null {
    const width = this.#width;
    // A one-column row of one empty field is written as "" (see formatCsvRow): not plain.
    if (fields.length !== width || width < 2) return null;
    const { starts, ends } = this;
    let at = 0;
    for (let i = 0; i < width; i++) {
      const f = fields[i] as string;
      const n = f.length;
      if (n > 0 && (isBlank(f.charCodeAt(0)) || isBlank(f.charCodeAt(n - 1)))) return null;
      starts[i] = at;
      at += n;
      ends[i] = at;
    }
    // The other quoting characters, anywhere in the row: four native scans of one text.
    const text = fields.join('');
    if (
      text.indexOf('"') >= 0 ||
      text.indexOf(',') >= 0 ||
      text.indexOf('\n') >= 0 ||
      text.indexOf('\r') >= 0
    )
      return null;
    this.text = text;
    return fields.join(',');
  }
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
