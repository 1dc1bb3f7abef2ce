/**
 * One batch of records: validate card cells, refuse card numbers elsewhere, tokenize the valid
 * ones in one vault call, and shape the output and reject rows.
 * @module
 */
import { ToolkitError } from '../core/index.js';
import type { CsvRecord } from '../csv/index.js';
import type { CardBrand } from '../scan/index.js';
import { findPans } from '../scan/index.js';
import type { TokenVault } from '../vault/index.js';
import type { ColumnPlan } from './card-columns.js';
import { checkPan } from './check-pan.js';
import type { TokenizeIssueCode } from './issue-codes.js';

/** A rejected record. */
export interface RejectRow {
  readonly record: CsvRecord;
  readonly column: string;
  readonly code: TokenizeIssueCode;
  readonly masked: string;
}

/** The output of one batch. */
export interface BatchResult {
  readonly rows: readonly (readonly string[])[];
  readonly rejects: readonly RejectRow[];
  readonly cards: number;
}

function guardKept(record: CsvRecord, plan: ColumnPlan, header: readonly string[]): void {
  for (const i of plan.kept) {
    const value = record.fields[i] ?? '';
    if (value.length >= 13 && findPans(value).length > 0)
      throw new ToolkitError(
        'TOKENIZE_PAN_OUTSIDE_CARD_COLUMN',
        `Row ${record.row} (line ${record.line}): column "${header[i] ?? i}" holds a card number. Add it to --columns or clean the file.`,
        { context: { row: record.row, line: record.line, column: header[i] ?? null } },
      );
  }
}

/** Tokenize one batch. */
export async function tokenizeBatch(
  records: readonly CsvRecord[],
  plan: ColumnPlan,
  header: readonly string[],
  vault: TokenVault,
): Promise<BatchResult> {
  const pans: string[] = [];
  const brands: CardBrand[] = [];
  const accepted: { record: CsvRecord; first: number }[] = [];
  const rejects: RejectRow[] = [];
  for (const record of records) {
    guardKept(record, plan, header);
    const first = pans.length;
    let reject: RejectRow | null = null;
    for (const i of plan.card) {
      const raw = record.fields[i] ?? '';
      if (raw.trim() === '') {
        pans.push('');
        brands.push('visa');
        continue;
      }
      const checked = checkPan(raw);
      if (!checked.ok) {
        reject = { record, column: header[i] ?? '', code: checked.code, masked: checked.masked };
        break;
      }
      pans.push(checked.digits);
      brands.push(checked.brand);
    }
    if (reject === null) accepted.push({ record, first });
    else {
      pans.length = first;
      brands.length = first;
      rejects.push(reject);
    }
  }
  const nonEmpty = pans.filter((p) => p !== '');
  const tokens = await vault.tokenize(nonEmpty);
  const tokenOf: string[] = [];
  let t = 0;
  for (const pan of pans) tokenOf.push(pan === '' ? '' : (tokens[t++] ?? ''));
  const rows = accepted.map(({ record, first }) => outputRow(record, plan, pans, brands, tokenOf, first));
  return { rows, rejects, cards: nonEmpty.length };
}

function outputRow(
  record: CsvRecord,
  plan: ColumnPlan,
  pans: readonly string[],
  brands: readonly CardBrand[],
  tokens: readonly string[],
  first: number,
): string[] {
  const out: string[] = [];
  let c = first;
  for (let i = 0; i < record.fields.length || i < plan.card.length; i++) {
    if (plan.dropped.includes(i)) continue;
    if (plan.card.includes(i)) {
      const pan = pans[c] ?? '';
      out.push(tokens[c] ?? '', pan.slice(0, 6), pan.slice(-4), pan === '' ? '' : (brands[c] ?? ''));
      c++;
    } else if (i < record.fields.length) out.push(record.fields[i] ?? '');
  }
  return out;
}
