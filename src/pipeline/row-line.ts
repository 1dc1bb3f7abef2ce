/**
 * One output row as its CSV line and as the field ranges the final check reads
 * (`RowChecker.checkRange`). When no field needs quoting (the usual case) the line is the fields
 * joined by "," (no per-field regex, no quoting pass in the writer), and the check reads the
 * fields as ranges of that same line.
 * @module
 */
import type { CellVersions } from '../check/index.js';
import { LinePieces } from './line-pieces.js';

/**
 * Reusable builder of one row's check text and CSV line, for rows of a fixed width. Not
 * reentrant: one row at a time.
 *
 * The line is meant for rows the final check then finds clean, and is exact for them: such a row
 * has no blank at either end of a cell (the screen rejects those), and a comma can only stand in
 * a column whose rule admits one (`commaColumns`, from `RowChecker.columnsAdmitting`), so only
 * those columns are searched for commas; quotes and line breaks are searched in the whole line.
 */
export class RowLine {
  /** Field i of the last row built is `text.slice(starts[i], ends[i])`. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The check text: the CSV line itself, after a successful {@link build}. */
  text = '';
  readonly #width: number;
  readonly #commaColumns: Int32Array;
  /** 1 for the columns searched for commas. */
  readonly #commaSearched: Uint8Array;
  /** The serial of the last row built with versions (-1: none, or the last build failed). */
  #builtSerial = -1;
  /** The serial of the last row given with versions, and its cells' lengths. */
  #seenSerial = -1;
  readonly #lengths: Int32Array;
  readonly #pieces: LinePieces;

  /** `commaColumns`: the columns to search for commas (default: all). */
  constructor(width: number, commaColumns?: readonly number[]) {
    this.#width = width;
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
    this.#commaColumns = Int32Array.from(commaColumns ?? Array.from({ length: width }, (_, i) => i));
    this.#commaSearched = new Uint8Array(width);
    this.#lengths = new Int32Array(width);
    this.#pieces = new LinePieces(width);
    for (const i of this.#commaColumns) this.#commaSearched[i] = 1;
  }

  /**
   * The CSV line of `fields` (no line ending) — `formatCsvRow(fields)` when the final check finds
   * the row clean — or null when a field needs quoting or the row has another width (then format
   * it the ordinary way). On success `text`, `starts` and `ends` hold the fields as ranges of the
   * line. (`RowChecker.check` lays a row out without delimiters; the cross-row memo compares
   * cells, not layouts, so a customer whose rows take both paths gets the same findings:
   * decisions/0006.)
   */
  build(fields: readonly string[], versions?: CellVersions): string | null {
    const width = this.#width;
    const since = this.#builtSerial;
    this.#builtSerial = -1;
    // A one-column row of one empty field is written as "" (see formatCsvRow): not plain.
    if (fields.length !== width || width < 2) return null;
    if (versions !== undefined) return this.#buildChanged(fields, versions, since);
    const { starts, ends } = this;
    let at = 0;
    for (let i = 0; i < width; i++) {
      starts[i] = at;
      at += (fields[i] as string).length;
      ends[i] = at;
      at++;
    }
    const line = fields.join(',');
    if (line.indexOf('"') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) return null;
    const columns = this.#commaColumns;
    for (let k = 0; k < columns.length; k++) {
      const i = columns[k]!;
      const comma = line.indexOf(',', starts[i]!);
      if (comma >= 0 && comma < ends[i]!) return null;
    }
    this.text = line;
    return line;
  }

  /**
   * {@link build} for rows that come with versions: only the cells changed since the last row
   * built this way are searched (the others were searched then), only changed cells' lengths are
   * read again, and the line is joined from pieces (see LinePieces).
   */
  #buildChanged(fields: readonly string[], versions: CellVersions, since: number): string | null {
    const { changedAt, serial } = versions;
    const comma = this.#commaSearched;
    const lengths = this.#lengths;
    const seen = this.#seenSerial;
    this.#seenSerial = serial;
    let plain = true;
    for (let i = 0; i < fields.length; i++) {
      const at = changedAt[i]!;
      if (seen >= 0 && at <= seen) continue;
      const cell = fields[i] as string;
      lengths[i] = cell.length;
      if (plain && at > since) plain = plainCell(cell, comma[i] === 1);
    }
    // cells changed since the last line built but not since the last row seen (a line declined in between)
    if (plain && since < seen) {
      for (let i = 0; i < fields.length; i++) {
        const at = changedAt[i]!;
        if ((since < 0 || at > since) && at <= seen && !plainCell(fields[i] as string, comma[i] === 1)) {
          plain = false;
          break;
        }
      }
    }
    if (!plain) return null;
    const { starts, ends } = this;
    let at = 0;
    for (let i = 0; i < fields.length; i++) {
      starts[i] = at;
      at += lengths[i]!;
      ends[i] = at;
      at++;
    }
    const line = this.#pieces.join(fields, versions);
    this.text = line;
    this.#builtSerial = serial;
    return line;
  }
}

/** True when `cell` holds no quote, CR or LF (nor comma, with `commas`). */
function plainCell(cell: string, commas: boolean): boolean {
  for (let k = 0; k < cell.length; k++) {
    const c = cell.charCodeAt(k);
    if (c === 34 || c === 10 || c === 13 || (commas && c === 44)) return false;
  }
  return true;
}
