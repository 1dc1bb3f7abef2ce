import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';

const demoConfig = readFileSync(join(ROOT, 'examples/demo/migration.yaml'), 'utf8');
const demoSource = readFileSync(join(ROOT, 'examples/demo/exports/orders.csv'));
const fx = tempDir({ 'migration.yaml': demoConfig });
writeFileSync(join(fx.dir, 'orders.csv'), demoSource);
writeFileSync(
  join(fx.dir, 'migration.yaml'),
  demoConfig.replace('file: exports/orders.csv', 'file: orders.csv'),
);
afterAll(fx.cleanup);

interface Report {
  accounting: Record<string, { records: number; used: number; rejected: number; skipped: number }>;
  issues: { code: string; severity: string; row: number; column: string | null }[];
  outputs: Record<string, { file: string; rows: number; sha256: string }>;
  lookupTodo: Record<string, { value: string; rows: number }[]>;
}

function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
}

describe('kmigrate build (CLI) on the demo export', () => {
  const out = join(fx.dir, 'out');
  const run = kmigrate(['build', '--config', join(fx.dir, 'migration.yaml'), '--out', out]);
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;

  it('exits 1 because records were rejected, and writes every output', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(Object.keys(report.outputs).sort()).toEqual(['rejects', 'transactions']);
  });

  it('keeps row accounting: records = used + rejected + skipped, and every unused record is in rejects.csv', () => {
    const a = report.accounting.orders!;
    expect(a.records).toBe(demoSource.toString().trimEnd().split('\r\n').length - 1);
    expect(a.records).toBe(a.used + a.rejected + a.skipped);
    const rejects = csvRows(join(out, 'rejects.csv'));
    expect(rejects.length - 1).toBe(a.rejected + a.skipped);
    expect(csvRows(join(out, 'transactions.csv')).length - 1).toBe(a.used);
  });

  it('rejects each planted problem with its code, at its source row and line', () => {
    const rejects = csvRows(join(out, 'rejects.csv'))
      .slice(1)
      .map((r) => [r[2], r[3], r[4], r[5]]);
    expect(rejects).toEqual([
      ['4', '5', 'rejected', 'LOOKUP_MISSING'],
      ['8', '9', 'rejected', 'EMAIL_INVALID'],
      ['12', '13', 'rejected', 'EXPIRY_MASKED'],
      ['15', '16', 'skipped', 'NOT_SETTLED'],
      ['21', '22', 'rejected', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
    ]);
    expect(report.lookupTodo.plans).toEqual([{ value: 'Platinum Annual', rows: 2 }]);
  });

  it('writes a transactions file that kmigrate check accepts', () => {
    const r = kmigrate([
      'check',
      join(out, 'transactions.csv'),
      '--import-date',
      '2026-12-01',
      '--format',
      'json',
    ]);
    expect(JSON.parse(r.stdout)).toMatchObject({ errors: 0 });
    expect(r.code).toBe(0);
  });

  it('normalizes values cell by cell (customer CUST-0001, first row)', () => {
    const rows = csvRows(join(out, 'transactions.csv'));
    const header = rows[0]!;
    const first = Object.fromEntries(header.map((h, i) => [h, rows[1]![i]]));
    expect(first).toMatchObject({
      customerId: 'CUST-0001',
      dateCreated: '2026-02-14 08:04:00', // 7:04 AM Chicago → New York
      campaignId: '12',
      productId: '101',
      isActiveRecurring: '1',
      nextBillDate: '2027-01-26',
      paySource: 'CREDITCARD',
      cardExpiryMonth: '07',
      cardExpiryYear: '2031',
      merchantId: '7',
      txnType: 'SALE',
      subTotal: '29.95',
      responseType: 'SUCCESS',
      firstName: 'Rowan',
      lastName: 'Exampleton',
      state: 'CT',
      postalCode: '06103',
      country: 'US',
      emailAddress: 'rowan.exampleton1@example.com',
      phoneNumber: '5552018779',
      billShipSame: '1',
    });
  });

  it('is deterministic: a second run gives byte-identical outputs', () => {
    const out2 = join(fx.dir, 'out2');
    kmigrate(['build', '--config', join(fx.dir, 'migration.yaml'), '--out', out2]);
    for (const f of ['transactions.csv', 'rejects.csv', 'report.json', 'report.html']) {
      expect(readFileSync(join(out2, f)).equals(readFileSync(join(out, f)))).toBe(true);
    }
  });

  it('never writes a card number into rejects.csv, report.json or report.html', () => {
    for (const f of ['rejects.csv', 'report.json', 'report.html']) {
      expect(readFileSync(join(out, f), 'utf8')).not.toMatch(/\d{13,19}/);
    }
  });
});

describe('kmigrate build: bad configuration', () => {
  const cases: [string, string, RegExp][] = [
    ['not YAML', 'version: 1\nsources: [\n', /CONFIG_YAML_SYNTAX/],
    ['unknown key', `${demoConfig}\nbogus: 1\n`, /CONFIG_INVALID[\s\S]*bogus/],
    [
      'unknown source',
      demoConfig.replace('source: orders', 'source: nope'),
      /transactions\.source: no source named nope/,
    ],
    ['unknown lookup', demoConfig.replace('lookup: gateways', 'lookup: mids'), /no lookup table named mids/],
    [
      'missing source column',
      demoConfig.replace('from: Customer ID', 'from: Client Number'),
      /Source column "Client Number"/,
    ],
    [
      'unmapped required column',
      demoConfig.replace(/\n {4}orderId:.*\n/, '\n'),
      /Required column orderId has no mapping/,
    ],
  ];
  it.each(cases)('%s → exit 2 with a clear, coded message', (_name, yaml, pattern) => {
    const t = tempDir({ 'migration.yaml': yaml.replace('file: exports/orders.csv', 'file: orders.csv') });
    writeFileSync(join(t.dir, 'orders.csv'), demoSource);
    const r = kmigrate(['build', '--config', join(t.dir, 'migration.yaml'), '--out', join(t.dir, 'out')]);
    t.cleanup();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kmigrate: CONFIG_/);
    expect(r.stderr).toMatch(pattern);
  });

  it('a missing config file is CONFIG_NOT_FOUND', () => {
    const r = kmigrate(['build', '--config', join(fx.dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kmigrate: CONFIG_NOT_FOUND/);
  });
});
