/**
 * Presets against messy real exports: headers in another case and punctuation, optional columns
 * dropped, the literal `null` in key columns; and configs that name columns the files lack.
 */
import { appendFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPreset, expectAccounting, expectCheckAccepts, parseCsv, rowOf } from './sources-support.js';

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
        .replace(/,cus_ZZ,/, ',null,')
        // a key a spreadsheet kept as text: its leading apostrophe is no part of the key
        .replace(/(ch_A1a,.*?),cus_A1,/, "$1,'cus_A1,"),
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

  it("a key written as spreadsheet text ('cus_A1) joins its row", () => {
    expect(rowOf(b, 'ch_A1a')).toMatchObject({ customerId: 'cus_A1', cardNumber: '4242424242424242' });
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

describe('Stripe: a details file read from a joined source', () => {
  const DETAILS = [
    ...ASSIGN,
    [
      '\nlookups:',
      '\ndetails:\n  source: customers\n  columns:\n    customerId: { from: id }\n    custom1: { from: Email }\n\nlookups:',
    ],
  ] as const;
  const b = buildPreset('stripe', DETAILS, KEY);
  afterAll(b.cleanup);

  it('lists each customer once in rejects.csv: with the details file\'s reason, not also "skipped" as unused', () => {
    expect(b.stderr).toBe('');
    const acc = b.report.accounting.customers;
    const lines = b.rejects.filter((r) => r.source === 'customers');
    // row 5 has no payment: the details file rejects it (its own reason), once; row 4 was merged
    // into the customer of row 1, whose own details row is the one kept
    expect(lines.map((r) => [r.row, r.output, r.codes])).toEqual([
      ['4', 'details', 'CUSTOMER_ID_MERGED'],
      ['5', 'details', 'CUSTOMER_NOT_IN_TRANSACTIONS'],
    ]);
    expect(acc).toEqual({ records: 6, used: 4, rejected: 1, skipped: 1 });
    // the customer no payment uses is still reported as such
    expect(b.joins?.unused.customers).toEqual({ count: 1, examples: ['cus_E5'] });
  });

  it("skips a merged duplicate customer's details row (CUSTOMER_ID_MERGED): the customer's own is kept", () => {
    const merge = b.joins?.merges[0];
    expect(merge).toMatchObject({ customer: 'cus_D4', mergedInto: 'cus_A1' });
    const warned = b.report.issues.filter((i) => i.code === 'CUSTOMER_ID_MERGED');
    expect(warned.map((i) => [i.row, i.severity])).toEqual([[4, 'warning']]);
    const details = parseCsv(join(b.out, 'additional-customer-details.csv'));
    expect(details.filter((r) => r.customerId === 'cus_A1').map((r) => r.custom1)).toEqual([
      'rowan@example.com',
    ]);
    expect(details.map((r) => r.customerId)).not.toContain('cus_D4');
  });
});

describe('Stripe: notes and details of a merged duplicate customer from a file of their own', () => {
  const EXTRA = [
    ...ASSIGN,
    ['\nsources:\n', '\nsources:\n  - { name: extra, file: exports/extra.csv }\n'],
    [
      '\nlookups:',
      `
notes:
  source: extra
  columns:
    customerId: { from: Customer }
    dateCreated: { from: When }
    note: { from: Note }
details:
  source: extra
  columns:
    customerId: { from: Customer }
    custom1: { from: Shirt Size }

lookups:`,
    ],
  ] as const;
  // the duplicate (cus_D4, merged into cus_A1) comes before cus_A1's own row
  const b = buildPreset('stripe', EXTRA, KEY, (dir) =>
    writeFileSync(
      join(dir, 'extra.csv'),
      'Customer,When,Note,Shirt Size\ncus_D4,2026-10-01 10:00,second account,L\ncus_A1,2026-10-02 10:00,first account,M\n',
    ),
  );
  afterAll(b.cleanup);

  it("writes the duplicate's note under the id it was merged into; its details row never displaces the customer's own", () => {
    expect(b.stderr).toBe('');
    const notes = parseCsv(join(b.out, 'customer-notes.csv'));
    expect(notes.map((r) => [r.customerId, r.note])).toEqual([
      ['cus_A1', 'second account'],
      ['cus_A1', 'first account'],
    ]);
    const details = parseCsv(join(b.out, 'additional-customer-details.csv'));
    expect(details.map((r) => [r.customerId, r.custom1])).toEqual([['cus_A1', 'M']]);
    expect(
      b.rejects.filter((r) => r.source === 'extra').map((r) => [r.output, r.row, r.outcome, r.codes]),
    ).toEqual([['details', '1', 'skipped', 'CUSTOMER_ID_MERGED']]);
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

describe('Stripe: broken records in joined sources (a stray quote, an unquoted comma)', () => {
  const b = buildPreset('stripe', ASSIGN, KEY, (dir) => {
    // sub_A1 (active, Gold Monthly): a stray quote, read leniently
    edit(join(dir, 'subscriptions.csv'), (t) =>
      t.replace('sub_A1,cus_A1,Rowan Exampleton,', 'sub_A1,cus_A1,Rowan "Ro" Exampleton,'),
    );
    // Drew's card: an unquoted comma in the address shifts every later cell (card.id, card.number)
    edit(join(dir, 'cards.csv'), (t) =>
      t.replace(
        ',77 Specimen Blvd,,OR,97201,4,2029,card_F6,Drew Specimen,4012888888881881,card_F6,',
        ',77 Specimen Blvd, Suite 5,,OR,97201,4,2029,card_F6,Drew Specimen,4012888888881881,card_F6,MCC0123456789',
      ),
    );
    // a file-level finding of a joined source (Windows-1252 bytes) is reported as for the main source
    writeFileSync(
      join(dir, 'customers.csv'),
      Buffer.concat([
        readFileSync(join(dir, 'customers.csv')),
        Buffer.from(
          'cus_G7,null,gil@example.com,Gil Mu\xf1oz,2026-06-01 10:00,false,,active,0.00,0,0.00,0.00,\n',
          'latin1',
        ),
      ]),
    );
  });
  afterAll(b.cleanup);

  it('is rejected with its CSV code (in rejects.csv and the issues), never joined with shifted values', () => {
    expect(b.stderr).toBe('');
    expect(b.code).toBe(1);
    const broken = b.rejects.filter((r) => r.codes?.startsWith('CSV_'));
    // (no record name: the key cell of a misread record may hold any other cell)
    expect(broken.map((r) => [r.source, r.row, r.outcome, r.codes, r.customerId])).toEqual([
      ['subscriptions', '2', 'rejected', 'CSV_MALFORMED_QUOTE', ''],
      ['cards', '8', 'rejected', 'CSV_RAGGED_ROW', ''],
    ]);
    expect(b.report.accounting.subscriptions).toMatchObject({ records: 8, rejected: 1 });
    expect(b.report.accounting.cards).toMatchObject({ records: 8, rejected: 1 });
    expect(
      b.report.issues.filter((i) => i.code.startsWith('CSV_')).map((i) => [i.code, i.severity, i.row]),
    ).toEqual([
      ['CSV_ENCODING_FALLBACK', 'warning', null],
      ['CSV_MALFORMED_QUOTE', 'error', 2],
      ['CSV_RAGGED_ROW', 'error', 8],
    ]);
    // ch_A1a's invoice names sub_A1, which is not joined: a warning, not the shifted Plan and Status
    expect(
      b.report.issues.filter((i) => i.code === 'JOIN_UNMATCHED').map((i) => [i.row, i.message.split(':')[0]]),
    ).toEqual([
      [1, 'invoices.Subscription → subscriptions.id'],
      [2, 'invoices.Subscription → subscriptions.id'],
      [3, 'invoices.Subscription → subscriptions.id'],
    ]);
    // Drew's payments have no card but the broken row: orphans, not a shifted card number
    expect(b.rows.filter((r) => r.customerId === 'cus_F6')).toEqual([]);
    for (const source of ['payments', 'customers', 'invoices', 'subscriptions', 'cards'])
      expect(b.report.accounting[source], source).toSatisfy(
        (a: { records: number; used: number; rejected: number; skipped: number }) =>
          a.records === a.used + a.rejected + a.skipped &&
          b.rejects.filter((r) => r.source === source && r.output === 'transactions').length >=
            a.rejected + a.skipped,
      );
  });

  it('a re-run that reuses the staged tables reports them the same', () => {
    const before = readFileSync(join(b.out, 'report.json'), 'utf8');
    const again = b.rebuild();
    expect(again.code).toBe(1);
    expect(again.reused).toEqual(expect.arrayContaining(['customers', 'subscriptions', 'cards']));
    expect(readFileSync(join(b.out, 'report.json'), 'utf8')).toBe(before);
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

  it.each([
    [
      'column',
      'prefer: { column: default_source, equalsColumn: card.id }',
      'prefer: { column: default_card, equalsColumn: card.id }',
      'default_card',
    ],
    [
      'equalsColumn',
      'prefer: { column: default_source, equalsColumn: card.id }',
      'prefer: { column: default_source, equalsColumn: card_id_x }',
      'card_id_x',
    ],
  ])(
    "rejects a join's prefer.%s that the joined source lacks (it was ignored: the first row was taken)",
    (_, from, to, column) => {
      const b = buildPreset('stripe', [...ASSIGN, [from, to]], KEY);
      try {
        expect(b.code).toBe(2);
        expect(b.stderr).toMatch(/^kmigrate: CONFIG_INVALID: /);
        expect(b.stderr).toContain(`"${column}"`);
        expect(b.stderr).toContain('cards');
        expect(b.stderr.trim().split('\n')).toHaveLength(1);
      } finally {
        b.cleanup();
      }
    },
  );

  it('rejects a sources[].preset that does not exist (it was ignored: no adapter, no card columns)', () => {
    const b = buildPreset('stripe', [...ASSIGN, ['preset: stripe.pan', 'preset: stripe.pans']], KEY);
    try {
      expect(b.code).toBe(2);
      expect(b.stderr).toMatch(/^kmigrate: CONFIG_INVALID: .*"stripe\.pans".*stripe\.pan\b/);
      expect(b.stderr.trim().split('\n')).toHaveLength(1);
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

  it('says when none of derive.orders.by is in the transactions header (every transaction its own order)', () => {
    const b = buildPreset(
      'stripe',
      [...ASSIGN, ['by: payments.Invoice ID', 'by: payments.Invoice Number']],
      KEY,
    );
    try {
      expect(b.report.countsByCode.JOIN_ORDER_KEY_ABSENT).toBe(1);
      const issue = b.report.issues.find((i: { code: string }) => i.code === 'JOIN_ORDER_KEY_ABSENT');
      expect(issue).toMatchObject({
        severity: 'warning',
        message: expect.stringContaining('"Invoice Number"'),
      });
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
