import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmigrate, tempDir } from '../support/cli.js';
import { buildPreset, expectAccounting, expectCheckAccepts, rowOf } from './sources-support.js';

const IMPORT = ['# importDate: "2026-12-01"', 'importDate: "2026-12-01"'] as const;

describe('NMI preset: actions + vault PAN export + subscriptions', () => {
  const b = buildPreset('nmi', [
    IMPORT,
    [
      /plans: \{\}.*/,
      'plans: { monthly11: { campaignId: 30, productId: 401 }, monthly22: { campaignId: 30, productId: 402 } }',
    ],
    [/mids: \{\}.*/, 'mids: { ccprocessora: "11" }'],
  ]);
  afterAll(b.cleanup);

  it('builds, check accepts it, accounting holds, every reject explained', () => {
    expect(b.stderr).toBe('');
    expectCheckAccepts(b, '2026-12-01');
    expectAccounting(
      b,
      { transactions: 'transactions.csv', vault: 'vault.csv', subscriptions: 'subscriptions.csv' },
      'nmi',
    );
    expect(b.rejects.map((r) => [r.source, r.row, r.codes])).toEqual([
      ['transactions', '3', 'REQUIRED_MISSING'], // last name is the literal "null" in both files
      ['transactions', '5', 'NOT_A_PAYMENT'],
      ['vault', '2', 'JOIN_UNUSED'],
      ['vault', '4', 'JOIN_UNUSED'],
      ['subscriptions', '2', 'JOIN_UNUSED'],
    ]);
  });

  it('vault id with a leading space joins; compact UTC dates; MMYY expiry; sale and refund in one order', () => {
    const sale = b.rows.find((r) => r.merchantTxnId === '9001' && r.txnType === 'SALE');
    expect(sale).toMatchObject({
      customerId: '4008081888597346',
      orderId: '1',
      dateCreated: '2026-09-15 17:03:22',
      isActiveRecurring: '1',
      nextBillDate: '2027-01-15',
      cardNumber: '4111111111111111',
      cardExpiryMonth: '09',
      cardExpiryYear: '2028',
      merchantId: '11',
      state: 'FL',
      phoneNumber: '8135550101',
    });
    expect(b.rows.find((r) => r.merchantTxnId === '9001' && r.txnType === 'REFUND')).toMatchObject({
      orderId: '1',
    });
  });

  it('a second vault id with the same email is merged; its canceled subscription is not recurring', () => {
    expect(rowOf(b, '9003')).toMatchObject({
      customerId: '4008081888597346',
      isActiveRecurring: '0',
      responseType: 'DECLINE',
      cardNumber: '4000056655665556',
    });
  });
});

/**
 * The NMI fixture built with one more option on its subscriptions source (`option`, a YAML line)
 * and its subscription's next charge written as `nextCharge`.
 */
function nmiWithSubscriptionOption(option: string, nextCharge: string) {
  return buildPreset(
    'nmi',
    [
      IMPORT,
      [
        /plans: \{\}.*/,
        'plans: { monthly11: { campaignId: 30, productId: 401 }, monthly22: { campaignId: 30, productId: 402 } }',
      ],
      [/mids: \{\}.*/, 'mids: { ccprocessora: "11" }'],
      [
        'preset: nmi.subscriptions\n    key: subscription_id',
        `preset: nmi.subscriptions\n    key: subscription_id\n    ${option}`,
      ],
    ],
    {},
    (dir) => {
      const path = join(dir, 'subscriptions.csv');
      writeFileSync(path, readFileSync(path, 'utf8').replace(',20270115,', `,${nextCharge},`));
    },
  );
}

describe('NMI preset: a joined source in its own time zone', () => {
  // the subscriptions export writes next_charge_date as a date-time of the account's zone
  const b = nmiWithSubscriptionOption('timeZone: America/Los_Angeles', '2027-01-15 02:00:00');
  afterAll(b.cleanup);

  it("reads the joined source's date-times in its zone, not the transactions source's", () => {
    expect(b.stderr).toBe('');
    // 02:00 in Los Angeles is 05:00 in New York, the same day (read as UTC it was the day before)
    expect(b.rows.find((r) => r.merchantTxnId === '9001' && r.txnType === 'SALE')).toMatchObject({
      isActiveRecurring: '1',
      nextBillDate: '2027-01-15',
    });
  });
});

describe("NMI preset: a joined source's own dateOrder", () => {
  // a subscriptions file saved by a day-first spreadsheet, where no day is above 12
  const b = nmiWithSubscriptionOption('dateOrder: DMY', '05/01/2027');
  afterAll(b.cleanup);

  it('decides the day/month order of its dates', () => {
    expect(b.stderr).toBe('');
    expect(b.report.countsByCode.DATE_AMBIGUOUS).toBeUndefined();
    expect(b.rows.find((r) => r.merchantTxnId === '9001' && r.txnType === 'SALE')).toMatchObject({
      isActiveRecurring: '1',
      nextBillDate: '2027-01-05',
    });
  });
});

describe('Sticky.io preset: orders + PAN file', () => {
  const b = buildPreset('sticky', [
    IMPORT,
    [
      /plans: \{\}.*/,
      'plans: { "44": { campaignId: 3, productId: 44 }, "45": { campaignId: 3, productId: 45 } }',
    ],
    [/mids: \{\}.*/, 'mids: { "1": "21" }'],
  ]);
  afterAll(b.cleanup);

  it('builds (BOM, CRLF), check accepts it, accounting holds; status 6 and 11 are skipped with reasons', () => {
    expect(b.stderr).toBe('');
    expect(b.code).toBe(0);
    expectCheckAccepts(b, '2026-12-01');
    expectAccounting(b, { orders: 'orders.csv', cards: 'cards.csv' }, 'sticky');
    expect(b.rejects.map((r) => [r.source, r.row, r.codes])).toEqual([
      ['orders', '4', 'VOID_OR_REFUNDED'],
      ['orders', '5', 'PENDING'],
      ['cards', '4', 'JOIN_UNUSED'],
    ]);
  });

  it('order status codes, recurring_date, MMYY expiry, state name; the same card under 504 merges into 501', () => {
    expect(rowOf(b, 'T10002')).toMatchObject({
      customerId: '501',
      isActiveRecurring: '1',
      nextBillDate: '2026-12-15',
      cardExpiryMonth: '08',
      cardExpiryYear: '2028',
      merchantId: '21',
      productId: '45',
    });
    expect(rowOf(b, 'T10001')).toMatchObject({ isActiveRecurring: '0', state: 'NY', billShipSame: '1' });
    expect(rowOf(b, 'T10003')).toMatchObject({
      responseType: 'DECLINE',
      cardNumber: '5555555555554444',
      cardExpiryMonth: '01',
      cardExpiryYear: '2030',
    });
    expect(rowOf(b, 'T10006')).toMatchObject({ customerId: '501', nextBillDate: '2027-01-21' });
  });
});

describe('Recurly preset: transactions + accounts (one row per billing info) + subscriptions + PAN', () => {
  const b = buildPreset('recurly', [
    IMPORT,
    [
      /plans: \{\}.*/,
      'plans: { pro-monthly: { campaignId: 40, productId: 501 }, basic-monthly: { campaignId: 40, productId: 502 } }',
    ],
    [/mids: \{\}.*/, 'mids: { braintree-us: "31" }'],
  ]);
  afterAll(b.cleanup);

  it('builds, check accepts it, accounting holds for all four files', () => {
    expect(b.stderr).toBe('');
    expectCheckAccepts(b, '2026-12-01');
    expectAccounting(
      b,
      {
        transactions: 'transactions.csv',
        accounts: 'accounts.csv',
        subscriptions: 'subscriptions.csv',
        cards: 'cards.csv',
      },
      'recurly',
    );
    expect(b.rejects.map((r) => [r.source, r.row, r.codes])).toEqual([
      ['transactions', '5', 'JOIN_ORPHAN'],
      ['transactions', '6', 'NOT_SETTLED'],
      ['accounts', '1', 'JOIN_UNUSED'],
      ['subscriptions', '4', 'JOIN_UNUSED'],
      ['cards', '2', 'JOIN_UNUSED'],
    ]);
  });

  it('PDT and UTC in one file; the primary billing info picks the card (chained join); refund in its sale order', () => {
    expect(rowOf(b, 'r1a')).toMatchObject({
      customerId: 'ava@example.com',
      orderId: '1',
      dateCreated: '2026-09-10 07:03:22',
      isActiveRecurring: '1',
      nextBillDate: '2027-01-10',
      cardNumber: '4242424242424242',
      cardExpiryMonth: '04',
      merchantId: '31',
    });
    expect(rowOf(b, 'r1b')).toMatchObject({
      txnType: 'REFUND',
      orderId: '1',
      dateCreated: '2026-09-12 11:00:00',
    });
  });

  it('in_trial → trial end; auto_renew FALSE → not recurring; duplicate account merged by email', () => {
    expect(rowOf(b, 'r2a')).toMatchObject({
      isActiveRecurring: '1',
      nextBillDate: '2026-12-17',
      state: 'OR',
      phoneNumber: '5035550100',
      responseType: 'DECLINE',
    });
    expect(rowOf(b, 'r3a')).toMatchObject({
      customerId: 'ava@example.com',
      isActiveRecurring: '0',
      nextBillDate: '',
    });
    expect(b.joins?.merges).toEqual([
      { source: 'accounts', customer: 'ava-old', mergedInto: 'ava@example.com', by: 'email' },
    ]);
  });
});

describe('Recurly preset: an unused subscription that will not renew', () => {
  const b = buildPreset(
    'recurly',
    [
      IMPORT,
      [
        /plans: \{\}.*/,
        'plans: { pro-monthly: { campaignId: 40, productId: 501 }, basic-monthly: { campaignId: 40, productId: 502 } }',
      ],
      [/mids: \{\}.*/, 'mids: { braintree-us: "31" }'],
    ],
    {},
    (dir) => {
      // active until its term ends, auto_renew FALSE: it bills nobody after the cut-over
      const path = join(dir, 'subscriptions.csv');
      const subC =
        readFileSync(path, 'utf8')
          .split('\n')
          .find((l) => l.startsWith('subC,')) ?? '';
      appendFileSync(
        path,
        `${subC.replace('subC,ava-old,AVA@example.com,', 'subE,eve-9,eve@example.com,')}\n`,
      );
    },
  );
  afterAll(b.cleanup);

  it('is JOIN_UNUSED, not a subscriber who would not be billed (JOIN_UNUSED_SUBSCRIBER)', () => {
    expect(b.stderr).toBe('');
    expect(b.rejects.filter((r) => r.source === 'subscriptions').map((r) => [r.row, r.codes])).toEqual([
      ['4', 'JOIN_UNUSED'],
      ['5', 'JOIN_UNUSED'],
    ]);
    expect(b.report.countsByCode.JOIN_UNUSED_SUBSCRIBER).toBeUndefined();
  });
});

describe('generic preset: one CSV', () => {
  const b = buildPreset('generic', [
    IMPORT,
    [/plans: \{\}.*/, 'plans: { Box Monthly: { campaignId: 50, productId: 601 } }'],
    [/mids: \{\}.*/, 'mids: { Main: "41" }'],
  ]);
  afterAll(b.cleanup);

  it('builds without joins (no staging), check accepts it, accounting holds', () => {
    expect(b.stderr).toBe('');
    expect(b.joins).toBeNull();
    expectCheckAccepts(b, '2026-12-01');
    expectAccounting(b, { orders: 'orders.csv' }, 'generic');
    expect(b.rejects.map((r) => [r.row, r.codes])).toEqual([
      ['3', 'REQUIRED_MISSING'],
      ['4', 'NOT_SETTLED'],
    ]);
  });

  it('day-first dates, leading space, unpadded month and ZIP, state name', () => {
    expect(rowOf(b, 'tx7001')).toMatchObject({
      dateCreated: '2026-09-15 14:03:00',
      nextBillDate: '2027-01-15',
      firstName: 'Imogen',
      cardExpiryMonth: '09',
      postalCode: '06103',
      state: 'CT',
      country: 'US',
      phoneNumber: '5552018779',
    });
  });
});

describe('kmigrate init', () => {
  const t = tempDir();
  afterAll(t.cleanup);

  it.each(['stripe', 'nmi', 'authorize-net', 'braintree', 'recurly', 'woocommerce', 'sticky', 'generic'])(
    '%s: writes a commented migration.yaml and a README of next steps',
    (source) => {
      const dir = join(t.dir, source);
      const r = kmigrate(['init', dir, '--source', source, '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const yaml = readFileSync(join(dir, 'migration.yaml'), 'utf8');
      expect(yaml).toMatch(/^# kmigrate migration/m);
      expect(yaml).toContain('TO DO');
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toMatch(
        /profile[\s\S]*map[\s\S]*lookups[\s\S]*build[\s\S]*check/,
      );
      expect(existsSync(join(dir, '.kmigrate'))).toBe(true);
    },
  );

  it('never overwrites a migration', () => {
    const r = kmigrate(['init', join(t.dir, 'stripe'), '--source', 'stripe']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/WORKSPACE_EXISTS/);
  });
});
