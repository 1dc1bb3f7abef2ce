/**
 * The sandbox's SQLite store (better-sqlite3): customers, orders, items, purchases, transactions.
 * Column names are the API's canonical field names. Cards are kept as BIN+last4 and last 4 only.
 * @module
 */
import Database from 'better-sqlite3';
import { ToolkitError } from '../core/index.js';
import { CONTACT_FIELDS } from '../import-model/index.js';

/** An open sandbox database. */
export type SandboxDb = Database.Database;

const CONTACT: readonly string[] = CONTACT_FIELDS;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS customers (customerId INTEGER PRIMARY KEY AUTOINCREMENT, legacyCustomerId TEXT,
  ${CONTACT.map((c) => `${c} TEXT NOT NULL DEFAULT ''`).join(', ')}, dateCreated TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS orders (orderId INTEGER PRIMARY KEY AUTOINCREMENT, legacyOrderId TEXT,
  customerId INTEGER NOT NULL, campaignId TEXT, orderStatus TEXT, totalAmount TEXT, emailAddress TEXT, dateCreated TEXT);
CREATE TABLE IF NOT EXISTS order_items (orderItemId INTEGER PRIMARY KEY AUTOINCREMENT, orderId INTEGER NOT NULL,
  productId TEXT, price TEXT, qty INTEGER DEFAULT 1, purchaseId INTEGER, billingCycleNumber INTEGER);
CREATE TABLE IF NOT EXISTS purchases (purchaseId INTEGER PRIMARY KEY AUTOINCREMENT, orderId INTEGER, customerId INTEGER NOT NULL,
  status TEXT, productId TEXT, campaignId TEXT, price TEXT, shippingPrice TEXT, billingCycleNumber INTEGER,
  billingIntervalDays INTEGER, nextBillDate TEXT, merchantId TEXT, paySource TEXT, cardMasked TEXT, cardLast4 TEXT,
  dateCreated TEXT);
CREATE TABLE IF NOT EXISTS transactions (transactionId INTEGER PRIMARY KEY AUTOINCREMENT, orderId INTEGER,
  customerId INTEGER NOT NULL, purchaseId INTEGER, txnType TEXT, totalAmount TEXT, responseType TEXT, responseText TEXT,
  merchantId TEXT, merchantTxnId TEXT, paySource TEXT, cardMasked TEXT, cardLast4 TEXT, dateCreated TEXT,
  refundedCents INTEGER NOT NULL DEFAULT 0);
CREATE INDEX IF NOT EXISTS tx_mtid ON transactions(merchantTxnId);
CREATE INDEX IF NOT EXISTS tx_customer ON transactions(customerId);
CREATE INDEX IF NOT EXISTS tx_order ON transactions(orderId);
CREATE INDEX IF NOT EXISTS pu_customer ON purchases(customerId);
CREATE INDEX IF NOT EXISTS or_customer ON orders(customerId);
CREATE INDEX IF NOT EXISTS cu_email ON customers(emailAddress);
CREATE INDEX IF NOT EXISTS it_order ON order_items(orderId);
`;

const FIRST_IDS: Readonly<Record<string, number>> = {
  customers: 500000,
  orders: 700000,
  order_items: 800000,
  purchases: 900000,
  transactions: 3000000,
};

/** Open (and create) the database; `path` ':memory:' for an in-memory one. */
export function openSandboxDb(path = ':memory:'): SandboxDb {
  try {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec(SCHEMA);
    const seq = db.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?');
    const seed = db.prepare('INSERT INTO sqlite_sequence(name, seq) VALUES (?, ?)');
    for (const [table, first] of Object.entries(FIRST_IDS))
      if (seq.get(table) === undefined) seed.run(table, first);
    return db;
  } catch (cause) {
    throw new ToolkitError('SANDBOX_DB_FAILED', `Cannot open the sandbox database ${path}.`, { cause });
  }
}

/** The contact columns of `customers`. */
export const CONTACT_COLUMNS: readonly string[] = CONTACT;
