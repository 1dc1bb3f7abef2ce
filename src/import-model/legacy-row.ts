/**
 * A Transactions-file row viewed by column name, with its record number.
 * @module
 */

/** One data row of a Konnektive Transactions file. */
export interface LegacyRow {
  /** 1-based data record number in its file. */
  readonly row: number;
  /** Column value by name ('' when the column is absent). */
  readonly get: (column: string) => string;
}

/** A row view over `fields` under `header` (header names are the spec's column names). */
export function legacyRow(header: readonly string[], fields: readonly string[], row: number): LegacyRow {
  const index = new Map<string, number>();
  header.forEach((name, i) => {
    if (!index.has(name)) index.set(name, i);
  });
  return legacyRowWith(index, fields, row);
}

/** Like {@link legacyRow} with a prepared name → index map (fast path for big files). */
export function legacyRowWith(
  index: ReadonlyMap<string, number>,
  fields: readonly string[],
  row: number,
): LegacyRow {
  return {
    row,
    get: (column) => {
      const i = index.get(column);
      return i === undefined ? '' : (fields[i] ?? '').trim();
    },
  };
}

/**
 * A header's name → index map (first occurrence wins) that also finds a name spelled in another
 * case (`PaySource` for `paySource`, as a vendor template may spell it) or with spaces around it.
 */
class HeaderIndex extends Map<string, number> {
  readonly #loose = new Map<string, number>();

  constructor(header: readonly string[]) {
    super();
    header.forEach((name, i) => {
      if (!super.has(name)) super.set(name, i);
      const key = name.trim().toLowerCase();
      if (!this.#loose.has(key)) this.#loose.set(key, i);
    });
  }

  override get(name: string): number | undefined {
    return super.get(name) ?? this.#loose.get(name.toLowerCase());
  }

  override has(name: string): boolean {
    return this.get(name) !== undefined;
  }
}

/** The name → index map of a header (first occurrence wins; other spellings in case found too). */
export function headerIndex(header: readonly string[]): ReadonlyMap<string, number> {
  return new HeaderIndex(header);
}
