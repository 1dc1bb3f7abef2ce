import { existsSync, linkSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
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
  forecast?: { activeSubscriptions: number };
}

/** Build the demo export (or `source`) with `config` (and `files` beside it) in a workspace of its own. */
function buildDemo(config: string, files: Record<string, string> = {}, source: string | Buffer = demoSource) {
  const t = tempDir({ 'migration.yaml': config, ...files });
  writeFileSync(join(t.dir, 'orders.csv'), source);
  const out = join(t.dir, 'out');
  const run = kmigrate([
    'build',
    '--config',
    join(t.dir, 'migration.yaml'),
    '--out',
    out,
    '--cleartext-cards',
  ]);
  return { ...t, out, run };
}

function csvRows(path: string): string[][] {
  return readFileSync(path, 'utf8')
    .trimEnd()
    .split('\n')
    .map((l) => l.split(','));
}

/** A vendor template's columns after customerId. */
const TEMPLATE_REST =
  'orderId,dateCreated,campaignId,productId,isActiveRecurring,nextBillDate,paySource,cardNumber,cardExpiryMonth,cardExpiryYear,merchantId,merchantTxnId,txnType,subTotal,responseType,responseText,firstName,lastName,address1,city,state,postalCode,country,emailAddress,phoneNumber,billShipSame';

/** The demo mapping reading `orders.csv` beside it (what {@link buildDemo} writes). */
const localDemoConfig = demoConfig.replace('file: exports/orders.csv', 'file: orders.csv');

/** The demo export with the Amount of rows 1, 2, … replaced by `amounts`. */
function demoWithAmounts(amounts: readonly string[]): string {
  const lines = demoSource.toString('utf8').split('\n');
  for (const [i, amount] of amounts.entries())
    lines[i + 1] = (lines[i + 1] ?? '').replace(',$29.95,', `,${amount},`);
  return lines.join('\n');
}

/** `config` with `target.currency` set. */
function withCurrency(config: string, currency: string): string {
  return config.replace('  imminentDays: 3\n', `  imminentDays: 3\n  currency: ${currency}\n`);
}

function reportOf(out: string): Report {
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
}

/** A build of `config` that must stop on a configuration error saying `message`, writing nothing. */
function expectConfigError(config: string, message: string, source?: string): void {
  const bad = buildDemo(config, {}, source);
  try {
    expect(bad.run.code).toBe(2);
    expect(existsSync(join(bad.out, 'transactions.csv'))).toBe(false);
    expect(`${bad.run.stdout}${bad.run.stderr}`).toContain(message);
  } finally {
    bad.cleanup();
  }
}

describe('kmigrate build (CLI) on the demo export', () => {
  const out = join(fx.dir, 'out');
  const run = kmigrate([
    'build',
    '--config',
    join(fx.dir, 'migration.yaml'),
    '--out',
    out,
    '--cleartext-cards',
  ]);
  const report = reportOf(out);

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
      .map((r) => [r[1], r[3], r[4], r[5], r[6]]);
    expect(rejects).toEqual([
      ['transactions', '4', '5', 'rejected', 'LOOKUP_MISSING'],
      ['transactions', '8', '9', 'rejected', 'EMAIL_INVALID'],
      ['transactions', '12', '13', 'rejected', 'EXPIRY_MASKED'],
      ['transactions', '15', '16', 'skipped', 'NOT_SETTLED'],
      ['transactions', '21', '22', 'rejected', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
    ]);
    expect(report.lookupTodo.plans).toEqual([{ value: 'Platinum Annual', rows: 1 }]);
  });

  it('puts the rebill forecast of the output into report.json', () => {
    const forecast = (
      report as unknown as {
        forecast: { activeSubscriptions: number; byMerchant: { merchantId: string; known: boolean }[] };
      }
    ).forecast;
    expect(forecast.activeSubscriptions).toBeGreaterThan(0);
    expect(forecast.byMerchant.map((m) => [m.merchantId, m.known])).toEqual([
      ['7', true],
      ['9', true],
    ]);
  });

  it("gives the same forecast when every customer's rows are spread over the source (rows shuffled)", () => {
    const [header, ...rows] = demoSource.toString().trimEnd().split('\r\n');
    // a fixed interleaving: every third row, from three starting points
    const spread = [0, 1, 2].flatMap((k) => rows.filter((_, i) => i % 3 === k));
    const dir = join(fx.dir, 'spread');
    mkdirSync(dir);
    writeFileSync(join(dir, 'orders.csv'), [header, ...spread].join('\r\n'));
    writeFileSync(
      join(dir, 'migration.yaml'),
      demoConfig.replace('file: exports/orders.csv', 'file: orders.csv'),
    );
    const r = kmigrate([
      'build',
      '--config',
      join(dir, 'migration.yaml'),
      '--out',
      join(dir, 'out'),
      '--cleartext-cards',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('forecast: ');
    type Counted = {
      activeSubscriptions: number;
      expectedAmount: string;
      byDay: unknown;
      byMerchant: unknown;
      risks: Record<string, { count: number } | unknown[]>;
    };
    const counts = (f: Counted) => ({
      ...f,
      risks: Object.fromEntries(Object.entries(f.risks).map(([k, v]) => [k, Array.isArray(v) ? v : v.count])),
    });
    const spreadReport = JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as {
      forecast: Counted;
    };
    const before = (report as unknown as { forecast: Counted }).forecast;
    expect(before.activeSubscriptions).toBeGreaterThan(3);
    expect(counts(spreadReport.forecast)).toEqual(counts(before));
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
    kmigrate(['build', '--config', join(fx.dir, 'migration.yaml'), '--out', out2, '--cleartext-cards']);
    for (const f of ['transactions.csv', 'rejects.csv', 'report.json', 'report.html']) {
      expect(readFileSync(join(out2, f)).equals(readFileSync(join(out, f)))).toBe(true);
    }
  });

  it('masks a card number that landed in a lookup column in the report (and keeps every output)', () => {
    const shifted = demoSource.toString().replace(',Gold Monthly,', ',4111111111111111,');
    const t = tempDir({
      'migration.yaml': demoConfig.replace('file: exports/orders.csv', 'file: orders.csv'),
    });
    writeFileSync(join(t.dir, 'orders.csv'), shifted);
    const o = join(t.dir, 'out');
    const r = kmigrate(['build', '--config', join(t.dir, 'migration.yaml'), '--out', o, '--cleartext-cards']);
    const json = readFileSync(join(o, 'report.json'), 'utf8');
    const html = readFileSync(join(o, 'report.html'), 'utf8');
    t.cleanup();
    expect(r.code).toBe(1);
    // one row, counted once though two columns read it through the plans table (campaignId, productId)
    expect((JSON.parse(json) as Report).lookupTodo.plans).toContainEqual({
      value: '411111******1111',
      rows: 1,
    });
    for (const text of [json, html, r.stdout]) expect(text).not.toContain('4111111111111111');
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
    ['an empty file', '', /CONFIG_INVALID: \S+ is empty: a migration\.yaml needs at least version, sources/],
    // one problem: one line naming the key
    [
      'a wrong version',
      demoConfig.replace('version: 1', 'version: 2'),
      /^kmigrate: CONFIG_INVALID: \S+: version: expected 1, found 2\n$/,
    ],
    [
      'several problems',
      'version: 1\nsources: []\n',
      /has 2 problems:\n {2}- sources: must not be empty\n {2}- transactions: missing: this key is required\n$/,
    ],
    [
      'a time zone that does not exist',
      demoConfig.replace('timeZone: America/New_York', 'timeZone: America/New_Yrok'),
      /target\.timeZone: must be an IANA time zone name/,
    ],
    [
      'an import date that does not exist',
      demoConfig.replace(/importDate: "?[\d-]+"?/, 'importDate: "2026-02-30"'),
      /target\.importDate: must be a date that exists/,
    ],
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

  it('an empty template is CSV_EMPTY_FILE naming the template, not just "the file"', () => {
    const config = localDemoConfig.replace(
      '  timeZone: America/New_York      # dateCreated is written in this zone',
      '  timeZone: America/New_York\n  template: template.csv',
    );
    const t = buildDemo(config, { 'template.csv': '' });
    t.cleanup();
    expect(t.run.code).toBe(2);
    expect(t.run.stderr.trim().split('\n')).toHaveLength(1);
    expect(t.run.stderr).toMatch(/^kmigrate: CSV_EMPTY_FILE: \S*template\.csv: The file is empty/);
  });

  it('target.cardLikeIds reaches a column the vendor template spells another way (CustomerID)', () => {
    // a card-shaped id (a published test number) as every row's customer, a vault token as the card
    const source = demoSource.toString('utf8').replace(/^CUST-\d+,/gm, '4012888888881881,');
    const config = localDemoConfig
      .replace(
        '  timeZone: America/New_York      # dateCreated is written in this zone',
        '  timeZone: America/New_York\n  template: template.csv\n  cardLikeIds: [customerId]',
      )
      .replace('cardNumber: { from: Card Number }', 'cardNumber: { value: tok_abcdefghijklmnopqrstuvwxyz }');
    const template = `CustomerID,${TEMPLATE_REST}\n`;
    const t = tempDir({ 'migration.yaml': config, 'template.csv': template, 'orders.csv': source });
    try {
      // without --cleartext-cards: every file written is scanned
      const out = join(t.dir, 'out');
      const run = kmigrate(['build', '--config', join(t.dir, 'migration.yaml'), '--out', out]);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1); // the demo's planted problems
      expect(readFileSync(join(out, 'transactions.csv'), 'utf8')).toMatch(
        /^CustomerID,.*\n4012888888881881,/,
      );
    } finally {
      t.cleanup();
    }
  });

  it('an --out where an output would replace the source export is refused, the export kept', () => {
    // an export named transactions.csv beside migration.yaml, built with --out .
    const t = tempDir({
      'migration.yaml': demoConfig.replace('file: exports/orders.csv', 'file: transactions.csv'),
    });
    try {
      writeFileSync(join(t.dir, 'transactions.csv'), demoSource);
      const r = kmigrate([
        'build',
        '--config',
        join(t.dir, 'migration.yaml'),
        '--out',
        t.dir,
        '--cleartext-cards',
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^kmigrate: USAGE: The output .*transactions\.csv is source orders's file/);
      expect(readFileSync(join(t.dir, 'transactions.csv'))).toEqual(demoSource);
      expect(existsSync(join(t.dir, 'rejects.csv'))).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it.each([
    [
      "a symbolic link to the export's folder",
      (dir: string) => symlinkSync(join(dir, 'exports'), join(dir, 'out')),
    ],
    [
      'a folder holding a hard link to the export under an output name',
      (dir: string) => {
        mkdirSync(join(dir, 'out'));
        linkSync(join(dir, 'exports', 'transactions.csv'), join(dir, 'out', 'transactions.csv'));
      },
    ],
  ])('an --out that is %s is refused too, the export kept', (_, link) => {
    const t = tempDir({
      'migration.yaml': demoConfig.replace('file: exports/orders.csv', 'file: exports/transactions.csv'),
    });
    try {
      mkdirSync(join(t.dir, 'exports'));
      writeFileSync(join(t.dir, 'exports', 'transactions.csv'), demoSource);
      link(t.dir);
      const r = kmigrate([
        'build',
        '--config',
        join(t.dir, 'migration.yaml'),
        '--out',
        join(t.dir, 'out'),
        '--cleartext-cards',
      ]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(
        /^kmigrate: USAGE: The output .*out\/transactions\.csv is source orders's file/,
      );
      expect(readFileSync(join(t.dir, 'exports', 'transactions.csv'))).toEqual(demoSource);
      expect(existsSync(join(t.dir, 'exports', 'rejects.csv'))).toBe(false);
    } finally {
      t.cleanup();
    }
  });

  it('an --out that names a file is FILE_UNWRITABLE (not an internal error)', () => {
    const t = tempDir({
      'migration.yaml': demoConfig.replace('file: exports/orders.csv', 'file: orders.csv'),
      out: 'a file',
    });
    writeFileSync(join(t.dir, 'orders.csv'), demoSource);
    const r = kmigrate(['build', '--config', join(t.dir, 'migration.yaml'), '--out', join(t.dir, 'out')]);
    t.cleanup();
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^kmigrate: FILE_UNWRITABLE: The output folder .*out could not be created/);
  });

  it('a missing config file is CONFIG_NOT_FOUND', () => {
    const r = kmigrate(['build', '--config', join(fx.dir, 'nope.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kmigrate: CONFIG_NOT_FOUND/);
  });
});

describe('kmigrate build: details from a file of its own', () => {
  // CUST-0001's first details row is rejected (custom1 longer than 50): its second one is its row
  const extras = `Customer ID,Note\nCUST-0001,${'x'.repeat(60)}\nCUST-0001,short\nCUST-0001,third\n`;
  const config = demoConfig
    .replace('file: exports/orders.csv', 'file: orders.csv')
    .replace('sources:\n', 'sources:\n  - { name: extras, file: extras.csv }\n');
  const { out, run, cleanup } = buildDemo(
    `${config}
details:
  source: extras
  columns:
    customerId: { from: Customer ID }
    custom1: { from: Note }
`,
    { 'extras.csv': extras },
  );
  afterAll(cleanup);

  it('a customer whose first row is rejected keeps its next one, with no duplicate error', () => {
    expect(run.stderr).toBe('');
    expect(csvRows(join(out, 'additional-customer-details.csv')).slice(1)).toEqual([
      ['CUST-0001', 'short', '', '', '', ''],
    ]);
    const report = reportOf(out);
    expect(report.issues.filter((i) => i.code === 'DUPLICATE_DETAILS_ROW')).toEqual([]);
    const why = csvRows(join(out, 'rejects.csv'))
      .filter((r) => r[0] === 'extras')
      .map((r) => [r[3], r[5], r[6]]);
    expect(why).toEqual([
      ['1', 'rejected', 'LENGTH_EXCEEDED'],
      ['3', 'skipped', 'DUPLICATE_CUSTOMER_DETAILS'],
    ]);
    // the skipped row listed in rejects.csv is counted among the warnings too
    expect(
      report.issues.filter((i) => i.code === 'DUPLICATE_CUSTOMER_DETAILS').map((i) => [i.row, i.severity]),
    ).toEqual([[3, 'warning']]);
  });
});

describe('kmigrate build: notes and details from one file of their own', () => {
  const extras = `Customer ID,When,Note\nCUST-0001,2026-03-01 10:00,first\nCUST-0002,2026-03-02 10:00,second\nCUST-0002,2026-03-03 10:00,third\n`;
  const config = localDemoConfig.replace('sources:\n', 'sources:\n  - { name: extras, file: extras.csv }\n');
  const { out, run, cleanup } = buildDemo(
    `${config}
notes:
  source: extras
  columns:
    customerId: { from: Customer ID }
    dateCreated: { from: When }
    note: { from: Note }
details:
  source: extras
  columns:
    customerId: { from: Customer ID }
    custom1: { from: Note }
`,
    { 'extras.csv': extras },
  );
  afterAll(cleanup);

  it('counts each record of the file once: its accounting follows the first file that reads it (notes)', () => {
    expect(run.stderr).toBe('');
    expect(reportOf(out).accounting.extras).toEqual({ records: 3, used: 3, rejected: 0, skipped: 0 });
    // the details' duplicate is still listed
    expect(
      csvRows(join(out, 'rejects.csv'))
        .filter((r) => r[0] === 'extras')
        .map((r) => [r[1], r[3], r[6]]),
    ).toEqual([['details', '3', 'DUPLICATE_CUSTOMER_DETAILS']]);
  });
});

describe('kmigrate build: a lookup read by two outputs of one source', () => {
  const { out, run, cleanup } = buildDemo(`${localDemoConfig}
details:
  source: orders
  columns:
    customerId: { from: Customer ID }
    custom1: { from: Plan, lookup: plans, field: campaignId }
`);
  afterAll(cleanup);

  it("counts a missing key's records once, not once per output", () => {
    expect(run.stderr).toBe('');
    expect(reportOf(out).lookupTodo.plans).toEqual([{ value: 'Platinum Annual', rows: 1 }]);
  });
});

describe('kmigrate build: notes, details and a vendor template', () => {
  const extra = `
notes:
  source: orders
  columns:
    customerId: { from: Customer ID }
    dateCreated: { from: Created }
    note: { from: Plan }
details:
  source: orders
  columns:
    customerId: { from: Customer ID }
    custom1: { from: Gateway }
`;
  // a template may spell built-in columns in another case: written its way, checked by the built-in rules
  const template =
    'CustomerId,orderId,dateCreated,campaignId,productId,IsActiveRecurring,nextBillDate,PaySource,cardNumber,cardExpiryMonth,cardExpiryYear,achRoutingNumber,achAccountNumber,achAccountType,merchantId,merchantTxnId,txnType,subTotal,responseType,responseText,firstName,lastName,address1,address2,city,state,postalCode,country,emailAddress,phoneNumber,billShipSame,affiliateId\n';
  const config = demoConfig
    .replace('file: exports/orders.csv', 'file: orders.csv')
    .replace(
      '  timeZone: America/New_York      # dateCreated is written in this zone',
      '  timeZone: America/New_York\n  template: template.csv',
    );
  const t = buildDemo(`${config}${extra}`, { 'template.csv': template });
  const { out, run } = t;
  afterAll(t.cleanup);

  it('writes the three files; the Transactions file follows the template header exactly', () => {
    expect(run.stderr).toBe('');
    const header = readFileSync(join(out, 'transactions.csv'), 'utf8').split('\n')[0];
    expect(`${header}\n`).toBe(template);
    expect(readFileSync(join(out, 'customer-notes.csv'), 'utf8').split('\n')[0]).toBe(
      'customerId,dateCreated,note',
    );
    expect(readFileSync(join(out, 'additional-customer-details.csv'), 'utf8').split('\n')[0]).toBe(
      'customerId,custom1,custom2,custom3,custom4,custom5',
    );
    const report = reportOf(out);
    expect(Object.keys(report.outputs).sort()).toEqual(['details', 'notes', 'rejects', 'transactions']);
    const codes = report.issues.map((i) => i.code);
    expect(codes).toContain('TEMPLATE_UNKNOWN_COLUMN');
    expect(codes).toContain('MAP_TARGET_NOT_IN_TEMPLATE');
    expect(report.issues.filter((i) => i.code === 'TEMPLATE_NAME_CASE').map((i) => i.column)).toEqual([
      'CustomerId',
      'IsActiveRecurring',
      'PaySource',
    ]);
    // the rules still read the respelled columns: the demo's expired cards (paySource) and its
    // active subscriptions in the forecast (isActiveRecurring)
    expect(codes).toContain('CARD_EXPIRED');
    expect(report.forecast?.activeSubscriptions).toBe(11);
  });

  it('keeps one details row per customer and explains the rest in rejects.csv', () => {
    const details = csvRows(join(out, 'additional-customer-details.csv')).slice(1);
    const ids = details.map((r) => r[0]);
    expect(new Set(ids).size).toBe(ids.length);
    const skipped = csvRows(join(out, 'rejects.csv')).filter(
      (r) => r[1] === 'details' && r[6] === 'DUPLICATE_CUSTOMER_DETAILS',
    );
    const report = reportOf(out);
    expect(details.length + skipped.length).toBe(report.accounting.orders!.records);
    const txRejects = csvRows(join(out, 'rejects.csv')).filter((r) => r[1] === 'transactions');
    expect(txRejects.length).toBe(report.accounting.orders!.rejected + report.accounting.orders!.skipped);
  });

  it('each output passes kmigrate check', () => {
    for (const [file, kind] of [
      ['transactions.csv', 'transactions'],
      ['customer-notes.csv', 'notes'],
      ['additional-customer-details.csv', 'details'],
    ] as const) {
      const args = [
        'check',
        join(out, file),
        '--kind',
        kind,
        '--format',
        'json',
        '--import-date',
        '2026-12-01',
      ];
      if (kind === 'transactions') args.push('--template', join(t.dir, 'template.csv'));
      const r = kmigrate(args);
      expect([file, JSON.parse(r.stdout).errors]).toEqual([file, 0]);
    }
  });
});

describe('kmigrate build: currency markers in amounts', () => {
  // rows 1–3 of the demo export, their Amount marked with a currency
  const marked = ['€29.95', '29.95 EUR', 'USD 29.95'];
  const source = demoWithAmounts(marked);
  const config = localDemoConfig;
  const mismatches = (out: string) =>
    reportOf(out)
      .issues.filter((i) => i.code === 'MONEY_CURRENCY_MISMATCH')
      .map((i) => [i.row, i.column, i.severity]);

  it('the planted amounts are in the source', () => {
    for (const amount of marked) expect(source).toContain(`,${amount},`);
  });

  it('with no currency declared, USD is assumed: euro amounts are errors, never written as dollars', () => {
    const t = buildDemo(config, {}, source);
    try {
      expect(t.run.stderr).toBe('');
      expect(mismatches(t.out)).toEqual([
        [1, 'subTotal', 'error'],
        [2, 'subTotal', 'error'],
      ]);
      expect(t.run.stdout).toContain('USD is assumed');
      const written = csvRows(join(t.out, 'transactions.csv')).map((r) => r[1]);
      expect(written).not.toContain('5010');
      expect(written).not.toContain('5011');
    } finally {
      t.cleanup();
    }
  });

  it('with target.currency: EUR, euro amounts pass and the USD one is the error', () => {
    const eur = withCurrency(config, 'EUR');
    expect(eur).toContain('currency: EUR');
    const t = buildDemo(eur, {}, source);
    try {
      expect(t.run.stderr).toBe('');
      // the demo's other amounts are `$29.95`: dollars, now in a euro file
      const rows = mismatches(t.out).map(([row]) => row);
      expect(rows).toContain(3);
      expect(rows).not.toContain(1);
      expect(rows).not.toContain(2);
      expect(rows.length).toBe(source.split('\n').filter((l) => /,(?:\$|USD )[\d.]+,/.test(l)).length);
      const written = csvRows(join(t.out, 'transactions.csv'));
      const subTotal = (written[0] ?? []).indexOf('subTotal');
      expect(written.filter((r) => r[1] === '5010' || r[1] === '5011').map((r) => r[subTotal])).toEqual([
        '29.95',
        '29.95',
      ]);
    } finally {
      t.cleanup();
    }
  });

  it('a column currency wins over the target one; an unknown code is a configuration error', () => {
    const any = withCurrency(config, 'EUR').replace(
      'subTotal: { from: Amount }',
      'subTotal: { from: Amount, currency: any }',
    );
    expect(any).toContain('currency: any }');
    const t = buildDemo(any, {}, source);
    try {
      expect(mismatches(t.out)).toEqual([]);
    } finally {
      t.cleanup();
    }
    expectConfigError(withCurrency(config, 'EURO'), 'ISO 4217', source);
  });
});

describe('kmigrate build: dollar prefixes and the currency option', () => {
  // rows 1–4 of the demo export, their Amount with a dollar prefix the fixed list lacked
  const marked = ['AR$5.00', 'RD$5.00', 'J$5.00', 'TT$5.00'];
  const source = demoWithAmounts(marked);
  const config = localDemoConfig;
  const moneyIssues = (out: string) =>
    reportOf(out)
      .issues.filter((i) => i.code.startsWith('MONEY_') && i.row <= 4)
      .map((i) => [i.row, i.code]);

  it('with currency: ANY (any case) the prefixes are removed unchecked; with TTD only TT$ fits', () => {
    for (const amount of marked) expect(source).toContain(`,${amount},`);
    const any = buildDemo(
      config.replace('subTotal: { from: Amount }', 'subTotal: { from: Amount, currency: ANY }'),
      {},
      source,
    );
    try {
      expect(any.run.stderr).toBe('');
      expect(moneyIssues(any.out)).toEqual([]);
    } finally {
      any.cleanup();
    }
    const ttd = buildDemo(
      config.replace('subTotal: { from: Amount }', 'subTotal: { from: Amount, currency: TTD }'),
      {},
      source,
    );
    try {
      expect(moneyIssues(ttd.out)).toEqual([
        [1, 'MONEY_CURRENCY_MISMATCH'],
        [2, 'MONEY_CURRENCY_MISMATCH'],
        [3, 'MONEY_CURRENCY_MISMATCH'],
      ]);
      expect(ttd.run.stdout).toContain('marked AR$ (ARS)');
    } finally {
      ttd.cleanup();
    }
  });

  it('a currency on a column that is not money is a configuration error naming the column', () => {
    expectConfigError(
      config.replace('cardNumber: { from: Card Number }', 'cardNumber: { from: Card Number, currency: USD }'),
      'transactions.columns.cardNumber.currency: currency is a money option, but cardNumber is not read as money',
      source,
    );
  });
});

describe('kmigrate build: a dollar prefix after the amount (10.00 US$, 29.95 C$)', () => {
  // rows 1–2 of the demo export, their Amount with the prefix written after it
  const marked = ['10.00 US$', '29.95 C$'];
  const source = demoWithAmounts(marked);
  const config = localDemoConfig;
  const moneyIssues = (out: string) =>
    reportOf(out)
      .issues.filter((i) => i.code.startsWith('MONEY_') && i.row <= 2)
      .map((i) => [i.row, i.code]);
  const subTotals = (out: string) => {
    const rows = csvRows(join(out, 'transactions.csv'));
    const at = (rows[0] ?? []).indexOf('subTotal');
    return rows.filter((r) => r[1] === '5010' || r[1] === '5011').map((r) => [r[1], r[at]]);
  };

  it('reads it as the prefix before the amount: US$ fits USD, C$ is MONEY_CURRENCY_MISMATCH', () => {
    for (const amount of marked) expect(source).toContain(`,${amount},`);
    const t = buildDemo(config, {}, source);
    try {
      expect(t.run.stderr).toBe('');
      expect(moneyIssues(t.out)).toEqual([[2, 'MONEY_CURRENCY_MISMATCH']]);
      expect(t.run.stdout).toContain('marked C$ (CAD or NIO)');
      expect(subTotals(t.out)).toEqual([['5010', '10.00']]);
    } finally {
      t.cleanup();
    }
  });

  it('with target.currency: CAD, C$ fits and US$ is the mismatch', () => {
    const t = buildDemo(withCurrency(config, 'CAD'), {}, source);
    try {
      expect(t.run.stderr).toBe('');
      expect(moneyIssues(t.out)).toEqual([[1, 'MONEY_CURRENCY_MISMATCH']]);
      expect(subTotals(t.out)).toEqual([['5011', '29.95']]);
    } finally {
      t.cleanup();
    }
  });
});

describe('kmigrate build: a phone dummy that cannot be written as a US/CA number', () => {
  it('is a configuration error saying which form phoneNumber takes', () => {
    expectConfigError(
      localDemoConfig.replace('dummy: "1111111111"', 'dummy: "20000000000"'),
      'transactions.columns.phoneNumber.dummy: must be a US/CA number of 10 digits',
    );
  });
});

describe('kmigrate build: money options and target.currency: any', () => {
  const marked = ['€29.95', '29.95 GBP', 'TT$5.00'];
  const source = demoWithAmounts(marked);
  const config = localDemoConfig;

  it.each([
    ['cents: true', 'cents'],
    ["decimal: ','", 'decimal'],
    ['negative: absolute', 'negative'],
  ])(
    '%s on a column that is not money is a configuration error naming the column and the option',
    (option, name) => {
      expectConfigError(
        config.replace('orderId: { from: Order ID }', `orderId: { from: Order ID, ${option} }`),
        `transactions.columns.orderId.${name}: ${name} is a money option, but orderId is not read as money`,
        source,
      );
    },
  );

  it("target.currency: Any removes every money column's markers unchecked; a column currency still wins", () => {
    const any = buildDemo(withCurrency(config, 'Any'), {}, source);
    try {
      expect(any.run.stderr).toBe('');
      const report = reportOf(any.out);
      expect(report.issues.filter((i) => i.code.startsWith('MONEY_'))).toEqual([]);
      const rows = csvRows(join(any.out, 'transactions.csv'));
      const subTotal = (rows[0] ?? []).indexOf('subTotal');
      const txn = (rows[0] ?? []).indexOf('merchantTxnId');
      const planted = ['ch_880003', 'ch_880011', 'ch_880018'];
      expect(rows.filter((r) => planted.includes(r[txn] ?? '')).map((r) => [r[txn], r[subTotal]])).toEqual([
        ['ch_880003', '29.95'],
        ['ch_880011', '29.95'],
        ['ch_880018', '5.00'],
      ]);
    } finally {
      any.cleanup();
    }
    const gbp = buildDemo(
      withCurrency(config, 'any').replace(
        'subTotal: { from: Amount }',
        'subTotal: { from: Amount, currency: GBP }',
      ),
      {},
      source,
    );
    try {
      const report = reportOf(gbp.out);
      const rows = report.issues.filter((i) => i.code === 'MONEY_CURRENCY_MISMATCH').map((i) => i.row);
      expect(rows).toContain(1);
      expect(rows).toContain(3);
      expect(rows).not.toContain(2);
    } finally {
      gbp.cleanup();
    }
  });
});

describe('kmigrate build: a US phone number that cannot be dialled', () => {
  // row 1 of the demo export: its phone with area code 1xx; row 2 keeps the synthetic 555 number
  const lines = demoSource.toString('utf8').split('\n');
  lines[1] = (lines[1] ?? '').replace('(555) 201-8779', '(123) 456-7890');
  const t = buildDemo(localDemoConfig, {}, lines.join('\n'));
  afterAll(t.cleanup);

  it('writes it, with the warning PHONE_NANP_INVALID on its row only', () => {
    expect(lines[1]).toContain('(123) 456-7890');
    expect(t.run.stderr).toBe('');
    const report = reportOf(t.out);
    expect(
      report.issues.filter((i) => i.code === 'PHONE_NANP_INVALID').map((i) => [i.row, i.column, i.severity]),
    ).toEqual([[1, 'phoneNumber', 'warning']]);
    const rows = csvRows(join(t.out, 'transactions.csv'));
    const phone = (rows[0] ?? []).indexOf('phoneNumber');
    expect(rows.find((r) => r[1] === '5010')?.[phone]).toBe('1234567890');
  });
});

describe('kmigrate build and kmigrate check warn PHONE_NANP_INVALID on the same numbers', () => {
  // rows 1 and 6 of the demo export: exchange 0xx, area code 0xx (the demo's dummy is 1111111111)
  const lines = demoSource.toString('utf8').split('\n');
  lines[1] = (lines[1] ?? '').replace('(555) 201-8779', '(212) 056-7890');
  lines[6] = (lines[6] ?? '').replace('(555) 201-9411', '055-123-4567');
  // rows 10 and 11 (one customer): empty, filled with the dummy
  for (const row of [10, 11]) lines[row] = (lines[row] ?? '').replace('555.301.1918', '');
  const config = localDemoConfig;
  const flagged = (issues: Report['issues']) =>
    issues.filter((i) => i.code === 'PHONE_NANP_INVALID').map((i) => [i.row, i.column, i.severity]);

  it('build warns once per row (its normalizer; the final validation does not repeat it), check on its output on the same rows', () => {
    expect(lines[1]).toContain('(212) 056-7890');
    expect(lines[6]).toContain('055-123-4567');
    const t = buildDemo(config, {}, lines.join('\n'));
    try {
      expect(t.run.stderr).toBe('');
      const report = reportOf(t.out);
      expect(flagged(report.issues)).toEqual([
        [1, 'phoneNumber', 'warning'],
        [6, 'phoneNumber', 'warning'],
      ]);
      const out = join(t.out, 'transactions.csv');
      const check = kmigrate(['check', out, '--format', 'json', '--import-date', '2026-12-01']);
      const json = JSON.parse(check.stdout) as { issues: Report['issues'] };
      const rows = csvRows(out);
      const txn = (rows[0] ?? []).indexOf('merchantTxnId');
      const phone = (rows[0] ?? []).indexOf('phoneNumber');
      const warned = json.issues
        .filter((i) => i.code === 'PHONE_NANP_INVALID')
        .map((i) => [rows[i.row]?.[txn], rows[i.row]?.[phone]]);
      expect(warned).toEqual([
        ['ch_880003', '2120567890'],
        ['ch_880052', '0551234567'],
      ]);
      // the dummy fill (1111111111 in the demo) is warned by neither
      expect(rows.filter((r) => r[phone] === '1111111111').map((r) => r[txn])).toEqual([
        'ch_880204',
        're_880205',
      ]);
    } finally {
      t.cleanup();
    }
  });

  it('a phone column not read by the phone normalizer (normalize: text) is judged by the final validation', () => {
    const digits = [...lines];
    digits[1] = (digits[1] ?? '').replace('(212) 056-7890', '2120567890');
    digits[6] = (digits[6] ?? '').replace('055-123-4567', '0551234567');
    const t = buildDemo(
      config.replace(
        'phoneNumber: { from: Phone, dummy: "1111111111" }',
        'phoneNumber: { from: Phone, normalize: text }',
      ),
      {},
      digits.join('\n'),
    );
    try {
      expect(t.run.stderr).toBe('');
      const report = reportOf(t.out);
      expect(flagged(report.issues)).toEqual([
        [1, 'phoneNumber', 'warning'],
        [6, 'phoneNumber', 'warning'],
      ]);
    } finally {
      t.cleanup();
    }
  });
});

describe('kmigrate build: PHONE_NANP_INVALID, an 11-digit dummy, exchange 555 and an extension', () => {
  const lines = demoSource.toString('utf8').split('\n');
  const planted: [number, string, string][] = [
    [1, '(555) 201-8779', '1-000-000-0000'], // the dummy, with its leading 1
    [2, '(555) 201-8779', '(055) 555-1234'], // area code 0xx, exchange 555
    [6, '(555) 201-9411', '(123) 555-1234'], // area code 1xx, exchange 555
    [7, '(555) 201-9411', '212-056-7890 ext 12'], // exchange 0xx and an extension
    [10, '555.301.1918', ''], // empty: filled with the dummy
    [11, '555.301.1918', ''],
  ];
  for (const [row, from, to] of planted) lines[row] = (lines[row] ?? '').replace(from, to);
  const t = buildDemo(
    demoConfig
      .replace('file: exports/orders.csv', 'file: orders.csv')
      .replace('dummy: "1111111111"', 'dummy: "10000000000"'),
    {},
    lines.join('\n'),
  );
  afterAll(t.cleanup);

  it('flags the area codes 0xx and 1xx, not the dummy; the extension keeps its code and says both', () => {
    for (const [row, , to] of planted) expect(lines[row]).toContain(to);
    expect(t.run.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(t.out, 'report.json'), 'utf8')) as {
      issues: { code: string; row: number; message: string }[];
    };
    const phone = report.issues.filter((i) => i.code.startsWith('PHONE_') && i.row <= 7);
    expect(phone.map((i) => [i.row, i.code])).toEqual([
      [2, 'PHONE_NANP_INVALID'],
      [6, 'PHONE_NANP_INVALID'],
      [7, 'PHONE_EXTENSION_DROPPED'],
    ]);
    expect(phone[2]?.message).toContain('the exchange starts with 0');
  });

  it('writes the dummy in one form: the filled cells as the source cell holding it, 10 digits', () => {
    expect(lines[10]).not.toContain('555.301.1918');
    const report = reportOf(t.out);
    expect(
      report.issues.filter((i) => i.code === 'PHONE_DUMMY_FILLED' && i.row <= 11).map((i) => i.row),
    ).toEqual([10, 11]);
    const rows = csvRows(join(t.out, 'transactions.csv'));
    const phone = (rows[0] ?? []).indexOf('phoneNumber');
    const txn = (rows[0] ?? []).indexOf('merchantTxnId');
    const written = (id: string) => rows.find((r) => r[txn] === id)?.[phone];
    expect(written('ch_880003')).toBe('0000000000'); // 1-000-000-0000 in the source
    expect(written('ch_880204')).toBe('0000000000'); // empty in the source
    expect(written('re_880205')).toBe('0000000000');
  });
});
