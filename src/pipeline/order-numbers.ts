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
import type { StagingDb } from '../workspace/index.js';
import { findSourceColumn } from './source-columns.js';
import type { SectionReader } from './source-reader.js';

type OrdersConfig = NonNullable<DeriveConfig['orders']>;

/** Looks up the order number of a transaction row. */
export interface OrderNumbers {
  /** Order number and whether a referenced sale was missing. */
  orderOf(fields: readonly string[]): { orderId: string; saleMissing: boolean };
}

function columns(orders: OrdersConfig, header: readonly string[]) {
  const by = orders.by === undefined ? [] : Array.isArray(orders.by) ? orders.by : [orders.by];
  return {
    id: findSourceColumn(header, refColumn(orders.id)),
    by: by.map((r) => findSourceColumn(header, refColumn(r))).filter((i) => i >= 0),
    refundOf: orders.refundOf ? findSourceColumn(header, refColumn(orders.refundOf)) : -1,
    ignore: new Set((orders.ignore ?? []).map((s) => s.trim().toLowerCase())),
  };
}

/** Number the orders of the transactions source (one read). */
export async function numberOrders(
  sdb: StagingDb,
  orders: OrdersConfig,
  reader: SectionReader,
): Promise<OrderNumbers> {
  const { db } = sdb;
  db.exec('DROP TABLE IF EXISTS o_groups; DROP TABLE IF EXISTS o_txn');
  db.exec('CREATE TABLE o_groups (key TEXT PRIMARY KEY, n INTEGER) WITHOUT ROWID');
  db.exec('CREATE TABLE o_txn (id TEXT PRIMARY KEY, grp TEXT) WITHOUT ROWID');
  const c = columns(orders, reader.header);
  const groupOf = (f: readonly string[]): string => {
    for (const i of c.by) {
      const v = (f[i] ?? '').trim();
      if (v !== '' && !c.ignore.has(v.toLowerCase())) return `g:${v}`;
    }
    return `t:${(f[c.id] ?? '').trim()}`;
  };
  const addGroup = db.prepare('INSERT OR IGNORE INTO o_groups VALUES (?, ?)');
  const addTxn = db.prepare('INSERT OR IGNORE INTO o_txn VALUES (?, ?)');
  let next = 1;
  const load = db.transaction((batch: readonly { fields: readonly string[] }[]) => {
    for (const r of batch) {
      const grp = groupOf(r.fields);
      if (addGroup.run(grp, next).changes > 0) next++;
      if (c.refundOf >= 0) addTxn.run((r.fields[c.id] ?? '').trim(), grp);
    }
  });
  for await (const batch of reader.batches()) load(batch);
  const groupNo = db.prepare('SELECT n FROM o_groups WHERE key = ?').pluck();
  let lastGroup = '';
  let lastNo: number | undefined;
  const txnGroup = db.prepare('SELECT grp FROM o_txn WHERE id = ?').pluck();
  return {
    orderOf: (f) => {
      let grp = groupOf(f);
      let saleMissing = false;
      const ref = c.refundOf < 0 ? '' : (f[c.refundOf] ?? '').trim();
      if (ref !== '' && !c.ignore.has(ref.toLowerCase())) {
        const sale = txnGroup.get(ref) as string | undefined;
        if (sale === undefined) saleMissing = true;
        else grp = sale;
      }
      if (grp !== lastGroup) {
        lastGroup = grp;
        lastNo = groupNo.get(grp) as number | undefined;
      }
      const n = lastNo;
      return { orderId: n === undefined ? '' : String(n), saleMissing };
    },
  };
}
