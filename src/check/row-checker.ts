/**
 * Per-row validation (types, formats, enums, lengths, required and required-if, same-row
 * semantics) plus feeding the cross-row index. Allocation-free on valid rows.
 * @module
 */
import type { Issue } from '../core/index.js';
import type { ColumnSpec, FileSpec } from '../schema/index.js';
import { CHECK_ISSUE_CODES, type CheckIssueCode } from './codes.js';
import { type ColumnRule, compileRule, type RowAccess } from './column-rules.js';
import { CrossRowIndex, ORDER_REFUND, ORDER_SALE, RuleKind } from './cross-row-index.js';
import { bindHeader } from './header-check.js';

/** Options of a checker. */
export interface CheckerOptions {
  /** The day the vendor will import, YYYY-MM-DD (next-bill and expiry warnings are relative to it). */
  readonly importDate: string;
  /** Next bill dates within this many days after the import date are "imminent". */
  readonly imminentDays: number;
  /** Phone numbers treated as dummy fill (not used for duplicate detection). */
  readonly dummyPhones?: readonly string[];
  readonly file?: string;
  readonly headerLine?: number;
}

const EMPTY: readonly Issue[] = [];
const YMD = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(?:0[1-9]|1[0-2])$/;
const YEAR = /^\d{4}$/;
const REPEATED_DIGIT = /^(\d)\1+$/;

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
type SemanticColumn = (typeof SEMANTIC_COLUMNS)[number];

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 160;
}

function at(fields: readonly string[], i: number): string {
  return i < 0 ? '' : (fields[i] ?? '');
}

interface Bound {
  readonly column: ColumnSpec;
  readonly rule: ColumnRule;
  readonly index: number;
  readonly condIndex: number;
}

/** A reusable checker for one file: header binding, row rules, cross-row rules. */
export class RowChecker {
  readonly headerIssues: readonly Issue[];
  readonly #bound: Bound[] = [];
  readonly #missingCond: Bound[] = [];
  readonly #idx: ReadonlyMap<string, number>;
  readonly #opts: CheckerOptions;
  readonly #xrow = new CrossRowIndex();
  readonly #lineAt = new Map<number, number>();
  readonly #kind: FileSpec['kind'];
  readonly #imminentLimit: string;
  readonly #dummy: ReadonlySet<string>;
  #fields: readonly string[] = [];
  readonly #cols: Readonly<Record<SemanticColumn, number>>;
  readonly #prevIdentity: string[] = [];
  #identityIdx: readonly number[] = [];
  #lastOrderCustomer = '';
  #row = 0;
  #line = 0;
  #out: Issue[] | null = null;
  #lastOrder = '';
  #lastFlag = -1;
  readonly #get: RowAccess = (name) => {
    const i = this.#idx.get(name);
    return i === undefined ? '' : (this.#fields[i] ?? '');
  };

  constructor(spec: FileSpec, header: readonly string[], options: CheckerOptions) {
    const binding = bindHeader(spec, header, options.headerLine ?? 1);
    this.headerIssues = binding.issues;
    this.#idx = binding.index;
    this.#opts = options;
    this.#kind = spec.kind;
    this.#cols = Object.fromEntries(SEMANTIC_COLUMNS.map((n) => [n, binding.index.get(n) ?? -1])) as Record<
      SemanticColumn,
      number
    >;
    const c = this.#cols;
    this.#identityIdx = [
      c.customerId,
      c.firstName,
      c.lastName,
      c.address1,
      c.address2,
      c.city,
      c.state,
      c.postalCode,
      c.country,
      c.emailAddress,
      c.phoneNumber,
      c.paySource,
      c.cardNumber,
    ];
    this.#imminentLimit = addDays(options.importDate, options.imminentDays);
    this.#dummy = new Set(options.dummyPhones ?? ['1111111111', '0000000000', '1234567890', '9999999999']);
    binding.columns.forEach((column, index) => {
      if (column)
        this.#bound.push({
          column,
          rule: compileRule(column),
          index,
          condIndex: condIndex(column, binding.index),
        });
    });
    for (const column of spec.columns) {
      if (!binding.index.has(column.name) && column.requiredIf) {
        this.#missingCond.push({
          column,
          rule: () => null,
          index: -1,
          condIndex: condIndex(column, binding.index),
        });
      }
    }
  }

  /** Check one record; returns its row-level issues (an empty shared array when clean). */
  check(fields: readonly string[], row: number, line: number): readonly Issue[] {
    this.#fields = fields;
    this.#row = row;
    this.#line = line;
    this.#out = null;
    if (line !== row + 1) this.#lineAt.set(row, line);
    const add = this.#add;
    const bound = this.#bound;
    for (let k = 0; k < bound.length; k++) {
      const b = bound[k]!;
      let value = fields[b.index] ?? '';
      if (value === '') {
        this.#checkEmpty(b, fields, add);
        continue;
      }
      if (isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(value.length - 1))) {
        value = value.trim();
        if (value === '') {
          this.#checkEmpty(b, fields, add);
          continue;
        }
        add('VALUE_WHITESPACE', `${b.column.name} has leading or trailing spaces.`, b.column.name);
      }
      const failure = b.rule(value, this.#get);
      if (failure) add(failure.code, failure.message, b.column.name, failure.received);
    }
    for (const b of this.#missingCond) this.#checkEmpty(b, fields, add);
    if (this.#kind === 'transactions') this.#semantics(this.#row, add);
    return this.#out ?? EMPTY;
  }

  readonly #add = (code: CheckIssueCode, message: string, column: string | null, received?: string): void => {
    this.#out ??= [];
    this.#out.push(this.#issue(code, message, this.#row, this.#line, column, received));
  };

  #checkEmpty(
    b: Bound,
    fields: readonly string[],
    add: (c: CheckIssueCode, m: string, col: string | null) => void,
  ): void {
    if (b.column.required) {
      add('REQUIRED_MISSING', `${b.column.name} is required.`, b.column.name);
    } else if (
      b.column.requiredIf &&
      b.condIndex >= 0 &&
      fields[b.condIndex] === b.column.requiredIf.equals
    ) {
      const r = b.column.requiredIf;
      add('REQUIRED_IF_MISSING', `${b.column.name} is required when ${r.column}=${r.equals}.`, b.column.name);
    }
  }

  #semantics(row: number, add: (c: CheckIssueCode, m: string, col: string | null) => void): void {
    const f = this.#fields;
    const c = this.#cols;
    const active = at(f, c.isActiveRecurring) === '1';
    const next = at(f, c.nextBillDate);
    const nextOk = next.length === 10 && YMD.test(next);
    if (active && nextOk) {
      if (next < this.#opts.importDate) {
        add(
          'NEXT_BILL_DATE_PAST',
          `Active subscription with next bill date ${next} before the import date ${this.#opts.importDate}: the CRM would rebill at once.`,
          'nextBillDate',
        );
      } else if (next <= this.#imminentLimit) {
        add(
          'NEXT_BILL_DATE_IMMINENT',
          `Active subscription bills on ${next}, within ${this.#opts.imminentDays} days of the import date.`,
          'nextBillDate',
        );
      }
    }
    if (active && at(f, c.paySource) === 'CREDITCARD') {
      const month = at(f, c.cardExpiryMonth);
      const year = at(f, c.cardExpiryYear);
      if (MONTH.test(month) && YEAR.test(year)) {
        const expiryEnd = `${year}-${month}-31`;
        if (expiryEnd < this.#opts.importDate)
          add(
            'CARD_EXPIRED',
            `The card expired (${month}/${year}) before the import date.`,
            'cardExpiryYear',
          );
        else if (nextOk && expiryEnd < next)
          add(
            'CARD_EXPIRES_BEFORE_NEXT_BILL',
            `The card expires ${month}/${year}, before the next bill date ${next}.`,
            'cardExpiryYear',
          );
      }
    }
    this.#feedCrossRow(row);
  }

  /**
   * Feed the cross-row index. Customer-level records (identity, email/phone/card owner) are added
   * once per run of rows with the same customer and identical customer data, so a customer with
   * many consecutive rows costs a few records, not a few per row.
   */
  #feedCrossRow(row: number): void {
    const f = this.#fields;
    const c = this.#cols;
    const x = this.#xrow;
    const customer = at(f, c.customerId);
    if (customer === '') return;
    if (this.#identityChanged(f)) {
      const name = `${at(f, c.firstName)}\u0001${at(f, c.lastName)}`;
      const address = `${at(f, c.address1)}\u0001${at(f, c.address2)}\u0001${at(f, c.city)}\u0001${at(f, c.state)}\u0001${at(f, c.postalCode)}\u0001${at(f, c.country)}`;
      const email = at(f, c.emailAddress).toLowerCase();
      const phone = at(f, c.phoneNumber);
      const card = at(f, c.paySource) === 'CREDITCARD' ? at(f, c.cardNumber) : '';
      const owner = x.value(customer);
      x.add(RuleKind.sameName, customer, row, x.value(name));
      x.add(RuleKind.sameAddress, customer, row, x.value(address));
      x.add(RuleKind.sameEmail, customer, row, x.value(email));
      x.add(RuleKind.samePhone, customer, row, x.value(phone));
      if (email !== '') x.add(RuleKind.emailOwner, email, row, owner);
      if (phone !== '' && !this.#dummy.has(phone) && !REPEATED_DIGIT.test(phone))
        x.add(RuleKind.phoneOwner, phone, row, owner);
      if (card !== '') x.add(RuleKind.cardOwner, card, row, owner);
    }
    const txn = at(f, c.merchantTxnId);
    const type = at(f, c.txnType);
    if (txn !== '') x.add(RuleKind.txnId, `${at(f, c.merchantId)}\u0001${type}\u0001${txn}`, row, 0);
    const flag = type === 'REFUND' ? ORDER_REFUND : type === 'SALE' || type === 'CAPTURE' ? ORDER_SALE : 0;
    const orderId = at(f, c.orderId);
    if (orderId !== this.#lastOrder || customer !== this.#lastOrderCustomer || flag !== this.#lastFlag) {
      this.#lastOrder = orderId;
      this.#lastOrderCustomer = customer;
      this.#lastFlag = flag;
      x.add(RuleKind.order, `${customer}\u0001${orderId}`, row, flag);
    }
  }

  /** True when any identity column differs from the previous row's (and remembers this row's). */
  #identityChanged(f: readonly string[]): boolean {
    const idx = this.#identityIdx;
    const prev = this.#prevIdentity;
    let changed = false;
    for (let k = 0; k < idx.length; k++) {
      const v = at(f, idx[k]!);
      if (prev[k] !== v) {
        prev[k] = v;
        changed = true;
      }
    }
    return changed;
  }

  /** Evaluate the cross-row rules; call once after the last row. */
  finish(): Issue[] {
    return this.#xrow.finish().map((f) => {
      const [code, column, message] = describeFinding(f.kind, f.firstRow);
      return this.#issue(code, message, f.row, this.#lineAt.get(f.row) ?? f.row + 1, column);
    });
  }

  /** Release temp files without evaluating (on abort). */
  dispose(): void {
    this.#xrow.dispose();
  }

  #issue(
    code: CheckIssueCode,
    message: string,
    row: number,
    line: number,
    column: string | null,
    received?: string,
  ): Issue {
    const base = { code, severity: CHECK_ISSUE_CODES[code].severity, message, row, line, column };
    const withFile = this.#opts.file === undefined ? base : { ...base, file: this.#opts.file };
    return received === undefined ? withFile : { ...withFile, received };
  }
}

function describeFinding(kind: number, firstRow: number): [CheckIssueCode, string | null, string] {
  switch (kind) {
    case RuleKind.sameName:
      return ['CUSTOMER_INCONSISTENT', 'firstName', `This customer's name differs from row ${firstRow}.`];
    case RuleKind.sameAddress:
      return [
        'CUSTOMER_INCONSISTENT',
        'address1',
        `This customer's billing address differs from row ${firstRow}.`,
      ];
    case RuleKind.sameEmail:
      return ['CUSTOMER_INCONSISTENT', 'emailAddress', `This customer's email differs from row ${firstRow}.`];
    case RuleKind.samePhone:
      return ['CUSTOMER_INCONSISTENT', 'phoneNumber', `This customer's phone differs from row ${firstRow}.`];
    case RuleKind.txnId:
      return [
        'DUPLICATE_MERCHANT_TXN_ID',
        'merchantTxnId',
        `merchantTxnId already used at row ${firstRow} for the same merchantId and txnType.`,
      ];
    case RuleKind.emailOwner:
      return [
        'LIKELY_DUPLICATE_CUSTOMER',
        'emailAddress',
        `Another customerId (row ${firstRow}) has the same email.`,
      ];
    case RuleKind.phoneOwner:
      return [
        'LIKELY_DUPLICATE_CUSTOMER',
        'phoneNumber',
        `Another customerId (row ${firstRow}) has the same phone number.`,
      ];
    case RuleKind.cardOwner:
      return [
        'LIKELY_DUPLICATE_CUSTOMER',
        'cardNumber',
        `Another customerId (row ${firstRow}) uses the same card.`,
      ];
    default:
      return [
        'REFUND_WITHOUT_SALE',
        'txnType',
        `REFUND for an order with no SALE or CAPTURE row (order first seen at row ${firstRow}).`,
      ];
  }
}

function condIndex(column: ColumnSpec, index: ReadonlyMap<string, number>): number {
  return column.requiredIf ? (index.get(column.requiredIf.column) ?? -1) : -1;
}

/** YYYY-MM-DD plus n days. */
export function addDays(ymd: string, days: number): string {
  const t = Date.parse(`${ymd}T00:00:00Z`);
  if (Number.isNaN(t)) return ymd;
  return new Date(t + days * 86_400_000).toISOString().slice(0, 10);
}
