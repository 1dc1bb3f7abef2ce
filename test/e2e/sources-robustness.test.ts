/**
 * Presets against messy real exports: headers in another case and punctuation, optional columns
 * dropped, the literal `null` in key columns; and configs that name columns the files lack.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPreset, expectAccounting, expectCheckAccepts, rowOf } from './sources-support.js';

const KEY = { KMIGRATE_STAGING_KEY: 'ef'.repeat(32) };
const ASSIGN = [
  ['# importDate: "2026-12-01"', 'importDate: "2026-12-01"'],
  [
    /plans: \{\}.*/,
    'plans: { Gold Monthly: { campaignId: 12, productId: 101 }, Silver Monthly: { campaignId: 12, productId: 102 }, "": { campaignId: 12, productId: 199 } }',
  ],
  [/mids: \{\}.*/, 'mids: { usd: "7" }'],
] as const;

function edit(path: string, change: (text: string) => string): void {
  writeFileSync(path, change(readFileSync(path, 'utf8')));
}

describe('Stripe preset on a messy export', () => {
  const b = buildPreset('stripe', ASSIGN, KEY, (dir) => {
    edit(join(dir, 'payments.csv'), (t) =>
      t
        // header spelled differently: case, underscores, dots
        .replace(',Amount Refunded,', ',AMOUNT_REFUNDED,')
        .replace(',Customer ID,', ',customer.id,')
        .replace(',Card ID,', ',card_id,')
        // the literal null: as an invoice (no shared order) and as a customer id (no join)
        .replace(/,in_A1a,/, ',null,')
        .replace(/,in_A1b,/, ',NULL,')
        .replace(/,cus_ZZ,/, ',null,'),
    );
    // a customer whose id is the literal null must not catch the payments with a null customer
    appendFileSync(
      join(dir, 'customers.csv'),
      'null,,zz@example.com,Zed Null,2026-01-01 00:00,false,,active,0.00,0,0.00,0.00,\n',
    );
    // the subscriptions export without its (optional) trial columns
    edit(join(dir, 'subscriptions.csv'), (t) =>
      t
        .split(/\r?\n/)
        .map((line) => {
          const f = line.split(',');
          f.splice(14, 2);
          return f.join(',');
        })
        .join('\n'),
    );
  });
  afterAll(b.cleanup);

  it('builds, check accepts it and the accounting holds', () => {
    expect(b.stderr).toBe('');
    expect(b.code).toBe(1);
    expectCheckAccepts(b, '2026-12-01');
    expect(b.report.accounting.customers).toEqual({ records: 7, used: 5, rejected: 0, skipped: 2 });
    expectAccounting(b, { payments: 'payments.csv' }, 'stripe');
  });

  it('a null customer id is a blank key (orphan), not a match with a null customer row', () => {
    const orphan = b.rejects.find((r) => r.source === 'payments');
    expect(orphan).toMatchObject({ row: '8', codes: 'JOIN_ORPHAN' });
    expect(orphan?.message).toContain('the key is blank');
    expect(b.rejects.filter((r) => r.source === 'customers').map((r) => [r.row, r.codes])).toEqual([
      ['5', 'JOIN_UNUSED'],
      ['7', 'JOIN_UNUSED'],
    ]);
  });

  it('null invoices do not merge payments into one order; renamed headers still join and refund', () => {
    expect(rowOf(b, 'ch_A1a').orderId).not.toBe(rowOf(b, 'ch_A1b').orderId);
    expect(rowOf(b, 'ch_A1a')).toMatchObject({ customerId: 'cus_A1', cardNumber: '4242424242424242' });
    expect(b.rows.filter((r) => r.txnType === 'REFUND').map((r) => [r.merchantTxnId, r.subTotal])).toEqual([
      ['ch_B2b', '5.00'],
      ['ch_C3a', '10.00'],
    ]);
  });

  it('without the trial columns a trialing subscription bills at its period end', () => {
    expect(rowOf(b, 'ch_B2a')).toMatchObject({ isActiveRecurring: '1', nextBillDate: '2026-12-17' });
  });
});

describe('Stripe: an invoices export that does not cover every payment', () => {
  const b = buildPreset('stripe', ASSIGN, KEY, (dir) =>
    edit(join(dir, 'invoices.csv'), (t) =>
      t
        .split('\n')
        .filter((l) => !l.startsWith('in_A1b,'))
        .join('\n'),
    ),
  );
  afterAll(b.cleanup);

  it('keeps the payment whose invoice is missing, unlinked, with a JOIN_UNMATCHED warning', () => {
    const unmatched = b.report.issues.filter((i) => i.code === 'JOIN_UNMATCHED');
    // row 2 (ch_A1b): its invoice is gone. Row 8 (ch_ZZa: its invoice's subscription is not exported
    // either) is rejected already (JOIN_ORPHAN: its customer is missing): no warning on top
    expect(unmatched.map((i) => [i.row, i.severity, i.message.split(':')[0]])).toEqual([
      [2, 'warning', 'payments.Invoice ID → invoices.id'],
    ]);
    expect(rowOf(b, 'ch_A1b')).toMatchObject({ productId: '199', isActiveRecurring: '0' });
    expectAccounting(b, { payments: 'payments.csv' }, 'stripe');
  });
});

describe('configs naming columns the files lack', () => {
  it('a refund larger than its charge: the sale is written, the REFUND row rejected (REFUND_EXCEEDS_SALE)', () => {
    const b = buildPreset('stripe', ASSIGN, KEY, (dir) =>
      edit(join(dir, 'payments.csv'), (t) =>
        t.replace(
          'ch_A1b,Subscription update,Payment complete.,2026-10-15 14:05,29.95,0.00,',
          'ch_A1b,Subscription update,Payment complete.,2026-10-15 14:05,29.95,35.00,',
        ),
      ),
    );
    try {
      expect(b.report.countsByCode.REFUND_EXCEEDS_SALE).toBe(1);
      expect(b.rejects.filter((r) => r.codes === 'REFUND_EXCEEDS_SALE').map((r) => r.row)).toEqual(['2']);
      expect(rowOf(b, 'ch_A1b')).toMatchObject({ txnType: 'SALE' });
    } finally {
      b.cleanup();
    }
  });

  it('a joined source file that has not arrived yet is FILE_NOT_FOUND (was INTERNAL)', () => {
    const b = buildPreset('stripe', ASSIGN, KEY, (dir) => rmSync(join(dir, 'cards.csv')));
    try {
      expect(b.code).toBe(2);
      expect(b.stderr).toMatch(/^kmigrate: FILE_NOT_FOUND: The source file .*cards\.csv does not exist\./);
    } finally {
      b.cleanup();
    }
  });

  it('rejects derive.orders.id that is not in the transactions header', () => {
    const b = buildPreset('stripe', [...ASSIGN, ['id: payments.id', 'id: payments.Charge Identifier']], KEY);
    try {
      expect(b.code).toBe(2);
      expect(b.stderr).toContain('derive.orders: column "Charge Identifier"');
    } finally {
      b.cleanup();
    }
  });

  it('rejects derive.refunds.amount read from a joined source', () => {
    const b = buildPreset(
      'stripe',
      [...ASSIGN, ['amount: payments.Amount Refunded', 'amount: customers.Refunded Volume']],
      KEY,
    );
    try {
      expect(b.code).toBe(2);
      expect(b.stderr).toContain('refunds are read from the transactions source');
    } finally {
      b.cleanup();
    }
  });
});
