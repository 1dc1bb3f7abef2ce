import { describe, expect, it } from 'vitest';
import { isWritableDummy } from '../normalize/index.js';
import { validateConfig } from './parse-config.js';

function problems(columns: Record<string, unknown>, lookups: Record<string, unknown> = {}): string[] {
  const r = validateConfig({
    version: 1,
    sources: [{ name: 'orders', file: 'o.csv' }],
    transactions: { source: 'orders', columns },
    lookups,
  });
  return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
}

const plans = { plans: { Gold: { campaignId: 12, productId: 101 } }, mids: { Stripe: '7' } };

describe('validateConfig: mappings that would fail every row', () => {
  it('accepts lookups read the way their tables hold them', () => {
    expect(
      problems(
        {
          productId: { from: 'Plan', lookup: 'plans', field: 'productId' },
          merchantId: { from: 'Gateway', lookup: 'mids' },
          responseType: { from: 'Status', normalize: 'enum', map: { ok: 'SUCCESS', no: 'DECLINE' } },
          phoneNumber: { from: 'Phone', region: 'GB' },
        },
        plans,
      ),
    ).toEqual([]);
  });

  it('names a lookup field no entry has, a record table read without field, a plain table read with one', () => {
    expect(
      problems(
        {
          productId: { from: 'Plan', lookup: 'plans', field: 'productID' },
          campaignId: { from: 'Plan', lookup: 'plans' },
          merchantId: { from: 'Gateway', lookup: 'mids', field: 'id' },
        },
        plans,
      ),
    ).toEqual([
      'transactions.columns.productId.field: no entry of lookup table plans has a field productID (did you mean productId?)',
      'transactions.columns.campaignId.field: lookup table plans holds records: say which field (field: …)',
      'transactions.columns.merchantId.field: lookup table mids holds plain values: remove field',
    ]);
  });

  it('names an unknown phone region, an enum map value the column does not allow, and a typo of a key', () => {
    expect(
      problems({
        phoneNumber: { from: 'Phone', region: 'XX' },
        responseType: { from: 'Status', normalize: 'enum', map: { approved: 'APPROVED' } },
      }),
    ).toEqual([
      'transactions.columns.phoneNumber.region: XX is not a phone region: use an ISO country code such as US or GB',
      'transactions.columns.responseType.map.approved: APPROVED is not a value of responseType (SUCCESS, DECLINE)',
    ]);
    expect(problems({ phoneNumber: { from: 'Phone', normalise: 'phone' } })).toEqual([
      'transactions.columns.phoneNumber.normalise: unknown key "normalise" (a typo? see docs/migration-config.md)',
    ]);
  });
});

describe('validateConfig: the money options on a column not read as money', () => {
  it.each([
    ['decimal', ','],
    ['decimal', 'auto'],
    ['cents', true],
    ['cents', false],
    ['negative', 'absolute'],
    ['negative', 'reject'],
    ['currency', 'USD'],
    ['currency', 'any'],
  ] as const)('names %s: %s with the column, the option and how it is read', (option, value) => {
    expect(
      problems({
        subTotal: { from: 'Amount', [option]: value },
        customerId: { from: 'Ref', normalize: 'money', [option]: value },
        orderId: { from: 'Order', [option]: value },
        dateCreated: { from: 'Created', [option]: value },
        phoneNumber: { from: 'Phone', normalize: 'phone', [option]: value },
        salesTax: { from: 'Tax', normalize: 'text', [option]: value },
        // a vendor template's extra column: read as text unless told otherwise
        giftAmount: { from: 'Gift', [option]: value },
        giftTotal: { from: 'Gift', normalize: 'money', [option]: value },
      }),
    ).toEqual([
      `transactions.columns.orderId.${option}: ${option} is a money option, but orderId is not read as money (its type is varchar): remove ${option}, or set normalize: money`,
      `transactions.columns.dateCreated.${option}: ${option} is a money option, but dateCreated is not read as money (its type is datetime): remove ${option}, or set normalize: money`,
      `transactions.columns.phoneNumber.${option}: ${option} is a money option, but phoneNumber is not read as money (normalize: phone): remove ${option}, or set normalize: money`,
      `transactions.columns.salesTax.${option}: ${option} is a money option, but salesTax is not read as money (normalize: text): remove ${option}, or set normalize: money`,
      `transactions.columns.giftAmount.${option}: ${option} is a money option, but giftAmount is not read as money (it is not a Konnektive column, so it is read as text): remove ${option}, or set normalize: money`,
    ]);
  });

  it('names every money option of the column, one problem each', () => {
    expect(
      problems({
        cardNumber: { from: 'Card', decimal: '.', cents: true, negative: 'absolute', currency: 'EUR' },
      }),
    ).toEqual(
      ['decimal', 'cents', 'negative', 'currency'].map(
        (o) =>
          `transactions.columns.cardNumber.${o}: ${o} is a money option, but cardNumber is not read as money (its type is digits): remove ${o}, or set normalize: money`,
      ),
    );
    expect(
      problems({
        subTotal: { from: 'Amount', decimal: ',', cents: true, negative: 'absolute', currency: 'EUR' },
      }),
    ).toEqual([]);
  });
});

describe('validateConfig: the phone options on a column not read as a phone number', () => {
  it.each([
    ['dummy', '1111111111'],
    ['region', 'GB'],
    ['region', 'XX'],
  ] as const)(
    'names %s: %s with the column, the option and how it is read (not the region itself)',
    (option, value) => {
      const message = (column: string, readAs: string) =>
        `transactions.columns.${column}.${option}: ${option} is a phone option, but ${column} is not read as a phone number (${readAs}): remove ${option}, or set normalize: phone`;
      expect(
        problems({
          orderId: { from: 'Order', [option]: value },
          emailAddress: { from: 'Email', [option]: value },
          subTotal: { from: 'Amount', [option]: value },
          dateCreated: { from: 'Created', normalize: 'date', [option]: value },
          salesTax: { from: 'Tax', normalize: 'text', [option]: value },
          // a vendor template's extra column: read as text unless told otherwise
          mobilePhone: { from: 'Mobile', [option]: value },
        }),
      ).toEqual([
        message('orderId', 'its type is varchar'),
        message('emailAddress', 'its type is email'),
        message('subTotal', 'its type is decimal'),
        message('dateCreated', 'normalize: date'),
        message('salesTax', 'normalize: text'),
        message('mobilePhone', 'it is not a Konnektive column, so it is read as text'),
      ]);
    },
  );

  it('accepts them on a column read as a phone number', () => {
    expect(
      problems({
        phoneNumber: { from: 'Phone', dummy: '1111111111', region: 'GB' },
        customerId: { from: 'Ref', normalize: 'phone', region: 'US' },
        mobilePhone: { from: 'Mobile', normalize: 'phone', dummy: '1111111111', region: 'CA' },
      }),
    ).toEqual([]);
  });

  it('names the phone number read as text, and both options, one problem each', () => {
    expect(
      problems({ phoneNumber: { from: 'Phone', normalize: 'text', dummy: '1111111111', region: 'GB' } }),
    ).toEqual(
      ['dummy', 'region'].map(
        (o) =>
          `transactions.columns.phoneNumber.${o}: ${o} is a phone option, but phoneNumber is not read as a phone number (normalize: text): remove ${o}, or set normalize: phone`,
      ),
    );
  });

  it('names a money option and a phone option of the same column', () => {
    expect(problems({ orderId: { from: 'Order', currency: 'USD', dummy: '1111111111' } })).toEqual([
      'transactions.columns.orderId.currency: currency is a money option, but orderId is not read as money (its type is varchar): remove currency, or set normalize: money',
      'transactions.columns.orderId.dummy: dummy is a phone option, but orderId is not read as a phone number (its type is varchar): remove dummy, or set normalize: phone',
    ]);
  });

  it('names them in the notes and details sections too', () => {
    const r = validateConfig({
      version: 1,
      sources: [{ name: 'orders', file: 'o.csv' }],
      transactions: { source: 'orders', columns: { phoneNumber: { from: 'Phone', region: 'US' } } },
      notes: { source: 'orders', columns: { note: { from: 'Note', region: 'US' } } },
      details: { source: 'orders', columns: { custom1: { from: 'Extra', dummy: '1111111111' } } },
    });
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'notes.columns.note.region: region is a phone option, but note is not read as a phone number (its type is text): remove region, or set normalize: phone',
      'details.columns.custom1.dummy: dummy is a phone option, but custom1 is not read as a phone number (its type is varchar): remove dummy, or set normalize: phone',
    ]);
  });
});

describe('validateConfig: the date, expiry and digits options on a column whose normalizer does not read them', () => {
  it.each([
    ['format', 'MDY'],
    ['format', 'auto'],
    ['timeZone', 'America/New_York'],
  ] as const)('names %s: %s on a column not read as a date or date-time', (option, value) => {
    const message = (column: string, readAs: string) =>
      `transactions.columns.${column}.${option}: ${option} is a date option, but ${column} is not read as a date or date-time (${readAs}): remove ${option}, or set normalize: date or datetime`;
    expect(
      problems({
        orderId: { from: 'Order', [option]: value },
        subTotal: { from: 'Amount', [option]: value },
        dateCreated: { from: 'Created', normalize: 'text', [option]: value },
        cardExpiryMonth: { from: 'Exp', [option]: value },
        // a vendor template's extra column: read as text unless told otherwise
        giftDate: { from: 'Gift', [option]: value },
      }),
    ).toEqual([
      message('orderId', 'its type is varchar'),
      message('subTotal', 'its type is decimal'),
      message('dateCreated', 'normalize: text'),
      message('cardExpiryMonth', 'its type is month'),
      message('giftDate', 'it is not a Konnektive column, so it is read as text'),
    ]);
  });

  it('accepts them on a column read as a date or date-time', () => {
    expect(
      problems({
        dateCreated: { from: 'Created', format: 'DMY', timeZone: 'Europe/London' },
        nextBillDate: { from: 'Next', format: 'ISO', timeZone: 'UTC' },
        customerId: { from: 'Ref', normalize: 'date', format: 'UNIX' },
        giftDate: { from: 'Gift', normalize: 'datetime', format: 'MDY', timeZone: 'UTC' },
      }),
    ).toEqual([]);
  });

  it('names order on a column not read as a card expiry month or year, and accepts it on one', () => {
    const message = (column: string, readAs: string) =>
      `transactions.columns.${column}.order: order is an expiry option, but ${column} is not read as a card expiry month or year (${readAs}): remove order, or set normalize: expiry-month or expiry-year`;
    expect(
      problems({
        cardNumber: { from: 'Card', order: 'MMYY' },
        dateCreated: { from: 'Created', order: 'YYMM' },
        cardExpiryYear: { from: 'Exp', normalize: 'integer', order: 'MMYY' },
        giftExpiry: { from: 'Gift', order: 'MMYY' },
      }),
    ).toEqual([
      message('cardNumber', 'its type is digits'),
      message('dateCreated', 'its type is datetime'),
      message('cardExpiryYear', 'normalize: integer'),
      message('giftExpiry', 'it is not a Konnektive column, so it is read as text'),
    ]);
    expect(
      problems({
        cardExpiryMonth: { from: 'Exp', order: 'YYMM' },
        cardExpiryYear: { from: 'Exp', order: 'YYMM' },
        custom1: { from: 'Exp', normalize: 'expiry-month', order: 'MMYY' },
        custom2: { from: 'Exp', normalize: 'expiry-year', order: 'MMYY' },
      }),
    ).toEqual([]);
  });

  it('names kind on a column not read as digits, and accepts it on one', () => {
    const message = (column: string, readAs: string) =>
      `transactions.columns.${column}.kind: kind is a digits option, but ${column} is not read as digits (${readAs}): remove kind, or set normalize: digits`;
    expect(
      problems({
        customerId: { from: 'Ref', kind: 'id' },
        campaignId: { from: 'Campaign', kind: 'id' },
        cardNumber: { from: 'Card', normalize: 'text', kind: 'card' },
        cardExpiryMonth: { from: 'Exp', kind: 'account' },
        giftCard: { from: 'Gift', kind: 'card' },
      }),
    ).toEqual([
      message('customerId', 'its type is varchar'),
      message('campaignId', 'its type is integer'),
      message('cardNumber', 'normalize: text'),
      message('cardExpiryMonth', 'its type is month'),
      message('giftCard', 'it is not a Konnektive column, so it is read as text'),
    ]);
    expect(
      problems({
        cardNumber: { from: 'Card', kind: 'card' },
        achRoutingNumber: { from: 'Routing', kind: 'routing' },
        achAccountNumber: { from: 'Account', kind: 'account' },
        orderId: { from: 'Order', normalize: 'digits', kind: 'id' },
      }),
    ).toEqual([]);
  });

  it('names the options of every group set on one column, in the notes section too', () => {
    const r = validateConfig({
      version: 1,
      sources: [{ name: 'orders', file: 'o.csv' }],
      transactions: { source: 'orders', columns: { orderId: { from: 'Order' } } },
      notes: {
        source: 'orders',
        columns: { note: { from: 'Note', format: 'MDY', order: 'MMYY', kind: 'id', currency: 'USD' } },
      },
    });
    expect(r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'notes.columns.note.currency: currency is a money option, but note is not read as money (its type is text): remove currency, or set normalize: money',
      'notes.columns.note.format: format is a date option, but note is not read as a date or date-time (its type is text): remove format, or set normalize: date or datetime',
      'notes.columns.note.order: order is an expiry option, but note is not read as a card expiry month or year (its type is text): remove order, or set normalize: expiry-month or expiry-year',
      'notes.columns.note.kind: kind is a digits option, but note is not read as digits (its type is text): remove kind, or set normalize: digits',
    ]);
  });

  it('leaves the options every column reads alone (map, lookup, field, default, value, from)', () => {
    expect(
      problems(
        {
          orderId: { from: ['Order', 'Ref'], default: 'none' },
          productId: { from: 'Plan', lookup: 'plans', field: 'productId', default: '101' },
          merchantId: { from: 'Gateway', lookup: 'mids' },
          responseType: { from: 'Status', map: { ok: 'SUCCESS' } },
          campaignId: { value: '12' },
        },
        plans,
      ),
    ).toEqual([]);
  });
});

describe("validateConfig: a built-in column keyed by a vendor template's spelling (another case)", () => {
  it('is judged as the built-in column it is: its options accepted where its normalizer reads them', () => {
    expect(
      problems({
        DateCreated: { from: 'Created', format: 'MDY', timeZone: 'America/Chicago' },
        SubTotal: { from: 'Amount', decimal: ',', currency: 'EUR' },
        PhoneNumber: { from: 'Phone', dummy: '1111111111', region: 'GB' },
        CardExpiryMonth: { from: 'Exp', order: 'YYMM' },
        CARDNUMBER: { from: 'Card', kind: 'card' },
      }),
    ).toEqual([]);
  });

  it('and refused where it does not, named as the built-in column is', () => {
    expect(
      problems({
        OrderId: { from: 'Order', format: 'MDY' },
        ResponseType: { from: 'Status', normalize: 'enum', map: { approved: 'APPROVED' } },
      }),
    ).toEqual([
      'transactions.columns.OrderId.format: format is a date option, but OrderId is not read as a date or date-time (its type is varchar): remove format, or set normalize: date or datetime',
      'transactions.columns.ResponseType.map.approved: APPROVED is not a value of ResponseType (SUCCESS, DECLINE)',
    ]);
  });
});

describe('validateConfig: a phone dummy', () => {
  it('takes 10 digits, or 11 starting with 1', () => {
    for (const dummy of ['1111111111', '0000000000', '10000000000', '12025550100'])
      expect(problems({ phoneNumber: { from: 'Phone', dummy } })).toEqual([]);
  });
  it('refuses a dummy that cannot be written as a 10-digit US/CA number, saying so', () => {
    const writable =
      'transactions.columns.phoneNumber.dummy: must be a US/CA number of 10 digits (e.g. 1111111111), or 11 starting with 1: Konnektive takes a US/CA phoneNumber as 10 digits, the form a source number is written in (an 11-digit dummy is written without its leading 1)';
    for (const dummy of [
      '20000000000',
      '111111111',
      '1111111',
      '441632960000',
      '100000000000',
      '111-111-1111',
    ]) {
      expect(isWritableDummy(dummy)).toBe(false);
      expect(problems({ phoneNumber: { from: 'Phone', dummy } })).toEqual([writable]);
    }
  });
});

describe('validateConfig: target.currency', () => {
  const withTarget = (currency: string) =>
    validateConfig({
      version: 1,
      target: { currency },
      sources: [{ name: 'orders', file: 'o.csv' }],
      transactions: { source: 'orders', columns: { subTotal: { from: 'Amount' } } },
    });
  it('accepts any in any case and a code in any case, normalized as a column currency is', () => {
    for (const [given, kept] of [
      ['any', 'any'],
      ['ANY', 'any'],
      ['Any', 'any'],
      ['eur', 'EUR'],
      ['CAD', 'CAD'],
    ] as const) {
      const r = withTarget(given);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.config.target.currency).toBe(kept);
    }
  });
  it('refuses what is neither a code nor any', () => {
    for (const bad of ['EURO', 'anything', '', 'XXX']) {
      const r = withTarget(bad);
      expect(r.ok).toBe(false);
      if (!r.ok)
        expect(r.problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
          'target.currency: must be an ISO 4217 currency code (e.g. USD or EUR) or any',
        ]);
    }
  });
});

describe('validateConfig: currency', () => {
  it('accepts any in any case and normalizes it (and a code in any case)', () => {
    for (const any of ['any', 'ANY', 'Any']) {
      const r = validateConfig({
        version: 1,
        sources: [{ name: 'orders', file: 'o.csv' }],
        transactions: {
          source: 'orders',
          columns: {
            subTotal: { from: 'Amount', currency: any },
            salesTax: { from: 'Tax', currency: 'eur' },
          },
        },
      });
      expect(r.ok).toBe(true);
      if (r.ok) {
        expect(r.config.transactions.columns.subTotal?.currency).toBe('any');
        expect(r.config.transactions.columns.salesTax?.currency).toBe('EUR');
      }
    }
    expect(problems({ subTotal: { from: 'Amount', currency: 'EURO' } })).toEqual([
      'transactions.columns.subTotal.currency: must be an ISO 4217 currency code (e.g. USD or EUR) or any',
    ]);
  });

  it('names a currency on a column that is not read as money', () => {
    expect(
      problems({
        subTotal: { from: 'Amount', currency: 'USD' },
        shippingPrice: { from: 'Shipping', normalize: 'money', currency: 'USD' },
        customerId: { from: 'Ref', normalize: 'money', currency: 'any' },
        cardNumber: { from: 'Card', currency: 'USD' },
        phoneNumber: { from: 'Phone', normalize: 'phone', currency: 'USD' },
        salesTax: { from: 'Tax', normalize: 'text', currency: 'EUR' },
      }),
    ).toEqual([
      'transactions.columns.cardNumber.currency: currency is a money option, but cardNumber is not read as money (its type is digits): remove currency, or set normalize: money',
      'transactions.columns.phoneNumber.currency: currency is a money option, but phoneNumber is not read as money (normalize: phone): remove currency, or set normalize: money',
      'transactions.columns.salesTax.currency: currency is a money option, but salesTax is not read as money (normalize: text): remove currency, or set normalize: money',
    ]);
  });
});

describe('validateConfig: output file names', () => {
  const config = (sections: Record<string, unknown>) =>
    validateConfig({
      version: 1,
      sources: [{ name: 'orders', file: 'o.csv' }],
      transactions: { source: 'orders', columns: { customerId: { from: 'id' } } },
      ...sections,
    });
  const problemsOf = (sections: Record<string, unknown>): string[] => {
    const r = config(sections);
    return r.ok ? [] : r.problems.map((p) => `${p.path}: ${p.message}`);
  };
  const notes = (file?: string) => ({
    notes: {
      source: 'orders',
      ...(file === undefined ? {} : { file }),
      columns: { customerId: { from: 'id' } },
    },
  });

  it('accepts plain names, the default names included', () => {
    expect(problemsOf(notes())).toEqual([]);
    expect(problemsOf(notes('notes-2026.csv'))).toEqual([]);
  });

  it('refuses a path, and a name another output of the build has', () => {
    expect(problemsOf(notes('sub/notes.csv'))).toEqual([
      'notes.file: "sub/notes.csv" is not a file name: give a plain name such as transactions.csv (the file is written into the build\'s --out folder)',
    ]);
    expect(problemsOf(notes('..'))[0]).toMatch(/^notes\.file: "\.\." is not a file name/);
    expect(problemsOf(notes('..\\x.csv'))[0]).toMatch(/is not a file name/);
    expect(problemsOf(notes('transactions.csv'))).toEqual([
      "notes.file: transactions.csv is already an output of this build (rejects.csv, report.json, report.html and each section's file must differ)",
    ]);
    expect(problemsOf(notes('report.json'))[0]).toMatch(/^notes\.file: report\.json is already an output/);
  });
});
