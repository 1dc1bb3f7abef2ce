import { spawnSync } from 'node:child_process';
import { readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';
import { fullRow, TX_COLUMNS, type TxRow, toCsv } from '../support/konnektive-rows.js';

interface JsonIssue {
  code: string;
  severity: string;
  row: number | null;
  line: number | null;
  column: string | null;
  message: string;
}
interface CheckJson {
  file: string;
  kind: string;
  rows: number;
  errors: number;
  warnings: number;
  issues: JsonIssue[];
}

const ROWS = 30;
const valid = Array.from({ length: ROWS }, (_, i) => fullRow(i));
const plants: [number, Partial<TxRow>, string, string][] = [
  [1, { dateCreated: '2026-13-04 10:11:12' }, 'TYPE_DATETIME', 'dateCreated'],
  [2, { dateCreated: '03/04/2026' }, 'TYPE_DATETIME', 'dateCreated'],
  [3, { campaignId: 'abc' }, 'TYPE_INTEGER', 'campaignId'],
  [4, { isActiveRecurring: 'yes' }, 'TYPE_BIT', 'isActiveRecurring'],
  [5, { nextBillDate: '' }, 'REQUIRED_IF_MISSING', 'nextBillDate'],
  [6, { paySource: 'creditcard' }, 'ENUM_INVALID', 'paySource'],
  [7, { cardNumber: '4.11111E+15' }, 'SPREADSHEET_SCIENTIFIC_NOTATION', 'cardNumber'],
  [8, { cardExpiryMonth: '9' }, 'TYPE_MONTH', 'cardExpiryMonth'],
  [9, { cardExpiryYear: '29' }, 'TYPE_YEAR', 'cardExpiryYear'],
  [10, { merchantTxnId: 'T'.repeat(31) }, 'LENGTH_EXCEEDED', 'merchantTxnId'],
  [11, { txnType: 'Sale' }, 'ENUM_INVALID', 'txnType'],
  [12, { subTotal: '29,95' }, 'TYPE_DECIMAL', 'subTotal'],
  [13, { responseType: 'APPROVED' }, 'ENUM_INVALID', 'responseType'],
  [14, { customerId: 'C'.repeat(21) }, 'LENGTH_EXCEEDED', 'customerId'],
  [15, { emailAddress: 'avery@' }, 'FORMAT_EMAIL', 'emailAddress'],
  [16, { phoneNumber: '(555) 201-1000' }, 'FORMAT_PHONE', 'phoneNumber'],
  [17, { state: 'Illinois' }, 'FORMAT_STATE', 'state'],
  [18, { postalCode: '6270' }, 'FORMAT_POSTAL', 'postalCode'],
  [19, { country: 'USA' }, 'FORMAT_COUNTRY', 'country'],
  [20, { shipCity: '' }, 'REQUIRED_IF_MISSING', 'shipCity'],
  [21, { paySource: 'CHECK', achRoutingNumber: '' }, 'REQUIRED_IF_MISSING', 'achRoutingNumber'],
  [22, { paySource: 'CHECK', achAccountType: 'checking' }, 'ENUM_INVALID', 'achAccountType'],
  [23, { firstName: '' }, 'REQUIRED_MISSING', 'firstName'],
  [24, { cardNumber: '4111 1111 1111 1111' }, 'TYPE_DIGITS', 'cardNumber'],
  [25, { achRoutingNumber: '011000016' }, 'CHECKSUM_ABA', 'achRoutingNumber'],
  [26, { productId: '' }, 'REQUIRED_MISSING', 'productId'],
  [27, { shipPostalCode: 'M5V2T6' }, 'FORMAT_POSTAL', 'shipPostalCode'],
  [28, { cardNumber: '41111111111111112222' }, 'LENGTH_EXCEEDED', 'cardNumber'],
  [29, { state: 'ON' }, 'FORMAT_STATE', 'state'],
];
/** Phone numbers of rows 1–9 and whether check (as build) warns PHONE_NANP_INVALID on them. */
const NANP_PLANTS: [Partial<TxRow>, boolean][] = [
  [{ phoneNumber: '2120567890' }, true], // exchange 0xx
  [{ phoneNumber: '1234567891' }, true], // area code 1xx
  [{ phoneNumber: '10551234567' }, true], // 11 digits, area code 0xx after the 1
  [{ phoneNumber: '2120567890', country: 'GB', state: 'LND', postalCode: 'SW1A 1AA' }, false], // not US/CA
  [{ phoneNumber: '2120567890', country: '' }, true], // no country: judged by its length
  [{ phoneNumber: '5550104477' }, false], // area code 555: fictional
  [{ phoneNumber: '1111111111' }, false], // dummy fill
  [{ phoneNumber: '2125551234' }, false],
  [{ phoneNumber: '2121567890', country: 'CA', state: 'ON', postalCode: 'M5V 2T6' }, true],
];
const planted = valid.map((r, i) => {
  const p = plants.find(([row]) => row === i + 1);
  return p ? ({ ...r, ...p[1] } as TxRow) : r;
});

const fx = tempDir({
  'valid.csv': toCsv(valid),
  'planted.csv': toCsv(planted),
  'details.csv':
    'customerId,custom1,custom2,custom3,custom4,custom5\nC1,gold,,,,\nC2,,,,,\nC1,silver,,,,\nC3,x,,,,\nC1,bronze,,,,\n',
  'details-ok.csv': 'customerId,custom1,custom2,custom3,custom4,custom5\nC1,gold,,,,\nC2,,,,,\n',
  'nanp.csv': toCsv(valid.map((r, i) => ({ ...r, ...(NANP_PLANTS[i]?.[0] ?? {}) }) as TxRow)),
  'template.csv': `${TX_COLUMNS.slice(0, 18).join(',')},responseType,responseText,firstName,lastName,address1,city,state,postalCode,country,emailAddress,phoneNumber,billShipSame,couponCode\n`,
});
afterAll(fx.cleanup);

function checkJson(file: string, extra: string[] = []): { code: number; json: CheckJson } {
  const r = kmigrate([
    'check',
    `${fx.dir}/${file}`,
    '--format',
    'json',
    '--import-date',
    '2026-12-01',
    ...extra,
  ]);
  return { code: r.code, json: JSON.parse(r.stdout) as CheckJson };
}

describe('kmigrate check (CLI)', () => {
  it('accepts a valid file with every column filled: exit 0, no errors', () => {
    const { code, json } = checkJson('valid.csv');
    expect(json.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(code).toBe(0);
    expect(json).toMatchObject({ kind: 'transactions', rows: ROWS, errors: 0 });
  });

  it('counts varchar lengths in characters: names of 30 characters outside the BMP (surrogate pairs) are no error', () => {
    // 𠮷 (U+20BB7) is one character, two UTF-16 code units; 😀 likewise
    const name = '𠮷'.repeat(30);
    const rows = valid.slice(0, 4).map((r) => ({
      ...r,
      firstName: name,
      shipFirstName: name,
      city: '😀'.repeat(30),
    }));
    const t = tempDir({
      'astral.csv': toCsv(rows),
      'over.csv': toCsv([{ ...rows[0]!, city: '😀'.repeat(31) }]),
    });
    const run = (file: string) =>
      kmigrate(['check', `${t.dir}/${file}`, '--format', 'json', '--import-date', '2026-12-01']);
    const ok = run('astral.csv');
    const over = run('over.csv');
    t.cleanup();
    expect([ok.code, (JSON.parse(ok.stdout) as CheckJson).errors]).toEqual([0, 0]);
    const json = JSON.parse(over.stdout) as CheckJson;
    expect(over.code).toBe(1);
    expect(json.issues.map((i) => [i.code, i.row, i.column, i.message])).toEqual([
      [
        'LENGTH_EXCEEDED',
        1,
        'city',
        'city allows at most 30 characters, has 31; values are never truncated.',
      ],
    ]);
  });

  it('reports each planted error at the right row, line and column, and no other error', () => {
    const { code, json } = checkJson('planted.csv');
    expect(code).toBe(1);
    const errors = json.issues
      .filter((i) => i.severity === 'error')
      .map((i) => [i.row, i.line, i.column, i.code]);
    const expected = plants.map(([row, , c, col]) => [row, row + 1, col, c]);
    expect(errors.sort()).toEqual(expected.sort());
    expect(json.errors).toBe(plants.length);
  });

  it('warns PHONE_NANP_INVALID on a US/CA number whose area code or exchange starts with 0 or 1, as build does', () => {
    const { code, json } = checkJson('nanp.csv');
    // a warning only: the one error is the empty country of row 5 (country is required)
    expect(json.issues.filter((i) => i.severity === 'error').map((i) => [i.row, i.code])).toEqual([
      [5, 'REQUIRED_MISSING'],
    ]);
    expect(code).toBe(1);
    const nanp = json.issues.filter((i) => i.code === 'PHONE_NANP_INVALID');
    expect(nanp.map((i) => [i.row, i.line, i.column, i.severity])).toEqual(
      NANP_PLANTS.flatMap(([, warned], i) => (warned ? [[i + 1, i + 2, 'phoneNumber', 'warning']] : [])),
    );
    expect(nanp[0]?.message).toBe(
      'phoneNumber: The exchange starts with 0: no North American number does, so it cannot be dialled and a gateway may refuse it.',
    );
    expect(nanp[1]?.message).toContain('The area code starts with 1');
    const text = kmigrate(['check', `${fx.dir}/nanp.csv`, '--import-date', '2026-12-01']);
    expect(text.stdout.match(/PHONE_NANP_INVALID/g)?.length).toBe(nanp.length);
  });

  it('never prints a card number in its output', () => {
    const r = kmigrate(['check', `${fx.dir}/planted.csv`, '--import-date', '2026-12-01']);
    expect(r.stdout).not.toMatch(/\d{13,19}/);
    expect(r.stdout).toContain('TYPE_MONTH');
  });

  it('masks a card number that landed in any other column (a shifted column), in text and JSON', () => {
    const shifted = valid.slice(0, 4).map((r, i) => ({
      ...r,
      ...[
        { phoneNumber: '4111111111111111' },
        { emailAddress: '5555555555554444' },
        { postalCode: '4111-1111-1111-1111' },
        { campaignId: '378282246310005' },
      ][i],
    }));
    const t = tempDir({ 'shifted.csv': toCsv(shifted) });
    const text = kmigrate(['check', `${t.dir}/shifted.csv`, '--import-date', '2026-12-01']);
    const json = kmigrate([
      'check',
      `${t.dir}/shifted.csv`,
      '--import-date',
      '2026-12-01',
      '--format',
      'json',
    ]);
    t.cleanup();
    expect(text.code).toBe(1);
    for (const out of [text.stdout, json.stdout]) {
      expect(out).not.toMatch(/\d(?:[ -]?\d){12,18}/);
      for (const code of ['FORMAT_PHONE', 'FORMAT_EMAIL', 'FORMAT_POSTAL', 'TYPE_INTEGER'])
        expect(out).toContain(code);
    }
    expect(text.stdout).toContain('[got "411111******1111"]');
  });

  it('a file without a header row (its first record read as the header) shows none of its cells: no ACH number or token', () => {
    const account = '000987654321';
    const token = 'pm_1SyntheticGatewayToken42';
    const rows = valid.slice(0, 3).map((r) => ({
      ...r,
      paySource: 'CHECK',
      cardNumber: '',
      cardExpiryMonth: '',
      cardExpiryYear: '',
      achAccountNumber: account,
      externalToken: token,
    }));
    const headerless = toCsv(rows).split('\n').slice(1).join('\n');
    const t = tempDir({ 'headerless.csv': headerless });
    const args = ['check', `${t.dir}/headerless.csv`, '--import-date', '2026-12-01'];
    const text = kmigrate([...args, '--report', `${t.dir}/r.html`]);
    const json = kmigrate([...args, '--format', 'json']);
    const html = readFileSync(`${t.dir}/r.html`, 'utf8');
    t.cleanup();
    expect([text.code, json.code]).toEqual([1, 1]);
    const issues = (JSON.parse(json.stdout) as CheckJson).issues;
    expect(issues.filter((i) => i.code === 'HEADER_UNKNOWN_COLUMN')).toHaveLength(TX_COLUMNS.length);
    expect(issues.filter((i) => i.code === 'HEADER_MISSING_COLUMN').length).toBeGreaterThan(0);
    for (const out of [text.stdout, json.stdout, html]) {
      expect(out).not.toContain(account);
      expect(out).not.toContain(token);
    }
  });

  it('prints no control character of the file to the terminal: a header name with escape sequences is shown escaped', () => {
    const cols = [...TX_COLUMNS, '\u001b[2J\u001b]0;owned\u0007x\u202e'];
    const rows = valid.slice(0, 4).map((r) => ({ ...r, [cols[cols.length - 1]!]: 'y' }));
    const t = tempDir({ 'esc.csv': toCsv(rows, cols) });
    const r = kmigrate(['check', `${t.dir}/esc.csv`, '--import-date', '2026-12-01']);
    t.cleanup();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('HEADER_UNKNOWN_COLUMN');
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(r.stdout).toContain('\\u001b[2J');
  });

  it('stops printing quietly when the reader closes the pipe (`| head -1`): no stack trace, same exit code', () => {
    const bin = join(ROOT, 'bin', 'kmigrate.js');
    const file = `${fx.dir}/planted.csv`;
    const r = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" "${bin}" check "${file}" --import-date 2026-12-01 | head -1`,
      ],
      { encoding: 'utf8' },
    );
    expect(r.stdout.split('\n')).toHaveLength(2);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
  });

  it.each([
    ['semicolons', (csv: string) => csv.replaceAll(',', ';'), /separated by semicolons/],
    ['tabs', (csv: string) => csv.replaceAll(',', '\t'), /separated by tabs/],
    ['a sep= line', (csv: string) => `sep=,\n${csv}`, /"sep=" line/],
    [
      'lines before the header',
      (csv: string) => `Konnektive import\nexported 2026-11-30\n${csv}`,
      /header is on line 3/,
    ],
    ['CR-only line ends', (csv: string) => csv.replaceAll('\n', '\r'), /lone CR/],
  ])('a valid file with %s reads, but is not ready for the vendor: FILE_LAYOUT', (_, change, message) => {
    const rows = valid.slice(0, 3);
    const t = tempDir({ 'file.csv': change(toCsv(rows)) });
    const r = kmigrate(['check', `${t.dir}/file.csv`, '--format', 'json', '--import-date', '2026-12-01']);
    t.cleanup();
    const json = JSON.parse(r.stdout) as CheckJson;
    expect(json.rows).toBe(3);
    expect(json.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['FILE_LAYOUT']);
    expect(json.issues.find((i) => i.code === 'FILE_LAYOUT')?.message).toMatch(message);
    expect(r.code).toBe(1);
  });

  it('an Additional Customer Details file holds one row per customer: each further row of one is an error', () => {
    const { code, json } = checkJson('details.csv');
    expect(code).toBe(1);
    expect(json.kind).toBe('details');
    expect(json.issues.map((i) => [i.code, i.severity, i.row, i.line, i.column])).toEqual([
      ['DUPLICATE_DETAILS_ROW', 'error', 3, 4, 'customerId'],
      ['DUPLICATE_DETAILS_ROW', 'error', 5, 6, 'customerId'],
    ]);
    expect(json.issues[0]?.message).toContain('row 1');
    const ok = checkJson('details-ok.csv');
    expect([ok.code, ok.json.errors, ok.json.warnings]).toEqual([0, 0, 0]);
  });

  it('writes an HTML report', () => {
    const r = kmigrate([
      'check',
      `${fx.dir}/planted.csv`,
      '--import-date',
      '2026-12-01',
      '--report',
      `${fx.dir}/r.html`,
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('r.html');
  });

  it('applies a vendor template: its header decides the columns; unknown template columns are warnings', () => {
    const cols = [
      ...TX_COLUMNS.slice(0, 18),
      'responseType',
      'responseText',
      'firstName',
      'lastName',
      'address1',
      'city',
      'state',
      'postalCode',
      'country',
      'emailAddress',
      'phoneNumber',
      'billShipSame',
      'couponCode',
    ];
    const rows = valid.map((r) => ({ ...r, billShipSame: '1', couponCode: 'SPRING' }));
    const t = tempDir({ 'file.csv': toCsv(rows, cols) });
    const r = kmigrate([
      'check',
      `${t.dir}/file.csv`,
      '--template',
      `${fx.dir}/template.csv`,
      '--format',
      'json',
      '--import-date',
      '2026-12-01',
    ]);
    t.cleanup();
    const json = JSON.parse(r.stdout) as CheckJson;
    expect(json.errors).toBe(0);
    expect(json.issues.map((i) => i.code)).toContain('TEMPLATE_UNKNOWN_COLUMN');
    expect(r.code).toBe(0);
  });

  it('applies every rule to template columns spelled in another case (PaySource, IsActiveRecurring)', () => {
    const respell = (c: string): string =>
      c === 'paySource' ? 'PaySource' : c === 'isActiveRecurring' ? 'IsActiveRecurring' : c;
    const cols = TX_COLUMNS.map(respell);
    const row = { ...valid[0], cardNumber: '', nextBillDate: '' } as Record<string, string>;
    const rows = [Object.fromEntries(Object.entries(row).map(([k, v]) => [respell(k), v]))];
    const t = tempDir({ 'file.csv': toCsv(rows, cols), 'template.csv': `${cols.join(',')}\n` });
    const r = kmigrate([
      'check',
      `${t.dir}/file.csv`,
      '--template',
      `${t.dir}/template.csv`,
      '--format',
      'json',
    ]);
    t.cleanup();
    const json = JSON.parse(r.stdout) as CheckJson;
    expect(json.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.column])).toEqual([
      ['REQUIRED_IF_MISSING', 'nextBillDate'],
      ['REQUIRED_IF_MISSING', 'cardNumber'],
    ]);
    expect(json.issues.filter((i) => i.code === 'HEADER_NAME_CASE')).toEqual([]);
    expect(r.code).toBe(1);
  });

  it('with a template, the file must have exactly its columns; without, A–R are read by position', () => {
    const json = (cols: readonly string[], template?: readonly string[]): CheckJson => {
      const rows = valid.map((r) => ({ ...r, internalNote: 'x', affiliateId: '9' }));
      const files: Record<string, string> = { 'file.csv': toCsv(rows, [...cols]) };
      if (template) files['template.csv'] = `${template.join(',')}\n`;
      const t = tempDir(files);
      const args = ['check', `${t.dir}/file.csv`, '--format', 'json', '--import-date', '2026-12-01'];
      if (template) args.push('--template', `${t.dir}/template.csv`);
      const r = kmigrate(args);
      t.cleanup();
      return JSON.parse(r.stdout) as CheckJson;
    };
    const errors = (j: CheckJson) =>
      j.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.column]);
    // the template has affiliateId, the file lacks it; the file has trackingNumber, the template does not
    const template = [...TX_COLUMNS.filter((c) => c !== 'trackingNumber'), 'affiliateId'];
    expect(errors(json(TX_COLUMNS, template))).toEqual([
      ['TEMPLATE_HEADER_EXTRA', 'trackingNumber'],
      ['TEMPLATE_HEADER_MISSING', 'affiliateId'],
    ]);
    expect(errors(json(template, template))).toEqual([]);
    // an unknown column inserted at F shifts isActiveRecurring…R for the vendor
    const inserted = [...TX_COLUMNS.slice(0, 5), 'internalNote', ...TX_COLUMNS.slice(5)];
    expect(errors(json(inserted))).toEqual([['HEADER_ORDER', 'internalNote']]);
    // an optional column left out of A–R shifts the rest too (a warning alone would pass the file)
    expect(errors(json(TX_COLUMNS.filter((c) => c !== 'achAccountType')))).toEqual([
      ['HEADER_ORDER', 'merchantId'],
    ]);
    // past R (provisional columns), an extra column is only a warning
    expect(errors(json([...TX_COLUMNS, 'internalNote']))).toEqual([]);
  });

  it('reports a header column in the wrong case and a missing required column', () => {
    const cols = TX_COLUMNS.filter((c) => c !== 'merchantId').map((c) => (c === 'orderId' ? 'OrderID' : c));
    const rows = valid.map((r) => ({ ...r, OrderID: r.orderId ?? '' }));
    const t = tempDir({ 'file.csv': toCsv(rows, cols) });
    const r = kmigrate(['check', `${t.dir}/file.csv`, '--format', 'json', '--import-date', '2026-12-01']);
    t.cleanup();
    const json = JSON.parse(r.stdout) as CheckJson;
    expect(json.issues.filter((i) => i.severity === 'error').map((i) => [i.code, i.column])).toEqual([
      ['HEADER_NAME_CASE', 'OrderID'],
      ['HEADER_MISSING_COLUMN', 'merchantId'],
    ]);
    expect(r.code).toBe(1);
  });

  it('exits 2 with a coded one-line message for a missing file and for bad arguments', () => {
    const missing = kmigrate(['check', `${fx.dir}/nope.csv`]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/^kmigrate: FILE_NOT_FOUND: /);
    expect(kmigrate(['check', `${fx.dir}/valid.csv`, '--kind', 'bogus']).code).toBe(2);
    const badDate = kmigrate(['check', `${fx.dir}/valid.csv`, '--import-date', '2026-02-30']);
    expect(badDate.code).toBe(2);
    expect(badDate.stderr).toMatch(
      /^kmigrate: USAGE: option '--import-date <date>' argument '2026-02-30' is invalid/,
    );
    expect(badDate.stderr.trim().split('\n')).toHaveLength(1);
    expect(kmigrate(['check', `${fx.dir}/valid.csv`, '--import-date', '2026-13-01']).code).toBe(2);
    expect(kmigrate(['check']).code).toBe(2);
  });

  it('refuses a --report that is the checked file or the template (also through a link): exit 2, both left as they were', () => {
    const csv = toCsv(valid.slice(0, 2));
    const template = `${TX_COLUMNS.join(',')}\n`;
    const t = tempDir({ 'file.csv': csv, 'template.csv': template });
    symlinkSync(`${t.dir}/file.csv`, `${t.dir}/link.html`);
    const run = (report: string, extra: string[] = []) =>
      kmigrate([
        'check',
        `${t.dir}/file.csv`,
        '--import-date',
        '2026-12-01',
        ...extra,
        '--report',
        `${t.dir}/${report}`,
      ]);
    const runs = [
      run('file.csv'),
      run('link.html'),
      run('template.csv', ['--template', `${t.dir}/template.csv`]),
    ];
    const after = [readFileSync(`${t.dir}/file.csv`, 'utf8'), readFileSync(`${t.dir}/template.csv`, 'utf8')];
    t.cleanup();
    for (const r of runs) {
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^kmigrate: USAGE: The report .* would replace it/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    expect(after).toEqual([csv, template]);
  });

  it('refuses secrets on the command line', () => {
    const r = kmigrate(['check', `${fx.dir}/valid.csv`, '--password=hunter2']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('hunter2');
  });
});
