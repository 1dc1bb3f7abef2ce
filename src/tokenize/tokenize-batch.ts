/**
 * One batch of records: validate card cells, refuse card numbers elsewhere, tokenize the valid
 * ones in one vault call, and shape the output and reject rows.
 * @module
 */
import { ToolkitError } from '../core/index.js';
import type { CsvIssueCode, CsvRecord } from '../csv/index.js';
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
  /** A card-number problem, or the CSV error that makes the record unreadable (fields shifted). */
  readonly code: TokenizeIssueCode | CsvIssueCode;
  readonly masked: string;
  /** For a CSV error: the reader's message. */
  readonly message?: string;
}

/** The output of one batch. */
export interface BatchResult {
  readonly rows: readonly (readonly string[])[];
  readonly rejects: readonly RejectRow[];
  readonly cards: number;
}

/** A space, dash, dot, or no-break, figure or thin space: what may stand between card digits. */
function isGap(c: number): boolean {
  return c === 32 || c === 45 || c === 46 || c === 0xa0 || c === 0x2007 || c === 0x2009 || c === 0x202f;
}

/**
 * True when `value` may hold a card number: a run of 13+ digits with up to three spaces, dashes or
 * dots (see isGap) between digits (a superset of the shapes `findPans` looks for). A charCode loop, so the
 * common cell (a name, an amount, a date) costs a few comparisons and no regex.
 */
export function mayHoldPan(value: string): boolean {
  const n = value.length;
  if (n < 13) return false;
  let digits = 0;
  let gap = 0;
  for (let k = 0; k < n; k++) {
    const c = value.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      if (++digits >= 13) return true;
      gap = 0;
    } else if (isGap(c) && digits > 0 && gap < 3) gap++;
    else {
      digits = 0;
      gap = 0;
    }
  }
  return false;
}

const LINE_BREAK = /[ \t]*\r?\n[ \t]*/g;

function guardKept(record: CsvRecord, plan: ColumnPlan, header: readonly string[]): void {
  for (const i of plan.kept) {
    if (plan.ids.includes(i)) continue;
    const cell = record.fields[i] ?? '';
    // a quoted cell may break a card number over lines ("4111 1111\n1111 1111"): read as one line
    const value = cell.includes('\n') ? cell.replace(LINE_BREAK, ' ') : cell;
    if (mayHoldPan(value) && findPans(value).length > 0)
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
    // a record read with a CSV error (ragged, broken quotes) has its cells shifted: rejected as
    // build rejects it, before a shifted card number reads as one outside the card columns
    const broken = record.issues?.find((i) => i.severity === 'error');
    if (broken !== undefined) {
      const code = broken.code as CsvIssueCode;
      rejects.push({ record, column: broken.column ?? '', code, masked: '', message: broken.message });
      continue;
    }
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
  const nonEmpty: string[] = [];
  for (const pan of pans) if (pan !== '') nonEmpty.push(pan);
  const tokens = await vault.tokenize(nonEmpty);
  const tokenOf: string[] = new Array<string>(pans.length);
  let t = 0;
  for (let k = 0; k < pans.length; k++) tokenOf[k] = pans[k] === '' ? '' : (tokens[t++] ?? '');
  const roles = rolesOf(plan);
  const rows: string[][] = new Array<string[]>(accepted.length);
  for (let k = 0; k < accepted.length; k++) {
    const a = accepted[k] as { record: CsvRecord; first: number };
    rows[k] = outputRow(a.record, roles, plan.card.length, pans, brands, tokenOf, a.first);
  }
  return { rows, rejects, cards: nonEmpty.length };
}

const KEEP = 0;
const CARD = 1;
const DROP = 2;
const roleCache = new WeakMap<ColumnPlan, Uint8Array>();

/** Per input column: kept, card or dropped (computed once per plan, not per cell). */
function rolesOf(plan: ColumnPlan): Uint8Array {
  let roles = roleCache.get(plan);
  if (roles === undefined) {
    const width = Math.max(0, ...plan.card, ...plan.dropped, ...plan.kept) + 1;
    roles = new Uint8Array(width);
    for (const i of plan.card) roles[i] = CARD;
    for (const i of plan.dropped) roles[i] = DROP;
    roleCache.set(plan, roles);
  }
  return roles;
}

function outputRow(
  record: CsvRecord,
  roles: Uint8Array,
  cardCount: number,
  pans: readonly string[],
  brands: readonly CardBrand[],
  tokens: readonly string[],
  first: number,
): string[] {
  const out: string[] = [];
  const fields = record.fields;
  let c = first;
  for (let i = 0; i < fields.length || i < cardCount; i++) {
    const role = i < roles.length ? roles[i] : KEEP;
    if (role === DROP) continue;
    if (role === CARD) {
      const pan = pans[c] ?? '';
      out.push(tokens[c] ?? '', pan.slice(0, 6), pan.slice(-4), pan === '' ? '' : (brands[c] ?? ''));
      c++;
    } else if (i < fields.length) out.push(fields[i] ?? '');
  }
  return out;
}
