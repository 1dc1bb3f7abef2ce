/**
 * Grouping transactions into orders and linking refunds to their sales: a read of the
 * transactions source before the build numbers each order group (first non-blank `by` column,
 * else the transaction's own id) in file order, and records each transaction's group, so a
 * refund (a row whose `refundOf` names another transaction) lands in its sale's order even when
 * it comes first in the file. Held in the staging database, not in memory.
 * @module
 */
import type { DeriveConfig } from '../config/index.js';
import { refColumn } from '../config/index.js';
import { ToolkitError } from '../core/index.js';
import type { StagingDb } from '../workspace/index.js';
import { cleanKey } from './clean-key.js';
import { findSourceColumn } from './source-columns.js';
import type { SectionReader } from './source-reader.js';

type OrdersConfig = NonNullable<DeriveConfig['orders']>;

/** The order numbers of the transaction rows. */
export interface OrderNumbers {
  /**
   * The `by` columns, when the transactions source has none of them (every transaction is then an
   * order of its own: a misspelt column would split every order silently); null otherwise.
   */
  readonly absentBy: readonly string[] | null;
  /** Order number of each record of a batch (read in one range query; '' when unknown). */
  ordersOf(records: readonly { readonly row: number; readonly fields: readonly string[] }[]): string[];
}

function columns(orders: OrdersConfig, header: readonly string[]) {
  const by = orders.by === undefined ? [] : Array.isArray(orders.by) ? orders.by : [orders.by];
  const required = (ref: string): number => {
    const i = findSourceColumn(header, refColumn(ref));
    if (i < 0)
      throw new ToolkitError(
        'CONFIG_INVALID',
        `derive.orders: column "${refColumn(ref)}" is not in the transactions source's header.`,
      );
    return i;
  };
  const byIndexes = by.map((r) => findSourceColumn(header, refColumn(r)));
  return {
    id: required(orders.id),
    // `by` columns are optional (older export layouts lack some): rows fall back to their own id
    by: byIndexes.filter((i) => i >= 0),
    absentBy: by.length > 0 && byIndexes.every((i) => i < 0) ? by.map(refColumn) : null,
    refundOf: orders.refundOf ? required(orders.refundOf) : -1,
    ignore: new Set(['null', ...(orders.ignore ?? []).map((s) => s.trim().toLowerCase())]),
  };
}

/** Number the orders of the transactions source (one read). */
export async function numberOrders(
  sdb: StagingDb,
  orders: OrdersConfig,
  reader: SectionReader,
): Promise<OrderNumbers> {
  const { db } = sdb;
  db.exec('DROP TABLE IF EXISTS o_groups; DROP TABLE IF EXISTS o_txn; DROP TABLE IF EXISTS o_row');
  db.exec('CREATE TABLE o_groups (key TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID');
  db.exec('CREATE TABLE o_txn (id TEXT PRIMARY KEY, grp TEXT) WITHOUT ROWID');
  // each row's own group number, in row order (appended, read back by ranges); ref: its sale's id
  db.exec('CREATE TABLE o_row (row INTEGER PRIMARY KEY, n INTEGER, ref TEXT)');
  const c = columns(orders, reader.header);
  const groupOf = (f: readonly string[], row: number): string => {
    for (const i of c.by) {
      const v = cleanKey(f[i]);
      if (v !== '' && !c.ignore.has(v.toLowerCase())) return `g:${v}`;
    }
    const id = cleanKey(f[c.id]);
    // a row without an id (or with the literal null) is an order of its own, never one shared order
    return id === '' || c.ignore.has(id.toLowerCase()) ? `r:${row}` : `t:${id}`;
  };
  const refOf = (f: readonly string[]): string | null => {
    const ref = c.refundOf < 0 ? '' : cleanKey(f[c.refundOf]);
    return ref === '' || c.ignore.has(ref.toLowerCase()) ? null : ref;
  };
  const addGroup = db.prepare('INSERT OR IGNORE INTO o_groups VALUES (?, ?)');
  const groupNo = db.prepare('SELECT n FROM o_groups WHERE key = ?').pluck();
  const addTxn = db.prepare('INSERT OR IGNORE INTO o_txn VALUES (?, ?)');
  const addRow = db.prepare('INSERT OR REPLACE INTO o_row VALUES (?, ?, ?)');
  let next = 1;
  const load = db.transaction((batch: readonly { row: number; fields: readonly string[] }[]) => {
    for (const r of batch) {
      const grp = groupOf(r.fields, r.row);
      const n = addGroup.run(grp, next).changes > 0 ? next++ : (groupNo.get(grp) as number);
      if (c.refundOf >= 0) addTxn.run(cleanKey(r.fields[c.id]), grp);
      addRow.run(r.row, n, refOf(r.fields));
    }
  });
  for await (const batch of reader.batches()) load(batch);
  const range = db.prepare('SELECT row, n, ref FROM o_row WHERE row BETWEEN ? AND ?').raw(true);
  const txnGroup = db.prepare('SELECT grp FROM o_txn WHERE id = ?').pluck();
  return {
    absentBy: c.absentBy,
    ordersOf: (records) => {
      if (records.length === 0) return [];
      let lo = Number.POSITIVE_INFINITY;
      let hi = 0;
      for (const r of records) {
        lo = Math.min(lo, r.row);
        hi = Math.max(hi, r.row);
      }
      const byRow = new Map<number, { n: number; ref: string | null }>();
      for (const [row, n, ref] of range.all(lo, hi) as [number, number, string | null][])
        byRow.set(row, { n, ref });
      return records.map((r) => {
        const own = byRow.get(r.row);
        if (!own) return '';
        if (own.ref === null) return String(own.n);
        // a refund lands in its sale's order (the sale may come later in the file)
        const sale = txnGroup.get(own.ref) as string | undefined;
        const n = sale === undefined ? undefined : (groupNo.get(sale) as number | undefined);
        return String(n ?? own.n);
      });
    },
  };
}
