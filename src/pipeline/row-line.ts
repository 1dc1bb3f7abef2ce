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
 * Given the row's cell versions, it searches only changed comma columns and joins the line from
 * pieces kept between rows (line-pieces.ts).
 */
export class RowLine {
  /** Field i of the last row built is `text.slice(starts[i], ends[i])`. */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The check text: the CSV line itself, after a successful {@link build}. */
  text = '';
  readonly #width: number;
  readonly #commaColumns: Int32Array;
  /** 1 for the comma columns. */
  readonly #isComma: Uint8Array;
  /** The serial of the last line built with versions (-1: none, or the last build declined). */
  #builtSerial = -1;
  readonly #pieces: LinePieces;

  /** `commaColumns`: the columns to search for commas (default: all). */
  constructor(width: number, commaColumns?: readonly number[]) {
    this.#width = width;
    this.starts = new Int32Array(width);
    this.ends = new Int32Array(width);
    this.#commaColumns = Int32Array.from(commaColumns ?? Array.from({ length: width }, (_, i) => i));
    this.#pieces = new LinePieces(width);
    this.#isComma = new Uint8Array(width);
    for (const i of this.#commaColumns) this.#isComma[i] = 1;
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
    const { starts, ends } = this;
    const from = this.#firstMoved(fields, versions, since);
    let at = from < width ? starts[from]! : 0;
    for (let i = from; i < width; i++) {
      starts[i] = at;
      at += (fields[i] as string).length;
      ends[i] = at;
      at++;
    }
    const line = versions === undefined ? fields.join(',') : this.#pieces.join(fields, versions);
    if (line.indexOf('"') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) return null;
    if (!this.#commaFree(line, versions, since)) return null;
    this.text = line;
    if (versions !== undefined) this.#builtSerial = versions.serial;
    return line;
  }

  /**
   * The first cell whose range may differ from the last line built: 0 without versions or when
   * that line was not the row before; else the first changed cell whose length changed (the
   * cells before it keep their ranges), or the width when none did.
   */
  #firstMoved(fields: readonly string[], versions: CellVersions | undefined, since: number): number {
    const changed = versions?.changed;
    if (versions === undefined || changed === undefined || since < 0 || since !== versions.serial - 1)
      return 0;
    const { starts, ends } = this;
    let from = this.#width;
    const count = versions.changedCount ?? 0;
    for (let j = 0; j < count; j++) {
      const i = changed[j]!;
      if (i < from && (fields[i] as string).length !== ends[i]! - starts[i]!) from = i;
    }
    return from;
  }

  /**
   * True when no comma column holds a comma. With versions, a comma column unchanged since the
   * last line built (row `since`) had none then: only changed ones are searched (from the list of
   * changed cells when that line was the row before).
   */
  #commaFree(line: string, versions: CellVersions | undefined, since: number): boolean {
    const changed = versions?.changed;
    if (versions !== undefined && changed !== undefined && since >= 0 && since === versions.serial - 1) {
      const isComma = this.#isComma;
      const count = versions.changedCount ?? 0;
      for (let j = 0; j < count; j++) {
        const i = changed[j]!;
        if (isComma[i] === 1 && this.#commaIn(line, i)) return false;
      }
      return true;
    }
    const changedAt = versions === undefined || since < 0 ? null : versions.changedAt;
    const columns = this.#commaColumns;
    for (let k = 0; k < columns.length; k++) {
      const i = columns[k]!;
      if (!(changedAt !== null && changedAt[i]! <= since) && this.#commaIn(line, i)) return false;
    }
    return true;
  }

  /** True when cell i of the line just joined holds a comma. */
  #commaIn(line: string, i: number): boolean {
    const comma = line.indexOf(',', this.starts[i]!);
    return comma >= 0 && comma < this.ends[i]!;
  }
}
