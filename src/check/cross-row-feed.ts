/**
 * Feeds the cross-row index from one row given as ranges of a text (no substrings on the common
 * path). Customer-level records (identity, email/phone/card owner) are added once per run of rows
 * with the same customer and identical customer data, so a customer with many consecutive rows
 * costs a few records, not a few per row.
 * @module
 */

import { type CellVersions, unchangedSince } from './cell-versions.js';
import type { CrossRowIndex } from './cross-row-index.js';
import { ORDER_REFUND, ORDER_SALE, RuleKind } from './cross-row-index.js';
import { hashChar, hashRange, hashRangeLower } from './hash64.js';
import { RepeatMemo } from './repeat-memo.js';
import { rangeEquals } from './text-range.js';

/** Header indexes (-1 when absent) of the columns the cross-row rules read. */
export interface CrossRowColumns {
  readonly customerId: number;
  readonly orderId: number;
  readonly paySource: number;
  readonly cardNumber: number;
  readonly merchantId: number;
  readonly merchantTxnId: number;
  readonly txnType: number;
  readonly firstName: number;
  readonly lastName: number;
  readonly address1: number;
  readonly address2: number;
  readonly city: number;
  readonly state: number;
  readonly postalCode: number;
  readonly country: number;
  readonly emailAddress: number;
  readonly phoneNumber: number;
}

const SEP = 1;

/** Turns rows into cross-row index records. */
export class CrossRowFeeder {
  readonly #x: CrossRowIndex;
  readonly #c: CrossRowColumns;
  readonly #dummy: readonly string[];
  readonly #identity: RepeatMemo;
  readonly #order: RepeatMemo;
  readonly #identityCells: Int32Array;
  readonly #orderCells: Int32Array;
  /** The cells hashed together as a customer's name and as its address. */
  readonly #nameCells: Int32Array;
  readonly #addressCells: Int32Array;
  /** The serial of the row the memos remember, when it came with versions (else -1). */
  #fedSerial = -1;
  #lastFlag = -1;
  #text = '';
  #starts: Int32Array = new Int32Array(0);
  #ends: Int32Array = new Int32Array(0);
  #base = 0;
  /** Feeding an Additional Customer Details file: only its customerId (one row per customer). */
  readonly #details: boolean;

  constructor(
    index: CrossRowIndex,
    columns: CrossRowColumns,
    dummyPhones: readonly string[],
    kind: 'transactions' | 'details' = 'transactions',
  ) {
    this.#details = kind === 'details';
    this.#x = index;
    this.#c = columns;
    this.#dummy = dummyPhones;
    const c = columns;
    const identity = [
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
    const order = [c.orderId, c.customerId];
    this.#identity = new RepeatMemo(identity);
    this.#order = new RepeatMemo(order);
    this.#identityCells = Int32Array.from(identity.filter((i) => i >= 0));
    this.#orderCells = Int32Array.from(order.filter((i) => i >= 0));
    this.#nameCells = Int32Array.of(c.firstName, c.lastName);
    this.#addressCells = Int32Array.of(c.address1, c.address2, c.city, c.state, c.postalCode, c.country);
  }

  /**
   * Feed one row: cell i is `text[starts[base + i], ends[base + i])`. Rows in increasing order.
   * With `versions` (see {@link CellVersions}), cells unchanged since the last row fed with them
   * are not compared again.
   */
  feed(
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    base: number,
    row: number,
    versions?: CellVersions,
  ): void {
    this.#text = text;
    this.#starts = starts;
    this.#ends = ends;
    this.#base = base;
    const c = this.#c;
    const since = this.#fedSerial;
    this.#fedSerial = -1;
    if (this.#len(c.customerId) === 0) return;
    if (this.#details) {
      this.#x.beginKey(RuleKind.detailsCustomer);
      this.#hash(c.customerId);
      this.#x.endKey(RuleKind.detailsCustomer, row, 0);
      return;
    }
    const changedAt = versions !== undefined && since >= 0 ? versions.changedAt : null;
    if (this.#changed(this.#identity, this.#identityCells, changedAt, since)) this.#customer(row);
    const x = this.#x;
    if (this.#len(c.merchantTxnId) > 0) {
      x.beginKey(RuleKind.txnId);
      this.#hashWhole(c.merchantId);
      hashChar(SEP);
      this.#hash(c.txnType);
      hashChar(SEP);
      this.#hash(c.merchantTxnId);
      x.endKey(RuleKind.txnId, row, 0);
    }
    const t = c.txnType;
    // a txnType unchanged since the last row fed has that row's flag (every flag fed is #lastFlag)
    const flag =
      changedAt !== null && t >= 0 && changedAt[t]! <= since
        ? this.#lastFlag
        : this.#is(t, 'REFUND')
          ? ORDER_REFUND
          : this.#is(t, 'SALE') || this.#is(t, 'CAPTURE')
            ? ORDER_SALE
            : 0;
    if (this.#changed(this.#order, this.#orderCells, changedAt, since) || flag !== this.#lastFlag) {
      this.#lastFlag = flag;
      x.beginKey(RuleKind.order);
      this.#hash(c.customerId);
      hashChar(SEP);
      this.#hash(c.orderId);
      x.endKey(RuleKind.order, row, flag);
    }
    if (versions !== undefined) this.#fedSerial = versions.serial;
  }

  /**
   * True when cells `cells` of the row being fed changed since the row `memo` remembers. With
   * versions that saw the last row fed (`changedAt`), a cell marked changed since it is taken as
   * changed without comparing (a cell that changed back through rows not fed only adds records
   * equal to the earlier ones, which find nothing), and the memo, no longer following, forgets.
   */
  #changed(memo: RepeatMemo, cells: Int32Array, changedAt: Float64Array | null, since: number): boolean {
    if (changedAt === null) return memo.update(this.#text, this.#starts, this.#ends, this.#base);
    if (unchangedSince(changedAt, cells, since)) return false;
    memo.forget();
    return true;
  }

  #customer(row: number): void {
    const x = this.#x;
    const c = this.#c;
    x.beginValue();
    this.#hash(c.customerId);
    const owner = x.endValue();
    x.beginValue();
    this.#hashJoined(this.#nameCells);
    const name = x.endValue();
    x.beginValue();
    this.#hashJoined(this.#addressCells);
    const address = x.endValue();
    x.beginValue();
    this.#hashEmail();
    const email = x.endValue();
    x.beginValue();
    this.#hash(c.phoneNumber);
    const phone = x.endValue();
    // the four same-customer records are keyed by the customerId: one key hash for all four
    x.beginKey(RuleKind.sameName);
    this.#hash(c.customerId);
    x.endKey(RuleKind.sameName, row, name);
    x.repeatKey(RuleKind.sameAddress, row, address);
    x.repeatKey(RuleKind.sameEmail, row, email);
    x.repeatKey(RuleKind.samePhone, row, phone);
    if (!this.#blank(c.emailAddress)) {
      x.beginKey(RuleKind.emailOwner);
      this.#hashEmail();
      x.endKey(RuleKind.emailOwner, row, owner);
    }
    if (this.#len(c.phoneNumber) > 0 && !this.#dummyPhone()) {
      x.beginKey(RuleKind.phoneOwner);
      this.#hash(c.phoneNumber);
      x.endKey(RuleKind.phoneOwner, row, owner);
    }
    if (this.#is(c.paySource, 'CREDITCARD') && this.#len(c.cardNumber) > 0) {
      x.beginKey(RuleKind.cardOwner);
      this.#hash(c.cardNumber);
      x.endKey(RuleKind.cardOwner, row, owner);
    }
  }

  #start(i: number): number {
    return i < 0 ? 0 : this.#starts[this.#base + i]!;
  }

  #end(i: number): number {
    return i < 0 ? 0 : this.#ends[this.#base + i]!;
  }

  #len(i: number): number {
    return this.#end(i) - this.#start(i);
  }

  #is(i: number, value: string): boolean {
    return rangeEquals(this.#text, this.#start(i), this.#end(i), value);
  }

  /** True when cell i is empty or holds only spaces. */
  #blank(i: number): boolean {
    const t = this.#text;
    for (let k = this.#start(i), e = this.#end(i); k < e; k++) if (t.charCodeAt(k) > 32) return false;
    return true;
  }

  #hash(i: number): void {
    // an absent column hashes as empty: nothing to feed
    if (i < 0) return;
    const at = this.#base + i;
    hashRange(this.#text, this.#starts[at]!, this.#ends[at]!);
  }

  /** Cell i as a whole number: without leading zeros (`07` is merchant 7 to the CRM, as `7` is). */
  #hashWhole(i: number): void {
    if (i < 0) return;
    const t = this.#text;
    let s = this.#start(i);
    const e = this.#end(i);
    while (s < e - 1 && t.charCodeAt(s) === 48) s++;
    hashRange(t, s, e);
  }

  #hashJoined(idx: Int32Array): void {
    for (let k = 0; k < idx.length; k++) {
      if (k > 0) hashChar(SEP);
      this.#hash(idx[k]!);
    }
  }

  /** The email lower-cased like `String#toLowerCase` (ASCII in place, other text via a substring). */
  #hashEmail(): void {
    const i = this.#c.emailAddress;
    const t = this.#text;
    let s = this.#start(i);
    let e = this.#end(i);
    // spaces around an address (warned as VALUE_WHITESPACE) do not make it another address
    while (s < e && t.charCodeAt(s) <= 32) s++;
    while (e > s && t.charCodeAt(e - 1) <= 32) e--;
    if (!hashRangeLower(this.#text, s, e)) {
      const lower = this.#text.slice(s, e).toLowerCase();
      hashRange(lower, 0, lower.length);
    }
  }

  /** Dummy fill (a configured dummy number, or one digit repeated): not used to find duplicates. */
  #dummyPhone(): boolean {
    const i = this.#c.phoneNumber;
    const t = this.#text;
    const s = this.#start(i);
    const e = this.#end(i);
    for (const d of this.#dummy) if (rangeEquals(t, s, e, d)) return true;
    if (e - s < 2) return false;
    const first = t.charCodeAt(s);
    if (first < 48 || first > 57) return false;
    for (let k = s + 1; k < e; k++) if (t.charCodeAt(k) !== first) return false;
    return true;
  }
}
