import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fullRow, TX_COLUMNS } from '../../test/support/konnektive-rows.js';
import { rangesOf } from '../../test/support/ranges.js';
import { versionsOf } from '../../test/support/versions.js';
import { normalizePhone } from '../normalize/index.js';
import { builtinSpec } from '../schema/index.js';
import { compileRule } from './column-rules.js';
import { compileRangeOp, compileRangeRule, rangeRuleContext, rangeRuleMayAccept } from './range-rules.js';
import { RowChecker, rowScreenFor } from './row-checker.js';

const spec = builtinSpec().kinds.transactions;
const index = new Map(TX_COLUMNS.map((c, i) => [c, i] as const));

/** Planted and edge values (from test/e2e/check.e2e.test.ts and more), per column. */
/** Import-date and imminent-limit boundaries of the import dates the tests use. */
const BOUNDARY_DAYS = ['2026-11-30', '2026-12-01', '2026-12-04', '2026-12-05', '2027-01-16', '2027-01-31'];

const VALUES: Record<string, string[]> = {
  dateCreated: [
    '2026-03-04 10:11:12',
    '2026-13-04 10:11:12',
    '03/04/2026',
    '2024-02-29 23:59:59',
    '2023-02-29 00:00:00',
    '2026-03-04 24:00:00',
    '2026-03-04T10:11:12',
  ],
  nextBillDate: [
    '2027-01-15',
    '2027-1-15',
    '2027-02-30',
    '1899-12-31',
    '２０２７-01-15',
    '2029-09-30',
    ...BOUNDARY_DAYS,
  ],
  campaignId: ['12', 'abc', '12345678901', '1e5', '1E+05', '-1', '٣'],
  isActiveRecurring: ['1', '0', 'yes', '10', 'true'],
  paySource: ['CREDITCARD', 'creditcard', 'CHECK', 'PREPAID', 'CREDIT'],
  cardNumber: [
    '4111111111111111',
    '4.11111E+15',
    '4111 1111 1111 1111',
    '41111111111111112222',
    '4111111111111112',
    '411',
    'XXXX1111',
    '٤١١١١١١١١١١١١١١١',
  ],
  cardExpiryMonth: ['09', '9', '00', '12', '13', '1O', '01'],
  cardExpiryYear: ['2029', '29', '1989', '1990', '2100', '2101', '२०२९', '2026', '2027'],
  achRoutingNumber: ['011000015', '011000016', '01100001', '0110000150'],
  merchantTxnId: ['TXN1', 'T'.repeat(30), 'T'.repeat(31), 'é'.repeat(30)],
  txnType: ['SALE', 'Sale', 'REFUND', 'CAPTURE', ' SALE'],
  subTotal: ['29.95', '29,95', '-1.00', '1.', '.5', '1.23456', '1234567890123', '12345678901234', '0.0001'],
  customerId: ['C1', 'C'.repeat(20), 'C'.repeat(21)],
  emailAddress: [
    'avery@example.com',
    'avery@',
    'a@b',
    'a@b.c',
    'a@@b.c',
    'a@b..c',
    'a@.b.c',
    '@b.c',
    'a b@c.d',
    'ä@b.cd',
    'a@b.c.',
    `${'x'.repeat(65)}@b.cd`,
    `${'x'.repeat(64)}@b.cd`,
    'a@b\u00a0.cd',
    'A@B.CD',
  ],
  phoneNumber: [
    '5552011000',
    '(555) 201-1000',
    '123456',
    '1234567',
    '123456789012345',
    '1234567890123456',
    // PHONE_NANP_INVALID in a US, CA, PR or country-less row (not a dummy, not after area code 555)
    '2120567890',
    '0551234567',
    '10551234567',
    '11234567890',
    '1111111111',
    '5550104477',
    '2125551234',
    '12125551234',
    '20551234567',
  ],
  state: ['IL', 'Illinois', 'il', 'ON', 'ZZ', 'I'],
  postalCode: ['62701', '6270', '62701-1234', '62701 1234', 'M5V 2T6', 'M5V2T6', 'm5v 2t6', '1067', '10115'],
  country: ['US', 'USA', 'us', 'CA', 'XX', 'GB', 'ZZ', 'FR', 'PR', ''],
  shipPostalCode: ['M5V2T6', '62701'],
};

function stringResult(column: string, value: string, row: Record<string, string>) {
  const col = spec.columns.find((c) => c.name === column);
  if (!col) throw new Error(column);
  return compileRule(col)(value, (name) => row[name] ?? '');
}

function rangeResult(column: string, value: string, row: Record<string, string>): boolean {
  const col = spec.columns.find((c) => c.name === column);
  if (!col) throw new Error(column);
  const cells = TX_COLUMNS.map((c) => (c === column ? value : (row[c] ?? '')));
  const { text, starts, ends } = rangesOf(cells, ',', '#');
  const i = index.get(column) ?? -1;
  return compileRangeRule(col, index)(text, starts[i] ?? 0, ends[i] ?? 0, starts, ends, 0);
}

describe('postal codes of countries whose codes all have the same number of digits', () => {
  it.each([
    ['DE', '1067', 'FORMAT_POSTAL'],
    ['AU', '800', 'FORMAT_POSTAL'],
    ['DE', '01067', null],
    ['AU', '0800', null],
    ['GB', '800', null],
  ])('%s %s: %s', (country, value, code) => {
    const row = { ...fullRow(0), country };
    expect(stringResult('postalCode', value, row)?.code ?? null).toBe(code);
    if (code !== null) expect(rangeResult('postalCode', value, row)).toBe(false);
  });
});

describe('range rules agree with the string rules', () => {
  const cases = Object.entries(VALUES).flatMap(([column, values]) =>
    values.flatMap((v) => [
      [column, v, 'US'],
      [column, v, 'CA'],
      [column, v, 'DE'],
    ]),
  );
  it.each(cases)('%s = %j (country %s)', (column, value, country) => {
    const row = { ...fullRow(0), country, shipCountry: country };
    const failure = stringResult(column, value, row);
    const ok = rangeResult(column, value, row);
    // The range rule may be unsure (false) on a valid value, but must never accept an invalid one.
    if (ok) expect(failure).toBeNull();
  });

  it('accepts every value of a valid row (so the fast path is taken)', () => {
    const row = fullRow(3);
    for (const c of spec.columns) {
      const v = row[c.name] ?? '';
      if (v !== '') expect([c.name, rangeResult(c.name, v, row)]).toEqual([c.name, true]);
    }
  });

  it('never accepts what the string rule rejects, on random values', () => {
    const alphabet = fc.constantFrom(...'0123456789-.:@ eE+,AZazCUSé\u00a0٣/'.split(''));
    fc.assert(
      fc.property(
        fc.constantFrom(...spec.columns.map((c) => c.name)),
        fc.string({ unit: alphabet, minLength: 1, maxLength: 24 }),
        fc.constantFrom('US', 'CA', 'FR', ''),
        (column, value, country) => {
          const row = { ...fullRow(1), country, shipCountry: country };
          if (rangeResult(column, value, row)) expect(stringResult(column, value, row)).toBeNull();
        },
      ),
      { numRuns: 3000 },
    );
  });
});

describe('RowChecker.checkRange gives the same issues as check', () => {
  const plant = fc.record({
    row: fc.nat(40),
    column: fc.constantFrom(...Object.keys(VALUES)),
    pick: fc.nat(100),
  });
  it('on random rows with planted values (cross-row findings included)', () => {
    fc.assert(
      fc.property(
        fc.array(plant, { maxLength: 12 }),
        // the last one is not a plain date: the screen leaves such rows to the string path
        fc.constantFrom('2026-12-01', '2027-01-13', '2030-01-01', '2026-12-31', '2027-01-1x'),
        (plants, importDate) => {
          const rows = Array.from({ length: 40 }, (_, i) => fullRow(i));
          for (const p of plants) {
            const values = VALUES[p.column] ?? [''];
            const r = rows[p.row % rows.length];
            if (r) r[p.column] = values[p.pick % values.length] ?? '';
          }
          const viaStrings = new RowChecker(spec, TX_COLUMNS, { importDate, imminentDays: 3 });
          const viaRanges = new RowChecker(spec, TX_COLUMNS, { importDate, imminentDays: 3 });
          const a = [];
          const b = [];
          rows.forEach((r, i) => {
            const fields = TX_COLUMNS.map((c) => r[c] ?? '');
            a.push(...viaStrings.check(fields, i + 1, i + 2));
            const text = fields.map((f) => (f.includes(',') ? `"${f}"` : f)).join(',');
            const starts = new Int32Array(fields.length);
            const ends = new Int32Array(fields.length);
            let at = 0;
            fields.forEach((f, k) => {
              const q = f.includes(',') ? 1 : 0;
              starts[k] = at + q;
              ends[k] = at + q + f.length;
              at += f.length + 2 * q + 1;
            });
            b.push(
              ...(viaRanges.checkRange(text, starts, ends, 0, i + 1, i + 2) ??
                viaRanges.check(fields, i + 1, i + 2)),
            );
          });
          a.push(...viaStrings.finish());
          b.push(...viaRanges.finish());
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('the cross-row findings of rows fed with their cell versions', () => {
  // few values per identity cell, so customers' rows change and change back
  const pool = {
    customerId: ['C1', 'C2', 'C3'],
    emailAddress: ['a@example.com', 'b@example.com', 'A@EXAMPLE.COM'],
    firstName: ['Avery', 'Blake'],
    phoneNumber: ['2125550100', '2125550101', '1111111111'],
    orderId: ['O1', 'O2'],
    txnType: ['SALE', 'REFUND'],
  };
  const step = fc.record({
    cells: fc.record(Object.fromEntries(Object.keys(pool).map((c) => [c, fc.nat(2)]))),
    // a row the build rejects: its cells change the versions, but it is not fed
    fed: fc.boolean(),
  });
  it('are those of the rows fed as strings, also when cells change back through rows not fed', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 2, maxLength: 30 }), (steps) => {
        const viaStrings = new RowChecker(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
        const viaRanges = new RowChecker(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
        const next = versionsOf(TX_COLUMNS.length);
        const a = [];
        const b = [];
        steps.forEach(({ cells, fed }, i) => {
          const row = fullRow(i);
          for (const [column, values] of Object.entries(pool))
            row[column] = values[(cells[column] ?? 0) % values.length] ?? '';
          const fields = TX_COLUMNS.map((c) => row[c] ?? '');
          const versions = next(fields);
          if (!fed) return;
          a.push(...viaStrings.check(fields, i + 1, i + 2));
          const { text, starts, ends } = rangesOf(fields, ',');
          b.push(
            ...(viaRanges.checkRange(text, starts, ends, 0, i + 1, i + 2, versions) ??
              viaRanges.check(fields, i + 1, i + 2)),
          );
        });
        a.push(...viaStrings.finish());
        b.push(...viaRanges.finish());
        expect(b).toEqual(a);
      }),
      { numRuns: 200 },
    );
  });
});

describe('the phone rule warns PHONE_NANP_INVALID as the build does', () => {
  const phone = spec.columns.find((c) => c.name === 'phoneNumber');
  if (!phone) throw new Error('phoneNumber');
  const cases: [value: string, country: string, code: string | null][] = [
    ['2120567890', 'US', 'PHONE_NANP_INVALID'], // exchange 0xx
    ['2121567890', 'CA', 'PHONE_NANP_INVALID'], // exchange 1xx
    ['0551234567', 'US', 'PHONE_NANP_INVALID'], // area code 0xx
    ['1234567891', 'US', 'PHONE_NANP_INVALID'], // area code 1xx
    ['10551234567', 'US', 'PHONE_NANP_INVALID'], // 11 digits: the 10 after the 1
    ['2120567890', 'PR', 'PHONE_NANP_INVALID'], // another +1 region
    ['2120567890', '', 'PHONE_NANP_INVALID'], // no country: judged by its length
    ['10551234567', '', 'PHONE_NANP_INVALID'],
    ['2120567890', 'GB', null], // another country: not judged
    ['10551234567', 'FR', null],
    ['2120567890', 'USA', null], // not a country code (FORMAT_COUNTRY says so)
    ['20551234567', 'US', null], // 11 digits not starting with 1: not a NANP number
    ['0551234', 'US', null], // 7 digits
    ['5550104477', 'US', null], // exchange 0xx after area code 555: fictional
    ['5551104477', '', null],
    ['1111111111', 'US', null], // dummy fill
    ['0000000000', 'US', null],
    ['1234567890', 'US', null],
    ['11111111111', 'US', null], // a dummy with its leading 1
    ['2125551234', 'US', null],
    ['12125551234', 'CA', null],
  ];
  it.each(cases)('%s in a %j row: %s', (value, country, code) => {
    const row = { ...fullRow(0), country };
    const failure = stringResult('phoneNumber', value, row);
    expect(failure?.code ?? null).toBe(code);
    if (failure !== null)
      expect(failure.message).toMatch(
        /^phoneNumber: The (area code|exchange) starts with [01]: no North American/,
      );
    // the range rule takes the fast path exactly when the string rule is silent
    expect(rangeResult('phoneNumber', value, row)).toBe(code === null);
  });

  it("says what the build's phone normalizer says on 10-digit US numbers", () => {
    const dummies = new Set(['1111111111', '0000000000', '1234567890', '9999999999']);
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{10}$/), (value) => {
        const built = normalizePhone(value);
        const expected = built.ok && built.warning?.code === 'PHONE_NANP_INVALID' ? built.warning : null;
        const failure = stringResult('phoneNumber', value, { ...fullRow(0), country: 'US' });
        if (dummies.has(value)) return;
        expect(failure?.code ?? null).toBe(expected?.code ?? null);
        if (failure !== null && expected !== null) {
          expect(failure.message).toBe(`phoneNumber: ${expected.message}`);
          expect(failure.received).toBe(expected.received);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('honours the dummies it is given, and is off with nanp: false (the build, when its normalizer judged)', () => {
    const row = (name: string) => ({ US: 'US' })[name] ?? '';
    expect(compileRule(phone, { dummies: ['12120567890'] })('2120567890', row)).toBeNull();
    expect(compileRule(phone, { dummies: ['2120567890'] })('1111111111', row)?.code).toBe(
      'PHONE_NANP_INVALID',
    );
    expect(compileRule(phone, { nanp: false })('2120567890', row)).toBeNull();
    expect(compileRule(phone, { nanp: false })('21205', row)?.code).toBe('FORMAT_PHONE');
    const cells = TX_COLUMNS.map((c) => (c === 'phoneNumber' ? '2120567890' : (fullRow(0)[c] ?? '')));
    const { text, starts, ends } = rangesOf(cells, ',', '#');
    const i = index.get('phoneNumber') ?? -1;
    const ranged = (options: Parameters<typeof compileRule>[1]) =>
      compileRangeRule(phone, index, options)(text, starts[i] ?? 0, ends[i] ?? 0, starts, ends, 0);
    expect(ranged({})).toBe(false);
    expect(ranged({ nanp: false })).toBe(true);
    expect(ranged({ dummies: ['2120567890'] })).toBe(true);
    // off, the rule reads no other cell
    expect(rangeRuleContext(compileRangeOp(phone, index, { nanp: false }))).toBe(-1);
    expect(rangeRuleContext(compileRangeOp(phone, index))).toBe(index.get('country'));
  });

  it('a checker with phoneNanp: false reports no PHONE_NANP_INVALID on either path', () => {
    const fields = TX_COLUMNS.map((c) => (c === 'phoneNumber' ? '2120567890' : (fullRow(0)[c] ?? '')));
    const { text, starts, ends } = rangesOf(fields, '\u0001');
    const on = new RowChecker(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
    const off = new RowChecker(spec, TX_COLUMNS, {
      importDate: '2026-12-01',
      imminentDays: 3,
      phoneNanp: false,
    });
    expect(on.check(fields, 1, 2).map((i) => i.code)).toEqual(['PHONE_NANP_INVALID']);
    expect(on.checkRange(text, starts, ends, 0, 1, 2)).toBeNull();
    expect(off.check(fields, 1, 2)).toEqual([]);
    expect(off.checkRange(text, starts, ends, 0, 1, 2)).toEqual([]);
  });
});

describe('the row screen decides same-row warnings as check does', () => {
  it('at every import-date, imminent-limit and card-expiry boundary', () => {
    const importDates = ['2026-12-01', '2027-01-13', '2026-12-31', '2027-01-1x'];
    const next = ['', ...BOUNDARY_DAYS, 'x'];
    const months = ['11', '12', '01', '9'];
    const years = ['2026', '2027', '27'];
    for (const importDate of importDates) {
      const viaStrings = new RowChecker(spec, TX_COLUMNS, { importDate, imminentDays: 3 });
      const viaRanges = new RowChecker(spec, TX_COLUMNS, { importDate, imminentDays: 3 });
      let row = 0;
      for (const nextBillDate of next)
        for (const cardExpiryMonth of months)
          for (const cardExpiryYear of years)
            for (const paySource of ['CREDITCARD', 'CHECK']) {
              row++;
              const r = fullRow(row, { nextBillDate, cardExpiryMonth, cardExpiryYear, paySource });
              const fields = TX_COLUMNS.map((c) => r[c] ?? '');
              const { text, starts, ends } = rangesOf(fields, '\u0001');
              const want = viaStrings.check(fields, row, row + 1);
              const got = viaRanges.checkRange(text, starts, ends, 0, row, row + 1);
              if (got !== null)
                expect([importDate, nextBillDate, cardExpiryMonth, cardExpiryYear, got]).toEqual([
                  importDate,
                  nextBillDate,
                  cardExpiryMonth,
                  cardExpiryYear,
                  want,
                ]);
            }
    }
  });
});

describe('RowScreen.cleanSince', () => {
  /** A fresh screen fed a stream of rows with their versions: each call screens the next row. */
  function screenStream(): (row: Record<string, string>) => boolean {
    const screen = rowScreenFor(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
    const next = versionsOf(TX_COLUMNS.length);
    return (row) => {
      const fields = TX_COLUMNS.map((c) => row[c] ?? '');
      const { text, starts, ends } = rangesOf(fields, '\u0001');
      return screen.cleanSince(text, starts, ends, 0, next(fields));
    };
  }

  it('runs a rule again when only its condition or its country changed', () => {
    const verdict = screenStream();
    const card = fullRow(0, { achRoutingNumber: '', achAccountNumber: '', achAccountType: '' });
    expect(verdict(card)).toBe(true);
    // the ACH cells are still empty, but now required
    expect(
      verdict({ ...card, paySource: 'CHECK', cardNumber: '', cardExpiryMonth: '', cardExpiryYear: '' }),
    ).toBe(false);
    const abroad = fullRow(0, { country: 'FR', state: 'BY', postalCode: '80331' });
    expect(verdict(abroad)).toBe(true);
    // the same state is not a US state
    expect(verdict({ ...abroad, country: 'US' })).toBe(false);
    // the same phone number was not judged in a GB row; it is in a US one
    const london = fullRow(0, {
      country: 'GB',
      state: 'LND',
      postalCode: 'SW1A 1AA',
      phoneNumber: '2120567890',
    });
    expect(verdict(london)).toBe(true);
    expect(verdict({ ...london, state: 'IL', postalCode: '62701' })).toBe(true);
    expect(verdict({ ...london, state: 'IL', postalCode: '62701', country: 'US' })).toBe(false);
    // a past next bill date is a same-row warning: the row-level rules run again too
    expect(verdict(abroad)).toBe(true);
    expect(verdict({ ...abroad, nextBillDate: '2020-01-01' })).toBe(false);
  });

  it('compares with the last clean row, not the row before, after a row that was not clean', () => {
    const verdict = screenStream();
    const row = fullRow(0);
    expect(verdict(row)).toBe(true);
    expect(verdict({ ...row, country: 'XX' })).toBe(false);
    expect(verdict({ ...row, country: 'XX' })).toBe(false);
  });

  it.each([
    ['with', true],
    ['without', false],
  ])(
    'says what clean says on rows that repeat cells of the row before (context cells included), %s the list of changed cells',
    (_, list) => {
      const screen = rowScreenFor(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
      const fresh = rowScreenFor(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
      const next = versionsOf(TX_COLUMNS.length, () => list);
      const plant = fc.record({ column: fc.constantFrom(...Object.keys(VALUES)), pick: fc.nat(100) });
      // cells marked changed although they are not (allowed: it only costs a rule run)
      const extra = fc.array(fc.nat(TX_COLUMNS.length - 1), { maxLength: 2 });
      const step = fc.record({ change: fc.array(plant, { maxLength: 3 }), extra });
      fc.assert(
        fc.property(fc.array(step, { minLength: 2, maxLength: 30 }), (steps) => {
          let row = fullRow(0);
          for (const { change, extra: also } of steps) {
            // each row is the row before with a few cells replaced (a country, a condition, a state…)
            row = { ...row };
            for (const p of change) {
              const values = [...(VALUES[p.column] ?? ['']), ''];
              row[p.column] = values[p.pick % values.length] ?? '';
            }
            const fields = TX_COLUMNS.map((c) => row[c] ?? '');
            const { text, starts, ends } = rangesOf(fields, '\u0001');
            expect(screen.cleanSince(text, starts, ends, 0, next(fields, also))).toBe(
              fresh.clean(text, starts, ends, 0),
            );
          }
        }),
        { numRuns: 300 },
      );
    },
  );
});

describe('rangeRuleMayAccept', () => {
  it('a column whose rule is said never to accept a comma (or quote, CR, LF) rejects every value with one', () => {
    const chars = [',', '"', '\r', '\n'];
    const closed = spec.columns.filter((c) =>
      chars.some((ch) => !rangeRuleMayAccept(compileRangeOp(c, index), ch)),
    );
    expect(closed.length).toBeGreaterThan(15);
    fc.assert(
      fc.property(
        fc.constantFrom(...closed),
        fc.constantFrom(...chars),
        fc.string({ maxLength: 12 }),
        fc.string({ maxLength: 12 }),
        fc.constantFrom('US', 'CA', 'FR'),
        (column, ch, before, after, country) => {
          if (rangeRuleMayAccept(compileRangeOp(column, index), ch)) return;
          const row: Record<string, string> = { ...fullRow(1), country, shipCountry: country };
          // a valid value with the character put inside it, and arbitrary text around it
          for (const value of [`${before}${ch}${after}`, `${row[column.name] ?? ''}${ch}`]) {
            expect([column.name, value, rangeResult(column.name, value, row)]).toEqual([
              column.name,
              value,
              false,
            ]);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });
});
