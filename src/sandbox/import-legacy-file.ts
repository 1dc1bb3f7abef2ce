/**
 * `sandbox import FILE`: load a Transactions file with the vendor's semantics (import-model).
 * @module
 */
import { checkFile } from '../check/index.js';
import { ToolkitError } from '../core/index.js';
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

/**
 * Refuse a file the vendor's import would refuse: one with errors by `kmigrate check` (a value of
 * the wrong type, a missing required value, an active subscription without a next bill date…).
 */
async function assertImportable(path: string): Promise<void> {
  const today = new Date().toISOString().slice(0, 10);
  const checked = await checkFile(path, {
    kind: 'transactions',
    importDate: today,
    maxIssues: 20,
    worker: false,
  });
  if (checked.errors === 0) return;
  const first = checked.issues.find((i) => i.severity === 'error');
  const at = first?.row == null ? '' : ` at row ${first.row}${first.column ? `, ${first.column}` : ''}`;
  const where = first === undefined ? '' : ` (first: ${first.code}${at})`;
  throw new ToolkitError(
    'SANDBOX_IMPORT_REFUSED',
    `${path} has ${checked.errors} error(s) the vendor's import would refuse${where}; kmigrate check ${path} lists them.`,
  );
}

/** Import a Transactions file into the sandbox database (refused, like the vendor's, when it has errors). */
export async function importLegacyFile(db: SandboxDb, path: string): Promise<SandboxImportResult> {
  await assertImportable(path);
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
