/**
 * `sandbox import FILE`: load a Transactions file with the vendor's semantics (import-model).
 * @module
 */
import { openCsv } from '../csv/index.js';
import {
  foldCustomers,
  headerIndex,
  type LegacyRow,
  legacyRowWith,
  type ModelCustomer,
} from '../import-model/index.js';
import type { SandboxDb } from './sandbox-db.js';
import { prepareInserts } from './sandbox-inserts.js';

/** What an import loaded. */
export interface SandboxImportResult {
  readonly rows: number;
  readonly customers: number;
  readonly orders: number;
  readonly purchases: number;
  readonly transactions: number;
}

/** Days between rebills the sandbox assumes (the file does not carry it). */
export const DEFAULT_BILLING_INTERVAL_DAYS = 30;

/** Import a Transactions file into the sandbox database. */
export async function importLegacyFile(db: SandboxDb, path: string): Promise<SandboxImportResult> {
  const reader = await openCsv(path, { file: path });
  const index = headerIndex(reader.header);
  const rows: LegacyRow[] = [];
  for await (const batch of reader.batches())
    for (const rec of batch) rows.push(legacyRowWith(index, rec.fields, rec.row));
  return importCustomers(db, foldCustomers(rows), rows.length);
}

/** Import folded customers in one SQLite transaction. */
export function importCustomers(
  db: SandboxDb,
  customers: readonly ModelCustomer[],
  rows = 0,
): SandboxImportResult {
  const inserts = prepareInserts(db);
  const counts = { rows, customers: 0, orders: 0, purchases: 0, transactions: 0 };
  db.transaction(() => {
    for (const c of customers) {
      const n = inserts.customer(c, DEFAULT_BILLING_INTERVAL_DAYS);
      counts.customers++;
      counts.orders += n.orders;
      counts.purchases += n.purchases;
      counts.transactions += n.transactions;
    }
  })();
  return counts;
}
