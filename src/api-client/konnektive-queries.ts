/**
 * Typed queries and actions over the caller: rows come back in the client's canonical field names.
 * @module
 */

import { ToolkitError } from '../core/index.js';
import { normalizeOutputDate, toApiDate } from './api-dates.js';
import {
  ACTION_PARAMS,
  CUSTOMER_FIELDS,
  DATE_FILTER,
  ENDPOINTS,
  ORDER_FIELDS,
  ORDER_ITEM_FIELDS,
  ORDER_ITEMS_KEY,
  PAGING,
  PURCHASE_FIELDS,
  QUERY_FILTERS,
  type QueryFilterName,
  TRANSACTION_FIELDS,
} from './api-fields.js';
import { type FieldsOf, type FieldTable, normalizeStatus, readFields } from './field-table.js';
import {
  type ApiCaller,
  type ApiCallerOptions,
  type ApiStats,
  createApiCaller,
} from './konnektive-client.js';

/** A customer row. */
export type CrmCustomer = FieldsOf<typeof CUSTOMER_FIELDS>;
/** An order item. */
export type CrmOrderItem = FieldsOf<typeof ORDER_ITEM_FIELDS>;
/** An order row with its items. */
export type CrmOrder = FieldsOf<typeof ORDER_FIELDS> & { readonly items: readonly CrmOrderItem[] };
/** A transaction row. */
export type CrmTransaction = FieldsOf<typeof TRANSACTION_FIELDS>;
/** A purchase (subscription) row; `status` upper-snake, `nextBillDate` YYYY-MM-DD. */
export type CrmPurchase = FieldsOf<typeof PURCHASE_FIELDS>;

/** Query filters by canonical name, plus an optional date range (YYYY-MM-DD). */
export type QueryFilter = Readonly<Partial<Record<QueryFilterName, string>>> & {
  readonly dateRange?: { readonly start: string; readonly end: string; readonly type?: string };
};

/** The client kmigrate uses. */
export interface KonnektiveClient {
  customers(filter: QueryFilter): Promise<CrmCustomer[]>;
  orders(filter: QueryFilter): Promise<CrmOrder[]>;
  transactions(filter: QueryFilter): Promise<CrmTransaction[]>;
  purchases(filter: QueryFilter): Promise<CrmPurchase[]>;
  /** purchase/update with billNow=1 (Force Bill); returns the message. */
  billNow(purchaseId: string): Promise<unknown>;
  /** purchase/update of the next bill date (YYYY-MM-DD, sent as MM/DD/YYYY); returns the message. */
  setNextBillDate(purchaseId: string, ymd: string): Promise<unknown>;
  /** transactions/refund, full or of `amount` (two decimals). */
  refundTransaction(transactionId: string, amount?: string): Promise<unknown>;
  /** End the requests in flight and refuse new ones (see ApiCaller.stop). */
  stop(): void;
  readonly stats: Readonly<ApiStats>;
}

/** Options of {@link createKonnektiveClient}. */
export interface KonnektiveClientOptions extends ApiCallerOptions {
  /** Today, YYYY-MM-DD: the end of the "everything" date range (default: the clock). */
  readonly today?: () => string;
}

function addDay(ymd: string): string {
  return new Date(Date.parse(`${ymd}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Create the client. */
export function createKonnektiveClient(o: KonnektiveClientOptions): KonnektiveClient {
  const caller: ApiCaller = createApiCaller(o);
  const today = o.today ?? (() => new Date().toISOString().slice(0, 10));

  const params = (filter: QueryFilter): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const [name, param] of Object.entries(QUERY_FILTERS)) {
      const v = filter[name as QueryFilterName];
      if (v !== undefined) out[param] = v;
    }
    const hasId = DATE_FILTER.idFilters.some((f) => filter[f] !== undefined);
    const range =
      filter.dateRange ?? (hasId ? undefined : { start: DATE_FILTER.wideStart, end: addDay(today()) });
    if (range) {
      out[DATE_FILTER.start] = toApiDate(range.start);
      out[DATE_FILTER.end] = toApiDate(range.end);
      if ('type' in range && range.type) out[DATE_FILTER.rangeType] = range.type;
    }
    return out;
  };

  const queryAll = async <T extends FieldTable>(
    endpoint: 'customerQuery' | 'orderQuery' | 'transactionsQuery' | 'purchaseQuery',
    filter: QueryFilter,
    table: T,
  ): Promise<{ fields: FieldsOf<T>; raw: Record<string, unknown> }[]> => {
    const rows: { fields: FieldsOf<T>; raw: Record<string, unknown> }[] = [];
    const base = params(filter);
    let previous = '';
    for (let page = 1; page <= 10_000; page++) {
      const env = await caller.call(endpoint, {
        ...base,
        [PAGING.page]: String(page),
        [PAGING.resultsPerPage]: String(PAGING.maxResultsPerPage),
      });
      if (env.kind !== 'success') break;
      const { data, total, perPage } = pageOf(env.message);
      if (data.length === 0) break;
      const read = data.map((raw) => ({ fields: readFields(raw, table), raw }));
      // a server that ignores `page` answers the same rows forever: they would be counted again
      const text = pageKey(data, read);
      if (text === previous)
        throw new ToolkitError(
          'API_BAD_RESPONSE',
          `${ENDPOINTS[endpoint]} answered page ${page} with the rows of page ${page - 1}: it does not page.`,
          { context: { endpoint: ENDPOINTS[endpoint], page } },
        );
      previous = text;
      rows.push(...read);
      // the total decides when given (a server may cap pages below what was asked); else a short page ends
      if (total !== null ? rows.length >= total : data.length < (perPage ?? PAGING.maxResultsPerPage)) break;
    }
    return rows;
  };

  return {
    stats: caller.stats,
    stop: () => caller.stop(),
    customers: async (f) => (await queryAll('customerQuery', f, CUSTOMER_FIELDS)).map((r) => r.fields),
    orders: async (f) =>
      (await queryAll('orderQuery', f, ORDER_FIELDS)).map((r) => ({ ...r.fields, items: itemsOf(r.raw) })),
    transactions: async (f) =>
      (await queryAll('transactionsQuery', f, TRANSACTION_FIELDS)).map((r) => ({
        ...r.fields,
        txnType: r.fields.txnType.toUpperCase(),
        responseType: normalizeStatus(r.fields.responseType),
      })),
    purchases: async (f) =>
      (await queryAll('purchaseQuery', f, PURCHASE_FIELDS)).map((r) => ({
        ...r.fields,
        status: normalizeStatus(r.fields.status),
        nextBillDate: normalizeOutputDate(r.fields.nextBillDate),
      })),
    billNow: async (purchaseId) =>
      successMessage(
        await caller.call('purchaseUpdate', {
          [ACTION_PARAMS.purchaseId]: purchaseId,
          [ACTION_PARAMS.billNow]: '1',
        }),
      ),
    setNextBillDate: async (purchaseId, ymd) =>
      successMessage(
        await caller.call('purchaseUpdate', {
          [ACTION_PARAMS.purchaseId]: purchaseId,
          [ACTION_PARAMS.nextBillDate]: toApiDate(ymd),
        }),
      ),
    refundTransaction: async (transactionId, amount) =>
      successMessage(
        await caller.call('transactionsRefund', {
          [ACTION_PARAMS.transactionId]: transactionId,
          ...(amount === undefined
            ? { [ACTION_PARAMS.fullRefund]: '1' }
            : { [ACTION_PARAMS.refundAmount]: amount }),
        }),
      ),
  };
}

function successMessage(env: { kind: string; message?: unknown; text?: string }): unknown {
  return env.kind === 'success' ? env.message : null;
}

/**
 * What a page held, to tell a repeated page: its rows as sent (rows of other fields than the table
 * knows still differ), or as read when the server nested them too deep to print.
 */
function pageKey(data: readonly unknown[], read: readonly { fields: unknown }[]): string {
  try {
    return JSON.stringify(data);
  } catch {
    return JSON.stringify(read.map((r) => r.fields));
  }
}

function pageOf(message: unknown): {
  data: Record<string, unknown>[];
  total: number | null;
  perPage: number | null;
} {
  const asRows = (v: unknown): Record<string, unknown>[] =>
    Array.isArray(v)
      ? v.filter((x): x is Record<string, unknown> => x !== null && typeof x === 'object')
      : [];
  if (Array.isArray(message)) return { data: asRows(message), total: null, perPage: null };
  const obj = message !== null && typeof message === 'object' ? (message as Record<string, unknown>) : {};
  const totalKey = PAGING.total.find((k) => obj[k] !== undefined);
  const total = totalKey === undefined ? null : Number(obj[totalKey]);
  // the page size the server used, when it says (it may be below the one asked for)
  const perPage = Number(obj[PAGING.resultsPerPage]);
  return {
    data: asRows(obj[PAGING.data]),
    total: total !== null && Number.isFinite(total) ? total : null,
    perPage: Number.isInteger(perPage) && perPage > 0 ? perPage : null,
  };
}

function itemsOf(raw: Record<string, unknown>): CrmOrderItem[] {
  const items = raw[ORDER_ITEMS_KEY];
  const list = Array.isArray(items)
    ? items
    : items !== null && typeof items === 'object'
      ? Object.values(items)
      : [];
  return list.map((item) => readFields(item, ORDER_ITEM_FIELDS));
}
