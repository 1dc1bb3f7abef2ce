import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { luhnValid } from '../../src/core/index.js';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'profile');
const FILES = [
  'stripe-customers-bom.csv',
  'nmi-vault-1252.csv',
  'woo-semicolon.csv',
  'stripe-pan.csv',
  'authnet-standard.tsv',
  'excel-damaged.csv',
];

interface Column {
  name: string;
  type: string;
  format?: string;
  evidence?: string;
  examples: string[];
  top?: { value: string; count: number }[];
  damage: { code: string; count: number }[];
  fillRate: number;
  distinct: number;
}
interface Profile {
  file: string;
  encoding: string;
  bom: boolean;
  delimiter: string;
  records: number;
  source: { id: string } | null;
  columns: Column[];
  duplicates: { key: string; rows: number; examples: { firstRow: number; row: number }[] }[];
}

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const paths = FILES.map((f) => join(FIXTURES, f));
const report = join(tmp.dir, 'profile.html');
const json = kmigrate(['profile', '--format', 'json', '--report', report, ...paths]);
const text = kmigrate(['profile', ...paths]);
const profiles: Profile[] = JSON.parse(json.stdout).files;
const byFile = (name: string): Profile => profiles.find((p) => p.file === name) as Profile;
const col = (file: string, name: string): Column =>
  byFile(file).columns.find((c) => c.name === name) as Column;

/** Every 13–19 digit run (spaces/dashes allowed) that passes Luhn: a PAN in clear. */
function clearPans(output: string): string[] {
  return [...output.matchAll(/\d(?:[ -]?\d){12,18}/g)]
    .map((m) => m[0].replace(/[ -]/g, ''))
    .filter((d) => luhnValid(d));
}

describe('kmigrate profile', () => {
  it('runs on every fixture in text, JSON and HTML', () => {
    expect(json.code).toBe(0);
    expect(text.code).toBe(0);
    expect(profiles.map((p) => p.file)).toEqual(FILES);
  });

  it('never prints an unmasked card number (text, JSON, HTML)', () => {
    const html = readFileSync(report, 'utf8');
    for (const output of [json.stdout, text.stdout, html]) {
      expect(clearPans(output)).toEqual([]);
      for (const pan of ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117'])
        expect(output).not.toContain(pan);
    }
    expect(col('stripe-pan.csv', 'card.number').type).toBe('card-number');
    expect(col('stripe-pan.csv', 'card.number').examples[0]).toBe('411111******1111');
  });

  it('reads a UTF-8 BOM file: the first header is clean and the source is recognised', () => {
    const p = byFile('stripe-customers-bom.csv');
    expect([p.encoding, p.bom, p.columns[0]?.name, p.source?.id]).toEqual([
      'utf-8',
      true,
      'id',
      'stripe-customers',
    ]);
  });

  it('decodes windows-1252 and reports lost leading zeros and masked cards', () => {
    const p = byFile('nmi-vault-1252.csv');
    expect(p.encoding).toBe('windows-1252');
    expect(col('nmi-vault-1252.csv', 'first_name').examples).toContain('José');
    expect(col('nmi-vault-1252.csv', 'postal_code').damage[0]).toMatchObject({
      code: 'SPREADSHEET_LEADING_ZERO_LOST',
      count: 2,
    });
    expect(col('nmi-vault-1252.csv', 'cc_exp').damage[0]).toMatchObject({
      code: 'SPREADSHEET_LEADING_ZERO_LOST',
      count: 1,
    });
    expect(col('nmi-vault-1252.csv', 'cc_number').type).toBe('masked-card');
    expect(p.source?.id).toBe('nmi-vault');
  });

  it('reads semicolons with decimal commas, day-first dates and state/country names', () => {
    const p = byFile('woo-semicolon.csv');
    expect(p.delimiter).toBe(';');
    expect(col('woo-semicolon.csv', 'order_total')).toMatchObject({ type: 'money', format: "decimal ','" });
    expect(col('woo-semicolon.csv', 'start_date')).toMatchObject({ type: 'date', format: 'DMY' });
    expect(col('woo-semicolon.csv', 'billing_state')).toMatchObject({ type: 'state', format: 'names' });
    expect(col('woo-semicolon.csv', 'billing_country')).toMatchObject({ type: 'country', format: 'names' });
  });

  it('gives the evidence for day-first dates', () => {
    const c = col('stripe-customers-bom.csv', 'Created (UTC)');
    expect(c.format).toBe('DMY');
    expect(c.evidence).toMatch(/> 12/);
    expect(text.stdout).toContain('evidence: DMY');
  });

  it('finds the same e-mail (any case) under two customer ids, not the same customer twice', () => {
    const d = byFile('stripe-customers-bom.csv').duplicates.find((x) => x.key === 'email');
    expect(d?.rows).toBe(1);
    expect(d?.examples[0]).toMatchObject({ firstRow: 3, row: 4 });
  });

  it('reads tab-delimited Authorize.net files with vendor dates', () => {
    const p = byFile('authnet-standard.tsv');
    expect([p.delimiter, p.source?.id]).toEqual(['\t', 'authorize-net-tab']);
    expect(col('authnet-standard.tsv', 'Submit Date/Time')).toMatchObject({ type: 'date', format: 'DMON' });
    expect(col('authnet-standard.tsv', 'Card Number').type).toBe('masked-card');
  });

  it('flags scientific-notation damage and masks account numbers', () => {
    expect(col('excel-damaged.csv', 'Card').damage[0]).toMatchObject({
      code: 'SPREADSHEET_SCIENTIFIC_NOTATION',
      count: 2,
    });
    expect(col('excel-damaged.csv', 'Acct Number').examples).toEqual([
      '********9012',
      '********1098',
      '********7777',
    ]);
    expect(byFile('excel-damaged.csv').source).toBeNull();
  });
});

describe('kmigrate profile: dollar-prefixed amounts', () => {
  it('reads US$, C$, 10.00 US$, $US and $ CA amounts as money, with their decimal separator', () => {
    const file = join(tmp.dir, 'dollars.csv');
    writeFileSync(
      file,
      [
        'Ref,Paid,Refunded,Fee,Extra,Total',
        'a1,US$ 10.00,C$5.25,10.00 US$,$US 5,"29,95 $ CA"',
        'a2,US$ 1250.50,C$12.00,12.50 US$,$US 7,"12,50 $ CA"',
        'a3,US$ 5.50,C$7.10,3.00 US$,$US 9,"4,05 $ CA"',
      ].join('\n'),
    );
    const r = kmigrate(['profile', '--format', 'json', file]);
    expect(r.code).toBe(0);
    const columns: Column[] = JSON.parse(r.stdout).files[0].columns;
    expect(columns.slice(1).map((c) => [c.name, c.type, c.format])).toEqual([
      ['Paid', 'money', "decimal '.'"],
      ['Refunded', 'money', "decimal '.'"],
      ['Fee', 'money', "decimal '.'"],
      ['Extra', 'money', "decimal '.'"],
      ['Total', 'money', "decimal ','"],
    ]);
  });
});
