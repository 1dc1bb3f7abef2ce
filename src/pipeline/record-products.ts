/**
 * A record of several products (a WooCommerce subscription: its own row, then one row per further
 * product, with any derived REFUND rows among them) is written whole or not at all, so that no
 * order is imported short of a product: every row is evaluated and held, then the record's fate
 * is decided and its rows written or given their lines in rejects.csv.
 * @module
 */
import {
  type Fate,
  type HeldRow,
  idAt,
  ofProduct,
  processRecord,
  type RecordContext,
  rejectRow,
  rowLabel,
  type SourceRecord,
  writeRow,
} from './process-record.js';

/** The fates of a record's rows, and which row counts as the record in the accounting. */
export interface ProductsOutcome {
  readonly fates: Fate[];
  /** The index of the row that counts as the record's (its first written product's). */
  readonly own: number;
  /**
   * How the record counts in its source's accounting: not written because a product was rejected
   * is `rejected` (its own row's line says ITEM_RECORD_NOT_WRITTEN, a skip of that row alone).
   */
  readonly record: Fate;
}

/** Why a record is not written: which products, and how. */
interface NotWritten {
  /** The products not written on their own (rejected or skipped), and how (set when writing). */
  readonly own?: ReadonlyMap<number, Fate>;
  /** The product(s) that stopped it (1 is the record's own row). */
  readonly products: readonly number[];
  readonly fate: 'rejected' | 'skipped';
  /** A skipped product carries part of the order's amount. */
  readonly carries: boolean;
}

/**
 * Process the rows of one record of several products. Every row is evaluated, so that each
 * product's own faults (e.g. a `product_id` with no plan: every missing plan reaches the lookup
 * to-do in one build) are reported; a fault of the record itself, which every row shows, is
 * reported once ({@link dropRepeats}). When a product is rejected, none of the record's rows is
 * written: each rejected product's line in rejects.csv gives its own reason, the others
 * ITEM_RECORD_NOT_WRITTEN naming the first. A product skipped by a rule (e.g. a free gift) drops
 * only itself, wherever it stands: when it is the first, the first written product takes over the
 * record's shared values (its shipping, the rest of the order's tax and total: the source
 * adapter's `regroup`), so that the written rows still add up to the order; a skipped product
 * that carries part of the order's amount keeps the whole record out (written without it, the
 * order would be imported short). A REFUND row rejected on its own leaves the others written.
 */
export function processProducts(rc: RecordContext, rows: readonly SourceRecord[]): ProductsOutcome {
  rc.several = true;
  try {
    const held = rows.map((record) => evaluate(rc, record));
    dropRepeats(rc, held);
    const decided = decide(rc, held);
    if ('fate' in decided) {
      // the products not written on their own (their REFUND rows say so)
      const own = new Map<number, Fate>();
      for (const r of held)
        if (r.record.extra !== 'refund' && r.reject !== null && !r.repeat && r.fate !== null)
          own.set(productOf(r.record), r.fate);
      const not = { ...decided, ...recordIds(rc, held), own };
      // rows rejected or skipped on their own keep their line; the others name what stopped them
      const fates: Fate[] = [];
      for (const k of commitOrder(held)) {
        const row = held[k] as HeldRow;
        fates[k] = row.reject !== null && !row.repeat ? commitHeld(rc, row) : notWritten(rc, row, not);
      }
      return { fates, own: 0, record: decided.fate };
    }
    const fates: Fate[] = [];
    for (const k of commitOrder(held)) fates[k] = commitHeld(rc, held[k] as HeldRow);
    return { fates, own: decided.own, record: fates[decided.own] ?? 'rejected' };
  } finally {
    rc.several = false;
  }
}

/** Run one row of the record through processRecord, held. */
function evaluate(rc: RecordContext, record: SourceRecord): HeldRow {
  const row: HeldRow = { record, issues: [], fate: null, fields: null, reject: null, repeat: false };
  rc.held = row;
  try {
    processRecord(rc, record);
  } finally {
    rc.held = null;
  }
  return row;
}

/**
 * A fault of the record itself (its email, its card, a lookup of a record-level value such as its
 * gateway) shows on each of its rows: an issue that an earlier row of the record raised already —
 * the same code, column and message, and the same source text in that column — is dropped. A row
 * rejected only by such issues is not rejected on its own (`repeat`): the earlier row's line says
 * why. A product's own fault (its product_id's plan) differs in its source text and stays.
 */
function dropRepeats(rc: RecordContext, held: readonly HeldRow[]): void {
  const seen = new Set<string>();
  for (const row of held) {
    const kept = row.issues.filter(({ issue: i }) => {
      const text = i.column == null ? '' : rc.plan.sourceText(row.record.fields, i.column);
      const key = `${i.code}\u0000${i.column ?? ''}\u0000${i.message}\u0000${text}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    if (kept.length === row.issues.length) continue;
    row.issues = kept;
    if (row.fate !== 'rejected' || row.reject === null) continue;
    const errors = kept.filter((h) => h.issue.severity === 'error').map((h) => h.issue);
    const first = errors[0];
    if (first === undefined) row.repeat = true;
    else
      row.reject = {
        ...row.reject,
        codes: errors.map((i) => i.code),
        columns: errors.map((i) => i.column ?? ''),
        message: first.message,
      };
  }
}

/** Which product of its record a row is: 1 for the record's own row (and its REFUND row). */
function productOf(record: SourceRecord): number {
  return record.item ?? 1;
}

/**
 * Whether the record is written (and which row then counts as the record's), or why not. With a
 * product skipped first, the first written product is re-evaluated with the record's shared values.
 */
function decide(rc: RecordContext, held: HeldRow[]): NotWritten | { readonly own: number } {
  const products = held.filter((r) => r.record.extra !== 'refund');
  const rejected =
    products.find((r) => r.fate === 'rejected' && !r.repeat) ?? products.find((r) => r.fate === 'rejected');
  if (rejected !== undefined)
    return { products: [productOf(rejected.record)], fate: 'rejected', carries: false };
  const kept = products.map((r) => r.fate === 'used');
  const first = kept.indexOf(true);
  if (first < 0 || kept.every((k) => k)) return { own: 0 };
  const skipped = products.filter((_, k) => !kept[k]).map((r) => productOf(r.record));
  if (rc.regroup === null)
    // no adapter to move the record's shared values: its first product cannot be left out
    return kept[0] === true ? { own: 0 } : { products: [1], fate: 'skipped', carries: false };
  const regrouped = rc.regroup(
    products.map((r) => r.record.fields),
    kept,
  );
  if (regrouped === null) return { products: skipped, fate: 'skipped', carries: true };
  const target = products[first] as HeldRow;
  const at = held.indexOf(target);
  const fields = regrouped[first];
  if (fields !== undefined && fields !== target.record.fields) {
    const again = evaluate(rc, { ...target.record, fields });
    held[at] = again;
    dropRepeats(rc, held);
    if (again.fate !== 'used') return { products: [first + 1], fate: 'rejected', carries: false };
  }
  if (first > 0) rehomeRefunds(rc, held, held[at] as HeldRow);
  const own = products[0] as HeldRow;
  if (first > 0 && own.reject !== null)
    own.reject = {
      ...own.reject,
      message: `${own.reject.message} The record's other products are written: product ${first + 1}'s row carries the record's shipping and the rest of the order's tax and total.`,
    };
  return { own: at };
}

/**
 * The REFUND row derived from a record (its refunded amount is the record's) follows the record's
 * own row, its first product's. When that product is skipped by a rule and the next written one
 * carries the record, the REFUND row goes with that one: it takes its fields (its product, its
 * transaction id) with its own derived type and amount, and is evaluated again — else the rule
 * that skips the first product (a free gift) would skip the record's refund with it. Its
 * REFUND_EXCEEDS_SALE, if any, stays: the refund was compared with what the whole record charged.
 */
function rehomeRefunds(rc: RecordContext, held: HeldRow[], carrier: HeldRow): void {
  const carried = carrier.fields === null ? null : carrier.record.fields;
  if (carried === null) return;
  for (let k = 0; k < held.length; k++) {
    const { record } = held[k] as HeldRow;
    if (record.extra !== 'refund' || record.item !== undefined) continue;
    const fields = [...carried];
    const own = record.fields;
    // the derived txnType and refundAmount are the last two columns (compile-joins.ts)
    fields[fields.length - 2] = own[own.length - 2] ?? '';
    fields[fields.length - 1] = own[own.length - 1] ?? '';
    const moved: SourceRecord = { ...record, fields, item: productOf(carrier.record) };
    held[k] = evaluate(rc, moved);
  }
}

/**
 * The order a record's rows are written (or listed in rejects.csv) in: as read, but a REFUND row
 * moved to another product ({@link rehomeRefunds}) right after that product's row.
 */
function commitOrder(held: readonly HeldRow[]): number[] {
  const order: number[] = [];
  const moved = held.flatMap((r, k) =>
    r.record.extra === 'refund' && r.record.item !== undefined ? [k] : [],
  );
  for (let k = 0; k < held.length; k++) {
    const { record } = held[k] as HeldRow;
    if (moved.includes(k)) continue;
    order.push(k);
    if (record.extra === 'refund') continue;
    for (const m of moved) if (held[m]?.record.item === productOf(record)) order.push(m);
  }
  for (const m of moved) if (!order.includes(m)) order.push(m);
  return order;
}

/** Write a held row, or give it its own line in rejects.csv; its issues are reported. */
function commitHeld(rc: RecordContext, row: HeldRow): Fate {
  const { record, fate, fields, reject } = row;
  for (const { issue, labelled } of row.issues)
    rc.ctx.collector.add(labelled ? ofProduct(rc, record, issue) : issue);
  if (fate !== 'used' && fate !== null && reject !== null) return rejectRow(rc, record, fate, reject);
  if (fields === null)
    throw new Error(`Row ${record.row} of a record of several products was not evaluated.`);
  writeRow(rc, fields, record);
  return 'used';
}

interface RecordIds {
  readonly customerId: string;
  readonly orderId: string;
}

/** The customerId and orderId of a record of several products: of its first row that has them. */
function recordIds(rc: RecordContext, held: readonly HeldRow[]): RecordIds {
  for (const { fields, reject } of held) {
    if (fields !== null)
      return { customerId: idAt(fields, rc.customerId), orderId: idAt(fields, rc.orderId) };
    if (reject !== null && reject.customerId !== '') return reject;
  }
  return { customerId: '', orderId: '' };
}

/** What a not-written row says stopped it. */
function because(row: HeldRow, not: NotWritten): string {
  const { record } = row;
  const list = not.products.join(', ');
  // a REFUND row derived from a product that was not written on its own
  const its = record.extra === 'refund' ? not.own?.get(productOf(record)) : undefined;
  if (its !== undefined) return `its product was ${its} (see that product's line).`;
  if (not.carries)
    return `product ${list} of this record was skipped by a rule yet carries part of the order's amount: written without it, the order would not add up to its total (see its own line).`;
  return `product ${list} of this record was ${not.fate} (see its own line).`;
}

/**
 * A row of a record of several products that is not written because of another (see
 * {@link processProducts}): skipped, with the record's ids, so that the record is never counted
 * out while some of its products are imported; its ITEM_RECORD_NOT_WRITTEN is counted among the
 * build's warnings, as listed in rejects.csv.
 */
function notWritten(rc: RecordContext, row: HeldRow, not: NotWritten & RecordIds): Fate {
  const { record } = row;
  const message = `not written, because ${because(row, not)}`;
  rc.ctx.collector.add({
    code: 'ITEM_RECORD_NOT_WRITTEN',
    severity: 'warning',
    message: `${rowLabel(rc, record)}${message}`,
    row: record.row,
    line: record.line,
    column: null,
    file: rc.file,
  });
  return rejectRow(rc, record, 'skipped', {
    codes: ['ITEM_RECORD_NOT_WRITTEN'],
    columns: [],
    message,
    customerId: row.fields === null ? not.customerId : idAt(row.fields, rc.customerId),
    orderId: row.fields === null ? not.orderId : idAt(row.fields, rc.orderId),
  });
}
