/**
 * The same-row semantic rules of a Transactions row — an active subscription whose next bill
 * date is past or imminent, a card that expired or expires before the next bill — and the
 * columns these and the cross-row rules read.
 * @module
 */
import type { CheckIssueCode } from './codes.js';
import { validYmd } from './column-rules.js';

/** Columns the same-row and cross-row rules read, resolved to indexes once. */
const SEMANTIC_COLUMNS = [
  'customerId',
  'orderId',
  'isActiveRecurring',
  'nextBillDate',
  'paySource',
  'cardNumber',
  'cardExpiryMonth',
  'cardExpiryYear',
  'merchantId',
  'merchantTxnId',
  'txnType',
  'firstName',
  'lastName',
  'address1',
  'address2',
  'city',
  'state',
  'postalCode',
  'country',
  'emailAddress',
  'phoneNumber',
] as const;

/** The header index of each semantic column (-1 when absent). */
export type SemanticColumns = Readonly<Record<(typeof SEMANTIC_COLUMNS)[number], number>>;

/** Reports one issue of the row being checked. */
export type AddIssue = (code: CheckIssueCode, message: string, column: string | null) => void;

/** What the semantic rules compare with. */
export interface SemanticDates {
  /** YYYY-MM-DD. */
  readonly importDate: string;
  readonly imminentDays: number;
}

const YMD = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(?:0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;

/** The semantic columns' indexes in a header `index`. */
export function semanticColumns(index: ReadonlyMap<string, number>): SemanticColumns {
  return Object.fromEntries(SEMANTIC_COLUMNS.map((n) => [n, index.get(n) ?? -1])) as SemanticColumns;
}

/** The cell, trimmed: spaces around a value are reported (VALUE_WHITESPACE), not read as part of it. */
function at(fields: readonly string[], i: number): string {
  return i < 0 ? '' : (fields[i] ?? '').trim();
}

/**
 * Run the same-row semantic rules on `fields` (`imminentLimit`: the import date plus the
 * imminent days, YYYY-MM-DD).
 */
export function sameRowSemantics(
  fields: readonly string[],
  c: SemanticColumns,
  dates: SemanticDates,
  imminentLimit: string,
  add: AddIssue,
): void {
  const active = at(fields, c.isActiveRecurring) === '1';
  const next = at(fields, c.nextBillDate);
  // a date the type rule refuses (2026-02-30, 9999-12-31) is a TYPE_DATE error, not a bill date to compare
  const nextOk =
    next.length === 10 &&
    YMD.test(next) &&
    validYmd(+next.slice(0, 4), +next.slice(5, 7), +next.slice(8, 10));
  if (active && nextOk) {
    if (next < dates.importDate) {
      add(
        'NEXT_BILL_DATE_PAST',
        `Active subscription with next bill date ${next} before the import date ${dates.importDate}: the CRM would rebill at once.`,
        'nextBillDate',
      );
    } else if (next <= imminentLimit) {
      add(
        'NEXT_BILL_DATE_IMMINENT',
        `Active subscription bills on ${next}, within ${dates.imminentDays} days of the import date.`,
        'nextBillDate',
      );
    }
  }
  if (!active || at(fields, c.paySource) !== 'CREDITCARD') return;
  const month = at(fields, c.cardExpiryMonth);
  const year = at(fields, c.cardExpiryYear);
  if (!MONTH.test(month) || !YEAR.test(year)) return;
  const expiryEnd = `${year}-${month}-31`;
  if (expiryEnd < dates.importDate)
    add('CARD_EXPIRED', `The card expired (${month}/${year}) before the import date.`, 'cardExpiryYear');
  else if (nextOk && expiryEnd < next)
    add(
      'CARD_EXPIRES_BEFORE_NEXT_BILL',
      `The card expires ${month}/${year}, before the next bill date ${next}.`,
      'cardExpiryYear',
    );
}
