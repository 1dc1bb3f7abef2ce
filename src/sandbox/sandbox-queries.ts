/**
 * The query endpoints of the sandbox: filters, the date-range rule, paging and "no results".
 * @module
 */
import { apiFields, type FieldTable, fromApiDate, writeFields } from '../api-client/index.js';
import type { SandboxDb } from './sandbox-db.js';

/** A JSON answer of the API (the envelope). */
export type SandboxAnswer = { readonly result: 'SUCCESS' | 'ERROR'; readonly message: unknown };

interface QuerySpec {
  readonly table: string;
  readonly noun: string;
  readonly filters: readonly string[];
  readonly dateTypes: readonly string[];
  readonly fields: FieldTable;
}

const F = apiFields;

/** Query endpoints by path. */
export const QUERY_SPECS: Readonly<Record<string, QuerySpec>> = {
  [F.ENDPOINTS.customerQuery]: {
    table: 'customers',
    noun: 'customers',
    filters: ['customerId', 'emailAddress', 'phoneNumber'],
    dateTypes: ['dateCreated'],
    fields: F.CUSTOMER_FIELDS,
  },
  [F.ENDPOINTS.orderQuery]: {
    table: 'orders',
    noun: 'orders',
    filters: ['orderId', 'customerId', 'emailAddress'],
    dateTypes: ['dateCreated'],
    fields: F.ORDER_FIELDS,
  },
  [F.ENDPOINTS.transactionsQuery]: {
    table: 'transactions',
    noun: 'transactions',
    filters: ['transactionId', 'orderId', 'customerId', 'purchaseId', 'merchantTxnId', 'txnType'],
    dateTypes: ['dateCreated'],
    fields: F.TRANSACTION_FIELDS,
  },
  [F.ENDPOINTS.purchaseQuery]: {
    table: 'purchases',
    noun: 'purchases',
    filters: ['purchaseId', 'orderId', 'customerId', 'status'],
    dateTypes: ['dateCreated', 'nextBillDate'],
    fields: F.PURCHASE_FIELDS,
  },
};

/** An ERROR answer. */
export function errorAnswer(message: string): SandboxAnswer {
  return { result: 'ERROR', message };
}

function noResults(noun: string): SandboxAnswer {
  return errorAnswer(`No ${noun} matching those parameters could be found`);
}

/** Answer one query. */
export function answerQuery(db: SandboxDb, spec: QuerySpec, params: URLSearchParams): SandboxAnswer {
  const where: string[] = [];
  const args: (string | number)[] = [];
  const paramOf = F.QUERY_FILTERS as Readonly<Record<string, string>>;
  for (const column of spec.filters) {
    const value = params.get(paramOf[column] ?? column);
    if (value === null || value === '') continue;
    if (column === 'emailAddress' && params.get(F.QUERY_FILTERS.exactEmailMatch) !== '1') {
      // the address's own % and _ are literal characters, not wildcards
      where.push("lower(emailAddress) LIKE ? ESCAPE '\\'");
      args.push(`%${value.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`);
    } else {
      where.push(`${column} = ?`);
      args.push(value);
    }
  }
  const hasId = F.DATE_FILTER.idFilters.some((f) => spec.filters.includes(f) && params.get(f));
  const start = params.get(F.DATE_FILTER.start);
  const end = params.get(F.DATE_FILTER.end);
  if (start !== null || end !== null || !hasId) {
    const from = fromApiDate(start ?? '');
    const to = fromApiDate(end ?? '');
    if (from === null || to === null)
      return errorAnswer('startDate and endDate are required in MM/DD/YYYY format unless an ID is given');
    const type = params.get(F.DATE_FILTER.rangeType) ?? 'dateCreated';
    if (!spec.dateTypes.includes(type)) return errorAnswer(`Invalid dateRangeType ${type}`);
    where.push(`substr(${type}, 1, 10) BETWEEN ? AND ?`);
    args.push(from, to);
  }
  const perPage = Math.min(
    F.PAGING.maxResultsPerPage,
    Math.max(1, Number(params.get(F.PAGING.resultsPerPage) ?? 25) || 25),
  );
  const page = Math.max(1, Number(params.get(F.PAGING.page) ?? 1) || 1);
  const clause = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
  const total = (
    db.prepare(`SELECT count(*) AS n FROM ${spec.table} ${clause}`).get(...args) as { n: number }
  ).n;
  if (total === 0 || (page - 1) * perPage >= total) return noResults(spec.noun);
  const rows = db
    .prepare(`SELECT * FROM ${spec.table} ${clause} ORDER BY rowid LIMIT ? OFFSET ?`)
    .all(...args, perPage, (page - 1) * perPage) as Record<string, string | number>[];
  const data = rows.map((row) => {
    const out = writeFields(row, spec.fields);
    if (spec.table === 'orders') out[F.ORDER_ITEMS_KEY] = itemsOf(db, row.orderId);
    return out;
  });
  return {
    result: 'SUCCESS',
    message: {
      [F.PAGING.total[0]]: total,
      [F.PAGING.resultsPerPage]: perPage,
      [F.PAGING.page]: page,
      [F.PAGING.data]: data,
    },
  };
}

function itemsOf(db: SandboxDb, orderId: unknown): Record<string, Record<string, unknown>> {
  const items = db.prepare('SELECT * FROM order_items WHERE orderId = ?').all(orderId) as Record<
    string,
    string | number
  >[];
  return Object.fromEntries(items.map((i) => [String(i.orderItemId), writeFields(i, F.ORDER_ITEM_FIELDS)]));
}
