import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readConfig } from '../config/index.js';
import { builtinSpec } from '../schema/index.js';
import { runBuild } from './build.js';
import { CONFIG, HEADER } from './section-config.test-helper.js';

const root = mkdtempSync(join(tmpdir(), 'kmigrate-guess-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** Month-first, day-first, or both parts ≤ 12. */
const mdy = (i: number): string => `${1 + (i % 12)}/${13 + (i % 15)}/2026 10:0${i % 10} AM`;
const dmy = (i: number): string => `${13 + (i % 15)}/${1 + (i % 12)}/2026 10:0${i % 10} AM`;
const low = (i: number): string => `${1 + (i % 12)}/${1 + (i % 12)}/2026 10:0${i % 10} AM`;

function source(rows: number, created: (i: number) => string, amount: (i: number) => string): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) lines.push(`C${i},O${i},${created(i)},${amount(i)},approved`);
  return `${lines.join('\n')}\n`;
}

async function build(name: string, csv: string, twoReads: boolean, hint = '', edit = (c: string) => c) {
  const dir = join(root, name);
  const out = join(dir, twoReads ? 'two' : 'one');
  rmSync(dir, { recursive: true, force: true });
  writeFileSync(
    join(root, `${name}.yaml`),
    edit(CONFIG.replace('__HINT__', hint).replace('orders.csv', `${name}.csv`)),
  );
  writeFileSync(join(root, `${name}.csv`), csv);
  const loaded = await readConfig(join(root, `${name}.yaml`));
  const result = await runBuild(loaded, { outDir: out, today: '2026-12-01', twoReads, cleartextCards: true });
  const files = Object.fromEntries(readdirSync(out).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
  return { result, files };
}

// 3,000 rows: the first batch of records (1,024) points one way, later rows another way.
const CASES: [string, string, string][] = [
  ['all month-first', source(3000, mdy, () => '29.95'), ''],
  [
    'month-first, then day-first rows (conflict)',
    source(
      3000,
      (i) => (i < 2000 ? mdy(i) : dmy(i)),
      () => '$29.95',
    ),
    '',
  ],
  [
    'undecided first rows, proven later',
    source(
      3000,
      (i) => (i < 2000 ? low(i) : dmy(i)),
      () => '29.95',
    ),
    '',
  ],
  [
    'a hint the later rows contradict',
    source(
      3000,
      (i) => (i < 2000 ? low(i) : mdy(i)),
      () => '29.95',
    ),
    ', dateOrder: DMY',
  ],
  ['decimal point, then decimal comma rows', source(3000, mdy, (i) => (i < 2000 ? '29.95' : '"49,95"')), ''],
];

describe('build: inference in the same read as the transform', () => {
  it.each(CASES)('gives the same files and result as two reads: %s', async (name, csv, hint) => {
    const slug = name.replace(/\W+/g, '-');
    const one = await build(slug, csv, false, hint);
    const two = await build(slug, csv, true, hint);
    expect(one.files).toEqual(two.files);
    expect(one.result).toEqual(two.result);
    expect(one.result.accounting.orders?.records).toBe(3000);
  });
});

describe('build: inference reads what the cell reads', () => {
  const rows = (i: number): string => (i < 2 ? dmy(i) : low(i));
  it('learns a column list from the listed column that holds the values (the first is absent)', async () => {
    const { result, files } = await build(
      'listed',
      source(40, rows, () => '"1.234,50"'),
      false,
      '',
      (c) =>
        c
          .replace('dateCreated: { from: Created }', 'dateCreated: { from: [Created At, Created] }')
          .replace('subTotal: { from: Amount }', 'subTotal: { from: [Total, Amount] }'),
    );
    expect(result.accounting.orders).toMatchObject({ records: 40, used: 40, rejected: 0 });
    const first = files['transactions.csv']?.split('\n')[1] ?? '';
    // 13/1/2026 10:00 AM Chicago (day-first, proven by the first rows) → New York; 1.234,50 → 1234.50
    expect(first).toContain('2026-01-13 11:00:00');
    expect(first).toContain('1234.50');
  });

  it('reads a constant date like a source value (its format inferred, the source zone converted)', async () => {
    const { result, files } = await build(
      'constant',
      source(5, low, () => '29.95'),
      false,
      '',
      (c) => c.replace('dateCreated: { from: Created }', 'dateCreated: { value: "2026-01-05 10:00:00" }'),
    );
    expect(result.accounting.orders).toMatchObject({ records: 5, used: 5 });
    expect(files['transactions.csv']).toContain(',2026-01-05 11:00:00,');
  });

  it('looks a blank plan up under the key "" for a required column (one-time sales need a campaign too)', async () => {
    const csv = `${HEADER},Plan\nC1,O1,1/13/2026 10:00 AM,29.95,approved,Gold\nC2,O2,1/14/2026 10:00 AM,9.95,approved,\n`;
    const withPlans = (table: string) => (c: string) =>
      `${c.replace('campaignId: { value: "12" }', 'campaignId: { from: Plan, lookup: plans, field: campaignId }')}lookups:\n  plans: ${table}\n`;
    const todo = await build('blank-plan', csv, false, '', withPlans('{ Gold: { campaignId: 12 } }'));
    expect(todo.result.accounting.orders).toMatchObject({ records: 2, used: 1, rejected: 1 });
    expect(todo.result.lookupTodo.plans).toEqual([{ value: '', rows: 1 }]);
    const done = await build(
      'blank-plan',
      csv,
      false,
      '',
      withPlans('{ Gold: { campaignId: 12 }, "": { campaignId: 30 } }'),
    );
    expect(done.result.accounting.orders).toMatchObject({ records: 2, used: 2 });
    expect(done.files['transactions.csv']).toContain('C2,O2,2026-01-14 11:00:00,30,');
  });

  it('says a written file with no rows fails the import (FILE_NO_RECORDS, as kmigrate check says)', async () => {
    const empty = await build('no-records', `${HEADER}\n`, false);
    expect(empty.result.accounting.orders).toMatchObject({ records: 0, used: 0 });
    expect(empty.files['transactions.csv']).toBe(
      `${builtinSpec()
        .kinds.transactions.columns.map((c) => c.name)
        .join(',')}\n`,
    );
    expect(empty.result.issues.map((i) => [i.code, i.severity])).toEqual([['FILE_NO_RECORDS', 'error']]);
    expect(empty.result.errors).toBe(1);
    // every record skipped by a rule: the same
    const skipped = await build(
      'all-skipped',
      `${HEADER}\nC1,O1,1/13/2026 10:00 AM,29.95,pending\n`,
      false,
      '',
      (c) =>
        c.replace(
          '  columns:',
          '  skip: [{ column: Status, in: [pending], reason: NOT_SETTLED }]\n  columns:',
        ),
    );
    expect(skipped.result.accounting.orders).toMatchObject({ records: 1, skipped: 1 });
    expect(skipped.result.issues.filter((i) => i.code === 'FILE_NO_RECORDS')).toHaveLength(1);
    expect(skipped.result.errors).toBe(1);
  });

  it('refuses a spreadsheet error value (#N/A, #REF!) in any column: never written, blanked or looked up', async () => {
    const csv = [
      `${HEADER},Plan,Suite,Token`,
      'C1,O1,1/13/2026 10:00 AM,29.95,approved,Gold,Suite 5,tok_1',
      'C2,O2,1/14/2026 10:00 AM,9.95,approved,Gold,#N/A,tok_2',
      'C3,O3,1/15/2026 10:00 AM,9.95,approved,Gold,Suite 7, #REF! ',
      'C4,O4,1/16/2026 10:00 AM,9.95,approved,#N/A,Suite 8,tok_4',
      'C5,O5,1/17/2026 10:00 AM,9.95,approved,Gold,########,tok_5',
      '',
    ].join('\n');
    const { result, files } = await build('error-values', csv, false, '', (c) =>
      c
        .replace(
          'campaignId: { value: "12" }',
          'campaignId: { from: Plan, lookup: plans, field: campaignId }',
        )
        .replace(
          'address1: { value: 1 Example Ave }',
          'address1: { value: 1 Example Ave }\n    address2: { from: Suite }',
        )
        .replace(
          'billShipSame: { value: "1" }',
          'billShipSame: { value: "1" }\n    externalToken: { from: Token }',
        )
        .concat('lookups:\n  plans:\n    Gold: { campaignId: 12 }\n    "": { campaignId: 30 }\n'),
    );
    expect(result.accounting.orders).toMatchObject({ records: 5, used: 1, rejected: 4 });
    const codes = result.issues.filter((i) => i.row !== null).map((i) => [i.row, i.column, i.code]);
    expect(codes).toEqual([
      [2, 'address2', 'SPREADSHEET_ERROR_VALUE'],
      [3, 'externalToken', 'SPREADSHEET_ERROR_VALUE'],
      [4, 'campaignId', 'SPREADSHEET_ERROR_VALUE'],
      [5, 'address2', 'SPREADSHEET_CELL_OVERFLOW'],
    ]);
    expect(files['transactions.csv']?.split('\n').slice(1, -1)).toHaveLength(1);
    expect(result.lookupTodo.plans).toEqual([]);
  });

  it('lists an entry without a value (map --write placeholders, a missing field) as a lookup to-do', async () => {
    const csv = [
      `${HEADER},Plan,Gateway`,
      'C1,O1,1/13/2026 10:00 AM,29.95,approved,Gold,GW1',
      'C2,O2,1/14/2026 10:00 AM,9.95,approved,Silver,GW1',
      'C3,O3,1/15/2026 10:00 AM,9.95,approved,Bronze,GW1',
      'C4,O4,1/16/2026 10:00 AM,9.95,approved,Gold,03',
      'C5,O5,1/17/2026 10:00 AM,9.95,approved,constructor,GW1',
      '',
    ].join('\n');
    // what `kmigrate map --write` leaves for the merchant to fill, half filled in
    const tables = `lookups:
  plans:
    Gold: { campaignId: 12, productId: 101 }
    Silver: { campaignId: "", productId: "" }
    Bronze: { campaignId: 14 }
  gateways:
    GW1: "7"
    "03": ""
`;
    const { result, files } = await build('placeholder-plan', csv, false, '', (c) =>
      c
        .replace(
          'campaignId: { value: "12" }',
          'campaignId: { from: Plan, lookup: plans, field: campaignId }',
        )
        .replace('productId: { value: "101" }', 'productId: { from: Plan, lookup: plans, field: productId }')
        .replace('merchantId: { value: "7" }', 'merchantId: { from: Gateway, lookup: gateways }')
        .concat(tables),
    );
    expect(result.accounting.orders).toMatchObject({ records: 5, used: 1, rejected: 4 });
    expect(result.lookupTodo.plans).toEqual(
      expect.arrayContaining([
        { value: 'Silver', rows: 1 },
        { value: 'Bronze', rows: 1 },
        { value: 'constructor', rows: 1 },
      ]),
    );
    expect(result.lookupTodo.plans).toHaveLength(3);
    expect(result.lookupTodo.gateways).toEqual([{ value: '03', rows: 1 }]);
    const rejects = files['rejects.csv']?.split('\n').slice(1, -1) ?? [];
    expect(rejects).toHaveLength(4);
    for (const line of rejects) expect(line).toContain('LOOKUP_MISSING');
  });

  it('reads ISO values of a column whose day/month order is undecided; a skipped record is no evidence', async () => {
    const csv = `${HEADER}\nC1,O1,2026-01-05 10:00:00,29.95,approved\nC2,O2,03/04/2026 10:00,29.95,approved\nC3,O3,15/03/2026 10:00,29.95,pending\nC4,O4,03/15/2026 10:00,29.95,approved\n`;
    const skipped = await build('skipped-evidence', csv, false, '', (c) =>
      c.replace('  columns:', '  skip: [{ column: Status, in: [pending], reason: NOT_SETTLED }]\n  columns:'),
    );
    // without the pending row's 15/03 the column is month-first (03/15): nothing ambiguous
    expect(skipped.result.accounting.orders).toMatchObject({ records: 4, used: 3, skipped: 1, rejected: 0 });
    expect(skipped.files['transactions.csv']).toContain('C2,O2,2026-03-04 11:00:00');
    const iso = await build(
      'iso-with-undecided',
      `${HEADER}\nC1,O1,2026-01-05 10:00:00,1,approved\nC2,O2,03/04/2026 10:00,1,approved\n`,
      false,
    );
    expect(iso.result.accounting.orders).toMatchObject({ records: 2, used: 1, rejected: 1 });
    expect(iso.files['transactions.csv']).toContain('C1,O1,2026-01-05 11:00:00');
  });

  it('writes a negative amount without its sign with negative: absolute, and refuses it without', async () => {
    const csv = `${HEADER}\nC1,O1,2026-01-05 10:00:00,-29.95,approved\nC2,O2,2026-01-05 10:00:00,(9.95),approved\n`;
    const refused = await build('negative', csv, false);
    expect(refused.result.accounting.orders).toMatchObject({ records: 2, rejected: 2 });
    const absolute = await build('negative', csv, false, '', (c) =>
      c.replace('subTotal: { from: Amount }', 'subTotal: { from: Amount, negative: absolute }'),
    );
    expect(absolute.result.accounting.orders).toMatchObject({ records: 2, used: 2 });
    expect(absolute.files['transactions.csv']).toContain(',SALE,29.95,');
    expect(absolute.files['transactions.csv']).toContain(',SALE,9.95,');
  });

  it('names a skip rule whose column is not in the source header by its config path (transactions.skip.1.column)', async () => {
    const csv = `${HEADER}\nC1,O1,2026-01-05 10:00:00,29.95,approved\n`;
    const skip =
      '  skip: [{ column: Status, in: [pending], reason: PENDING }, { column: Nope, empty: true, reason: X }]\n';
    const refused = build('skip-path', csv, false, '', (c) =>
      c.replace('  source: orders\n', `  source: orders\n${skip}`),
    );
    await expect(refused).rejects.toMatchObject({
      code: 'CONFIG_INVALID',
      message: expect.stringContaining(
        '  - transactions.skip.1.column: Skip rule column "Nope" is not in the source header.',
      ),
    });
    await expect(refused).rejects.toMatchObject({ message: expect.not.stringContaining('columns.Nope') });
  });

  it("infers the format of a column keyed by a template's spelling of it (DateCreated)", async () => {
    const header = builtinSpec().kinds.transactions.columns.map((c) =>
      c.name === 'dateCreated' ? 'DateCreated' : c.name,
    );
    writeFileSync(join(root, 'spelled-template.csv'), `${header.join(',')}\n`);
    const { result, files } = await build(
      'spelled',
      source(20, mdy, () => '29.95'),
      false,
      '',
      (c) =>
        c
          .replace(
            'timeZone: America/New_York }',
            'timeZone: America/New_York, template: spelled-template.csv }',
          )
          .replace('dateCreated: { from: Created }', 'DateCreated: { from: Created }'),
    );
    expect(result.accounting.orders).toMatchObject({ records: 20, used: 20 });
    expect(files['transactions.csv']?.split('\n')[0]).toContain(',DateCreated,');
  });
});
