import { existsSync, readdirSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { fullRow, TX_COLUMNS, type TxRow } from '../../test/support/konnektive-rows.js';
import { removeTempDirs, tempDir } from '../../test/support/temp-dirs.js';
import { builtinSpec } from '../schema/index.js';
import { CrossRowIndex, ORDER_REFUND, ORDER_SALE, RuleKind, scanPartitionFiles } from './cross-row-index.js';
import { RowChecker } from './row-checker.js';

afterAll(removeTempDirs);

const spec = builtinSpec().kinds.transactions;

function run(
  rows: TxRow[],
  importDate = '2026-12-01',
): { code: string; row: number | null; column: string | null }[] {
  const checker = new RowChecker(spec, TX_COLUMNS, { importDate, imminentDays: 3 });
  const out = [...checker.headerIssues];
  rows.forEach((r, i) => {
    out.push(
      ...checker.check(
        TX_COLUMNS.map((c) => r[c] ?? ''),
        i + 1,
        i + 2,
      ),
    );
  });
  out.push(...checker.finish());
  return out.map((i) => ({ code: i.code, row: i.row, column: i.column }));
}

describe('RowChecker same-row and cross-row rules', () => {
  it('finds nothing on consistent rows', () => {
    expect(run([fullRow(0), fullRow(1), fullRow(2)])).toEqual([]);
  });

  it('reports vault tokens in cardNumber once for the file, not per row; a non-token is still an error', () => {
    const token = (c: string) => `tok_${c.repeat(26)}`;
    const issues = run([
      fullRow(0, { cardNumber: token('a') }),
      fullRow(1, { cardNumber: token('b') }),
      fullRow(2, { cardNumber: 'tok_short' }),
    ]);
    expect(issues).toEqual([
      { code: 'TYPE_DIGITS', row: 3, column: 'cardNumber' },
      { code: 'VAULT_TOKEN', row: null, column: 'cardNumber' },
    ]);
  });

  it('warns on past and imminent next bill dates of active subscriptions only', () => {
    const issues = run([
      fullRow(0, { nextBillDate: '2026-11-30' }),
      fullRow(1, { nextBillDate: '2026-12-03' }),
      fullRow(2, { nextBillDate: '2026-12-05' }),
      fullRow(4, { nextBillDate: '2026-01-01', isActiveRecurring: '0' }),
    ]);
    expect(issues).toEqual([
      { code: 'NEXT_BILL_DATE_PAST', row: 1, column: 'nextBillDate' },
      { code: 'NEXT_BILL_DATE_IMMINENT', row: 2, column: 'nextBillDate' },
    ]);
  });

  it('reads condition cells trimmed: spaces around CREDITCARD or 1 are reported, and the rules still apply', () => {
    const issues = run([
      fullRow(0, { paySource: 'CREDITCARD ', cardNumber: '', cardExpiryMonth: '', cardExpiryYear: '' }),
      fullRow(1, { isActiveRecurring: '1 ', nextBillDate: '' }),
      fullRow(2, { isActiveRecurring: ' 1', nextBillDate: '2026-01-01' }),
    ]);
    expect(issues).toEqual([
      { code: 'VALUE_WHITESPACE', row: 1, column: 'paySource' },
      { code: 'REQUIRED_IF_MISSING', row: 1, column: 'cardNumber' },
      { code: 'REQUIRED_IF_MISSING', row: 1, column: 'cardExpiryMonth' },
      { code: 'REQUIRED_IF_MISSING', row: 1, column: 'cardExpiryYear' },
      { code: 'VALUE_WHITESPACE', row: 2, column: 'isActiveRecurring' },
      { code: 'REQUIRED_IF_MISSING', row: 2, column: 'nextBillDate' },
      { code: 'VALUE_WHITESPACE', row: 3, column: 'isActiveRecurring' },
      { code: 'NEXT_BILL_DATE_PAST', row: 3, column: 'nextBillDate' },
    ]);
  });

  it('compares no next bill date the type rule refuses (a TYPE_DATE error is enough)', () => {
    expect(
      run([fullRow(0, { nextBillDate: '2026-02-30' }), fullRow(1, { nextBillDate: '9999-12-31' })]).map(
        (i) => i.code,
      ),
    ).toEqual(['TYPE_DATE', 'TYPE_DATE']);
  });

  it('finds a likely duplicate customer through an email with spaces around it; blank emails match nobody', () => {
    const issues = run([
      fullRow(0, { emailAddress: 'ann@example.com' }),
      fullRow(2, {
        emailAddress: ' ann@example.com ',
        phoneNumber: '5552019999',
        cardNumber: '4000056655665556',
      }),
      fullRow(4, { emailAddress: '  ', phoneNumber: '5552018888', cardNumber: '378282246310005' }),
      fullRow(6, { emailAddress: '   ', phoneNumber: '5552017777', cardNumber: '6011111111111117' }),
    ]);
    expect(issues.filter((i) => i.code === 'LIKELY_DUPLICATE_CUSTOMER')).toEqual([
      { code: 'LIKELY_DUPLICATE_CUSTOMER', row: 2, column: 'emailAddress' },
    ]);
  });

  it('counts a varchar length in characters: a character outside the BMP (a surrogate pair) is one, as the build counts names', () => {
    // 𠮷 (U+20BB7, a Japanese surname character) is two UTF-16 code units
    const name30 = '𠮷'.repeat(30);
    const checker = new RowChecker(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
    const cells = (r: TxRow) => TX_COLUMNS.map((c) => r[c] ?? '');
    expect(checker.check(cells(fullRow(0, { firstName: name30, shipFirstName: name30 })), 1, 2)).toEqual([]);
    const over = checker.check(cells(fullRow(2, { firstName: `${name30}A` })), 2, 3);
    expect(over.map((i) => [i.code, i.column, i.message])).toEqual([
      [
        'LENGTH_EXCEEDED',
        'firstName',
        'firstName allows at most 30 characters, has 31; values are never truncated.',
      ],
    ]);
  });

  it('warns when the card expires before the next bill, or has expired', () => {
    const issues = run([
      fullRow(0, { cardExpiryMonth: '12', cardExpiryYear: '2026', nextBillDate: '2027-01-15' }),
      fullRow(2, { cardExpiryMonth: '10', cardExpiryYear: '2026' }),
    ]);
    expect(issues.map((i) => [i.code, i.row])).toEqual([
      ['CARD_EXPIRES_BEFORE_NEXT_BILL', 1],
      ['CARD_EXPIRED', 2],
    ]);
  });

  it('warns on inconsistent customer data, duplicate merchantTxnId, refunds without a sale and likely duplicate customers', () => {
    const issues = run([
      fullRow(0),
      fullRow(1, { lastName: 'Othername', merchantTxnId: 'TXN0' }),
      fullRow(2, { txnType: 'REFUND', orderId: 'O-LONE' }),
      fullRow(4, { emailAddress: 'avery1@example.com' }),
    ]);
    expect(issues).toEqual([
      { code: 'CUSTOMER_INCONSISTENT', row: 2, column: 'firstName' },
      { code: 'DUPLICATE_MERCHANT_TXN_ID', row: 2, column: 'merchantTxnId' },
      { code: 'REFUND_WITHOUT_SALE', row: 3, column: 'txnType' },
      { code: 'LIKELY_DUPLICATE_CUSTOMER', row: 4, column: 'emailAddress' },
    ]);
  });
});

describe('RowChecker: a duplicate merchantTxnId is one of the same merchant however its id is written', () => {
  it('reads merchantId 07 as merchant 7, and 70 as another merchant', () => {
    const issues = run([
      fullRow(0, { merchantId: '7', merchantTxnId: 'TXN-A' }),
      fullRow(1, { merchantId: '07', merchantTxnId: 'TXN-A' }),
      fullRow(2, { merchantId: '70', merchantTxnId: 'TXN-A' }),
      fullRow(3, { merchantId: '0', merchantTxnId: 'TXN-B' }),
      fullRow(4, { merchantId: '00', merchantTxnId: 'TXN-B' }),
    ]).filter((i) => i.code === 'DUPLICATE_MERCHANT_TXN_ID');
    expect(issues.map((i) => i.row)).toEqual([2, 5]);
  });
});

describe('RowChecker.validate and feed: only the rows a caller writes count for the cross-row rules', () => {
  it('validate checks a row as check does but feeds nothing; feed counts it', () => {
    const fields = (r: TxRow) => TX_COLUMNS.map((c) => r[c] ?? '');
    const checker = new RowChecker(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
    const held = fields(fullRow(0));
    const broken = fields(fullRow(0, { emailAddress: 'not-an-email' }));
    // validated, not written: neither is the first row of the duplicates below
    expect(checker.validate(held, 1, 2)).toEqual([]);
    const other = new RowChecker(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
    const codes = checker.validate(broken, 2, 3).map((i) => i.code);
    expect(codes).toEqual(other.check(broken, 2, 3).map((i) => i.code));
    expect(codes).toContain('FORMAT_EMAIL');
    expect(checker.validate(held, 3, 4)).toEqual([]);
    checker.feed(held, 3, 4);
    checker.feed(held, 4, 5);
    expect([...checker.finish()].map((i) => [i.code, i.row, i.message])).toEqual([
      [
        'DUPLICATE_MERCHANT_TXN_ID',
        4,
        'merchantTxnId already used at row 3 for the same merchantId and txnType.',
      ],
    ]);
  });
});

describe('RowChecker cross-row findings do not depend on the path that read a row', () => {
  /** A row as the CSV door hands a range record over: the file's own text, a quoted cell. */
  function asFileText(fields: readonly string[]): { text: string; starts: Int32Array; ends: Int32Array } {
    const starts = new Int32Array(fields.length);
    const ends = new Int32Array(fields.length);
    let text = '';
    fields.forEach((f, i) => {
      if (i > 0) text += ',';
      const quoted = f.includes(',') || i === TX_COLUMNS.indexOf('lastName');
      if (quoted) text += '"';
      starts[i] = text.length;
      text += f;
      ends[i] = text.length;
      if (quoted) text += '"';
    });
    return { text, starts, ends };
  }

  it('a customer whose rows alternate between the range and the string path', () => {
    const same = {
      customerId: 'C9',
      orderId: 'O9',
      cardNumber: '4111111111111111',
      lastName: 'Testwood, Jr',
      address1: '9 Example Ave',
      emailAddress: 'avery9@example.com',
      phoneNumber: '5552019009',
    };
    const rows = [
      fullRow(0, { ...same, firstName: 'Avery', city: 'Springfield' }),
      fullRow(1, { ...same, firstName: 'Blake', city: 'Springfield' }),
      fullRow(2, { ...same, firstName: 'Blake', city: 'Springfield' }),
      fullRow(3, { ...same, firstName: 'Blake', city: 'Shelbyville' }),
      fullRow(4, { ...same, firstName: 'Blake', city: 'Shelbyville' }),
      fullRow(5, { ...same, firstName: 'Blake', city: 'Shelbyville' }),
    ].map((r) => TX_COLUMNS.map((c) => r[c] ?? ''));
    const expected = (() => {
      const c = new RowChecker(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
      rows.forEach((f, i) => {
        c.check(f, i + 1, i + 2);
      });
      return [...c.finish()].map((i) => [i.row, i.code, i.column]);
    })();
    // once per run of rows with the same customer data: rows 3, 5 and 6 repeat the row before
    expect(expected).toEqual([
      [2, 'CUSTOMER_INCONSISTENT', 'firstName'],
      [4, 'CUSTOMER_INCONSISTENT', 'firstName'],
      [4, 'CUSTOMER_INCONSISTENT', 'address1'],
    ]);
    // every mix of the two paths over the six rows
    for (let mask = 0; mask < 1 << rows.length; mask++) {
      const c = new RowChecker(spec, TX_COLUMNS, { importDate: '2026-12-01', imminentDays: 3 });
      rows.forEach((f, i) => {
        if ((mask >> i) & 1) {
          const { text, starts, ends } = asFileText(f);
          expect(c.checkRange(text, starts, ends, 0, i + 1, i + 2)).toEqual([]);
        } else c.check(f, i + 1, i + 2);
      });
      expect([mask, [...c.finish()].map((i) => [i.row, i.code, i.column])]).toEqual([mask, expected]);
    }
  });
});

describe('CrossRowIndex', () => {
  it('gives the same findings in memory and when spilled to temp files', () => {
    const feed = (x: CrossRowIndex): void => {
      for (let r = 1; r <= 5000; r++) {
        x.add(RuleKind.txnId, `T${r % 4000}`, r, 0);
        x.add(RuleKind.sameName, `C${r % 700}`, r, r % 1400 === 3 ? 1 : 0);
        x.add(RuleKind.order, `O${r}`, r, r % 97 === 0 ? ORDER_REFUND : ORDER_SALE);
      }
    };
    const small = new CrossRowIndex({ memoryRecords: 1000 });
    const big = new CrossRowIndex();
    feed(small);
    feed(big);
    expect(small.spilledRecords).toBeGreaterThan(0);
    const a = small.finish();
    const b = big.finish();
    expect(a).toEqual(b);
    expect(a.filter((f) => f.kind === RuleKind.txnId)).toHaveLength(1000);
    expect(a.filter((f) => f.kind === RuleKind.order)).toHaveLength(Math.floor(5000 / 97));
  });

  const mixed = (x: CrossRowIndex, rows: number): void => {
    for (let r = 1; r <= rows; r++) {
      x.add(RuleKind.txnId, `T${r % 4000}`, r, 0);
      x.add(RuleKind.sameName, `C${r % 700}`, r, r % 1400 === 3 ? 1 : 0);
      x.add(RuleKind.emailOwner, `e${r % 300}@example.com`, r, r % 900);
      x.add(RuleKind.cardOwner, `card${r % 50}`, r, r % 7 === 0 ? 2 : 1);
      x.add(RuleKind.order, `O${r % 3000}`, r, r % 97 === 0 ? ORDER_REFUND : ORDER_SALE);
      // a dummy phone on every row: one key that no hash bit can split
      x.add(RuleKind.phoneOwner, '1111111111', r, r % 11);
    }
  };

  it.each([
    ['on this thread', false],
    ['with half of the partitions scanned by a helper', true],
  ])(
    'gives the same findings when large partitions are split (several levels) before the scan, %s',
    async (_, shared) => {
      const temp = tempDir('kmigrate-xrow-test-');
      const split = new CrossRowIndex({ memoryRecords: 4096, splitAbove: 40, tempDir: temp });
      const memory = new CrossRowIndex({ memoryRecords: 200_000 });
      mixed(split, 6000);
      mixed(memory, 6000);
      expect(split.spilledRecords).toBeGreaterThan(0);
      expect(memory.spilledRecords).toBe(0);
      const handed: string[] = [];
      const a = shared
        ? await split.finishShared(async (paths, splitAbove) => {
            handed.push(...paths);
            return scanPartitionFiles(paths, splitAbove);
          })
        : split.finish();
      expect(handed).toHaveLength(shared ? 32 : 0);
      expect(a.length).toBeGreaterThan(6000);
      expect(a).toEqual(memory.finish());
      // nothing is left in the temp folder: partition and split files are removed
      expect(readdirSync(temp)).toEqual([]);
    },
  );

  it('fails with a failing helper, which still saw its files, and leaves no temp files', async () => {
    const temp = tempDir('kmigrate-xrow-test-');
    const shared = new CrossRowIndex({ memoryRecords: 512, tempDir: temp });
    mixed(shared, 2000);
    let helperSawFiles = false;
    await expect(
      shared.finishShared(async (paths) => {
        await new Promise((r) => setTimeout(r, 20));
        helperSawFiles = paths.every((p) => existsSync(p));
        throw new Error('helper failed');
      }),
    ).rejects.toThrow('helper failed');
    expect(helperSawFiles).toBe(true);
    expect(readdirSync(temp)).toEqual([]);
  });

  it('scans a partition of one repeated key without splitting it forever', () => {
    const one = new CrossRowIndex({ memoryRecords: 1000, splitAbove: 10 });
    const memory = new CrossRowIndex();
    for (const x of [one, memory])
      for (let r = 1; r <= 3000; r++) x.add(RuleKind.phoneOwner, '1111111111', r, r % 3);
    const a = one.finish();
    expect(a).toEqual(memory.finish());
    expect(a.length).toBeGreaterThan(2);
  });
});
