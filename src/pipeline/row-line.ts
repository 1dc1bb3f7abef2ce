/**
 * One output row as its CSV line and as the field ranges the final check reads
 * (`RowChecker.checkRange`). When no field needs quoting (the usual case) the line is the fields
 * joined by "," (no per-field regex, no quoting pass in the writer), and the check reads the
 * fields as ranges of that same line.
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
  /** The check text: the CSV line itself, after a successful {@link build}. */
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
   * hold the fields as ranges of the line. (`RowChecker.check` lays a row out without delimiters;
   * the cross-row memo compares cells, not layouts, so a customer whose rows take both paths
   * gets the same findings: decisions/0006.)
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
      at++;
    }
    const line = fields.join(',');
    // The other quoting characters, anywhere in the row: native scans of the line; a comma in a
    // field is a comma found where no delimiter is
    if (line.indexOf('"') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) return null;
    let comma = line.indexOf(',');
    for (let i = 0; i < width - 1; i++) {
      if (comma !== ends[i]) return null;
      comma = line.indexOf(',', comma + 1);
    }
    if (comma >= 0) return null;
    this.text = line;
    return line;
  }
}

function isBlank(code: number): boolean {
  return code === 32 || code === 9;
}
