/**
 * Which columns are card numbers (configured, or detected by their values), which are CVCs to
 * drop, and the output header: each card column becomes the token plus `_bin`, `_last4`, `_brand`.
 * @module
 */
import { ToolkitError, VAULT_TOKEN_PATTERN } from '../core/index.js';
import type { CsvRecord } from '../csv/index.js';
import { findPans, isCvcHeader } from '../scan/index.js';

/** The column plan for one file. */
export interface ColumnPlan {
  /** Input indexes of card columns, in file order. */
  readonly card: readonly number[];
  /** Card columns found by their values but not configured. */
  readonly detected: readonly number[];
  /** CVC columns, dropped. */
  readonly dropped: readonly number[];
  /** Input indexes written as they are. */
  readonly kept: readonly number[];
  /** Kept id columns whose values may be shaped like card numbers (NMI vault ids): not a leak. */
  readonly ids: readonly number[];
  readonly outputHeader: readonly string[];
}

/** Of the filled cells of column `index` in the sample: how many, and how many pass `test`. */
function countCells(
  index: number,
  sample: readonly CsvRecord[],
  test: (value: string) => boolean,
): { filled: number; passed: number } {
  let filled = 0;
  let passed = 0;
  for (const record of sample) {
    const value = (record.fields[index] ?? '').trim();
    if (value === '') continue;
    filled++;
    if (test(value)) passed++;
  }
  return { filled, passed };
}

/** True when the filled cells are card numbers, each the whole cell, at least half of the time. */
function looksLikeCards(index: number, sample: readonly CsvRecord[]): boolean {
  const { filled, passed } = countCells(index, sample, (value) => {
    const hit = findPans(value)[0];
    return hit !== undefined && hit.index === 0 && hit.end === value.length;
  });
  return passed > 0 && passed * 2 >= filled;
}

/** True when the filled cells of column `index` in the sample are mostly vault tokens. */
function holdsTokens(index: number, sample: readonly CsvRecord[]): boolean {
  const { filled, passed } = countCells(index, sample, (value) => VAULT_TOKEN_PATTERN.test(value));
  return filled > 0 && passed * 2 > filled;
}

/** Plan the columns; TOKENIZE_COLUMN_NOT_FOUND / TOKENIZE_NO_CARD_COLUMN. */
export function planColumns(
  header: readonly string[],
  configured: readonly string[],
  sample: readonly CsvRecord[],
  idColumns: readonly string[] = [],
): ColumnPlan {
  const lower = header.map((h) => h.trim().toLowerCase());
  const indexOf = (name: string): number => {
    const index = lower.indexOf(name.trim().toLowerCase());
    if (index === -1)
      throw new ToolkitError('TOKENIZE_COLUMN_NOT_FOUND', `The file has no column named "${name}".`, {
        context: { column: name },
      });
    return index;
  };
  const wanted = new Set(configured.map(indexOf));
  const ids = [...new Set(idColumns.map(indexOf))].sort((a, b) => a - b);
  const both = ids.find((i) => wanted.has(i));
  if (both !== undefined)
    throw new ToolkitError(
      'USAGE',
      `Column "${header[both]}" is named both a card column (--columns) and an id column (--id-columns).`,
    );
  const dropped = header.flatMap((h, i) => (isCvcHeader(h) && !wanted.has(i) ? [i] : []));
  const detected = header.flatMap((_, i) =>
    !wanted.has(i) && !ids.includes(i) && !dropped.includes(i) && looksLikeCards(i, sample) ? [i] : [],
  );
  const card = header.flatMap((_, i) => (wanted.has(i) || detected.includes(i) ? [i] : []));
  if (card.length === 0) {
    const tokenized = header.findIndex((_, i) => holdsTokens(i, sample));
    if (tokenized >= 0)
      throw new ToolkitError(
        'TOKENIZE_NO_CARD_COLUMN',
        `The file is already tokenized: column "${header[tokenized]}" holds vault tokens. Build from it as it is.`,
        { context: { column: header[tokenized] ?? '' } },
      );
    throw new ToolkitError('TOKENIZE_NO_CARD_COLUMN', 'No card-number column was configured or detected.');
  }
  const tokens = card.find((i) => holdsTokens(i, sample));
  if (tokens !== undefined)
    throw new ToolkitError(
      'TOKENIZE_NO_CARD_COLUMN',
      `Column "${header[tokens]}" already holds vault tokens: the file is tokenized. Build from it as it is.`,
      { context: { column: header[tokens] ?? '' } },
    );
  const kept = header.flatMap((_, i) => (!card.includes(i) && !dropped.includes(i) ? [i] : []));
  const outputHeader = header.flatMap((h, i) =>
    card.includes(i) ? [h, `${h}_bin`, `${h}_last4`, `${h}_brand`] : dropped.includes(i) ? [] : [h],
  );
  return { card, detected, dropped, kept, ids, outputHeader };
}
