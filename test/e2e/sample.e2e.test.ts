import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SampleReport } from '../../src/sample/index.js';
import { tempDir } from '../support/cli.js';
import { toCsv } from '../support/konnektive-rows.js';
import { fixtureRows } from './verify-fixture.js';
import { cli } from './verify-harness.js';

const input = toCsv(fixtureRows(40));
const t = tempDir({ 'in.csv': input });
afterAll(() => t.cleanup());

const lines = (path: string): string[] => readFileSync(path, 'utf8').trim().split('\n');
/** `kmigrate sample IN --size 12 -o OUT --cleartext-cards`. */
const sampleInto = (file: string, out: string) =>
  cli(['sample', file, '--size', '12', '-o', out, '--cleartext-cards']);

describe('kmigrate sample', () => {
  const args = (out: string, seed = '7') => [
    'sample',
    join(t.dir, 'in.csv'),
    '--size',
    '12',
    '--seed',
    seed,
    '-o',
    join(t.dir, out),
    '--import-date',
    '2026-06-01',
    '--cleartext-cards',
  ];

  it('writes sample.csv, remainder.csv and a report; whole customers, nothing lost', async () => {
    const r = await cli(args('a'));
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/sample: {4}12 customer\(s\), 24 row\(s\)/);
    const [header, ...rows] = input.trim().split('\n');
    const sample = lines(join(t.dir, 'a', 'sample.csv'));
    const remainder = lines(join(t.dir, 'a', 'remainder.csv'));
    expect(sample[0]).toBe(header);
    expect(remainder[0]).toBe(header);
    expect([...sample.slice(1), ...remainder.slice(1)].sort()).toEqual([...rows].sort());
    const report = JSON.parse(readFileSync(join(t.dir, 'a', 'report.json'), 'utf8')) as SampleReport;
    expect(report.sample).toEqual({ customers: 12, rows: 24 });
    expect(report.forecast.activeSubscriptions).toBe(40);
    expect(readFileSync(join(t.dir, 'a', 'report.html'), 'utf8')).toContain('Rebill forecast');
  });

  it('represents every stratum when --size is at least the number of strata', async () => {
    const first = JSON.parse(readFileSync(join(t.dir, 'a', 'report.json'), 'utf8')) as SampleReport;
    const n = String(first.strata.length);
    const r = await cli([
      'sample',
      join(t.dir, 'in.csv'),
      '--size',
      n,
      '-o',
      join(t.dir, 'all'),
      '--import-date',
      '2026-06-01',
      '--cleartext-cards',
    ]);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(t.dir, 'all', 'report.json'), 'utf8')) as SampleReport;
    expect(report.strata.filter((s) => s.sampled === 0)).toEqual([]);
    expect(readFileSync(join(t.dir, 'all', 'report.html'), 'utf8')).toContain('every stratum is represented');
  });

  it('is byte-identical for the same seed and differs for another', async () => {
    await cli(args('b'));
    await cli(args('c', '8'));
    const read = (d: string) => readFileSync(join(t.dir, d, 'sample.csv'), 'utf8');
    expect(read('b')).toBe(read('a'));
    expect(read('c')).not.toBe(read('a'));
  });

  it('without --cleartext-cards, refuses to leave card numbers in clear (SCAN_LEAK_DETECTED)', async () => {
    const r = await cli(args('leak').filter((a) => a !== '--cleartext-cards'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kmigrate: SCAN_LEAK_DETECTED: .*\d{6}\*{6}\d{4}/);
    expect(r.stderr).not.toMatch(/\d{13,}/);
    expect(existsSync(join(t.dir, 'leak', 'sample.csv'))).toBe(false);
    expect(existsSync(join(t.dir, 'leak', 'remainder.csv'))).toBe(false);
    // nor a report of the files that are gone
    expect(existsSync(join(t.dir, 'leak', 'report.json'))).toBe(false);
    expect(existsSync(join(t.dir, 'leak', 'report.html'))).toBe(false);
  });

  it('--id-columns customerId: card-shaped customer ids (NMI vault ids) of a tokenized file are no leak', async () => {
    // a published test number as one customer's id; vault tokens as every card
    const rows = fixtureRows(40).map((r) => ({
      ...r,
      cardNumber: 'tok_abcdefghijklmnopqrstuvwxyz',
      ...(r.customerId === 'C1' ? { customerId: '4012888888881881' } : {}),
    }));
    const ids = tempDir({ 'in.csv': toCsv(rows) });
    try {
      const run = (extra: string[]) =>
        cli([...args('ids').slice(0, 1), join(ids.dir, 'in.csv'), ...args('ids').slice(2, -1), ...extra]);
      const refused = await run([]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toMatch(/^kmigrate: SCAN_LEAK_DETECTED: .*column customerId/);
      const r = await run(['--id-columns', 'customerId']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const split = ['sample.csv', 'remainder.csv']
        .map((n) => readFileSync(join(t.dir, 'ids', n), 'utf8'))
        .join('');
      expect(split).toContain('4012888888881881,');
      // a card number in any other column is still one
      const bad = await run(['--id-columns', 'cardNumber']);
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/^kmigrate: USAGE: .*id columns among customerId/);
    } finally {
      ids.cleanup();
    }
  });

  it('--known-mids takes comma-separated whole numbers; anything else is a usage error (exit 2)', async () => {
    for (const bad of ['7 8', '7,,8', ',', 'seven']) {
      const r = await cli([...args('mids'), '--known-mids', bad]);
      expect(r.code, bad).toBe(2);
      expect(r.stderr, bad).toMatch(/^kmigrate: USAGE: .*comma-separated MIDs/);
    }
    const r = await cli([...args('mids'), '--known-mids', ' 7, 12 ', '--format', 'json']);
    expect(r.code).toBe(0);
  });

  it('keeps the line endings of its input: CRLF in, CRLF out; LF in, LF out', async () => {
    const crlf = tempDir({ 'in.csv': input.replaceAll('\n', '\r\n') });
    try {
      const r = await cli([...args('crlf').slice(0, 1), join(crlf.dir, 'in.csv'), ...args('crlf').slice(2)]);
      expect(r.code).toBe(0);
      for (const name of ['sample.csv', 'remainder.csv']) {
        const text = readFileSync(join(t.dir, 'crlf', name), 'utf8');
        expect(text.endsWith('\r\n'), name).toBe(true);
        expect(text.replaceAll('\r\n', ''), name).not.toMatch(/[\r\n]/);
      }
      // the same split as the LF input's, line for line
      const lf = readFileSync(join(t.dir, 'a', 'sample.csv'), 'utf8');
      expect(readFileSync(join(t.dir, 'crlf', 'sample.csv'), 'utf8')).toBe(lf.replaceAll('\n', '\r\n'));
    } finally {
      crlf.cleanup();
    }
    for (const name of ['sample.csv', 'remainder.csv'])
      expect(readFileSync(join(t.dir, 'a', name), 'utf8'), name).not.toContain('\r');
  });

  it('keeps CRLF when a quoted cell holds a bare LF (a multi-line cell from Excel)', async () => {
    const rows = fixtureRows(40);
    rows[0] = { ...rows[0], address2: 'Suite 4\nBack door' };
    const text = toCsv(rows).replaceAll('\n', '\r\n').replace('Suite 4\r\nBack door', 'Suite 4\nBack door');
    const multi = tempDir({ 'in.csv': text });
    try {
      const r = await cli([
        ...args('multi').slice(0, 1),
        join(multi.dir, 'in.csv'),
        ...args('multi').slice(2),
      ]);
      expect(r.code).toBe(0);
      const out = ['sample.csv', 'remainder.csv']
        .map((n) => readFileSync(join(t.dir, 'multi', n), 'utf8'))
        .join('');
      expect(out).toContain('"Suite 4\nBack door"');
      // every record ends with CRLF: the only bare LF is the one inside the cell
      expect(out.replaceAll('\r\n', '').match(/\n/g)).toHaveLength(1);
    } finally {
      multi.cleanup();
    }
  });

  it('writes LF for CR-only input (a layout the vendor importer does not read)', async () => {
    const cr = tempDir({ 'in.csv': input.replaceAll('\n', '\r') });
    try {
      const r = await cli([...args('cr').slice(0, 1), join(cr.dir, 'in.csv'), ...args('cr').slice(2)]);
      expect(r.code).toBe(0);
      const lf = readFileSync(join(t.dir, 'a', 'sample.csv'), 'utf8');
      expect(readFileSync(join(t.dir, 'cr', 'sample.csv'), 'utf8')).toBe(lf);
    } finally {
      cr.cleanup();
    }
  });

  it('reads a file whose header spells customerId as a vendor template does (CustomerID)', async () => {
    const [header = '', ...rows] = input.split('\n');
    const spelled = tempDir({
      'in.csv': [header.replace(/^customerId,/, 'CustomerID,'), ...rows].join('\n'),
    });
    try {
      const r = await cli([
        ...args('spelled').slice(0, 1),
        join(spelled.dir, 'in.csv'),
        ...args('spelled').slice(2),
      ]);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      // the same split as the file with the spec's spelling
      const sample = readFileSync(join(t.dir, 'spelled', 'sample.csv'), 'utf8');
      expect(sample.replace(/^CustomerID,/, 'customerId,')).toBe(
        readFileSync(join(t.dir, 'a', 'sample.csv'), 'utf8'),
      );
    } finally {
      spelled.cleanup();
    }
  });

  it('says how the split files differ from the input besides the rows (a trailing delimiter read without it)', async () => {
    const [header, ...rows] = input.trim().split('\n');
    const own = tempDir({ 'in.csv': `${[header, ...rows.map((r) => `${r},`)].join('\n')}\n` });
    try {
      const r = await sampleInto(join(own.dir, 'in.csv'), join(own.dir, 'o'));
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(
        `note: CSV_TRAILING_DELIMITER: ${rows.length} records had more fields than the header`,
      );
      const report = JSON.parse(readFileSync(join(own.dir, 'o', 'report.json'), 'utf8')) as SampleReport;
      expect(report.fileNotes.map((n) => n.code)).toEqual(['CSV_TRAILING_DELIMITER']);
      expect(readFileSync(join(own.dir, 'o', 'report.html'), 'utf8')).toContain('CSV_TRAILING_DELIMITER');
      // written as read: the header's width
      expect(
        [...lines(join(own.dir, 'o', 'sample.csv')), ...lines(join(own.dir, 'o', 'remainder.csv'))].filter(
          (l) => l !== header,
        ),
      ).toEqual(expect.arrayContaining([rows[0]]));
    } finally {
      own.cleanup();
    }
  });

  it('refuses -o a symbolic link to the folder of an input named sample.csv (exit 2, USAGE)', async () => {
    const own = tempDir({ 'sample.csv': input });
    try {
      symlinkSync(own.dir, join(own.dir, 'out'));
      const r = await sampleInto(join(own.dir, 'sample.csv'), join(own.dir, 'out'));
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^kmigrate: USAGE: The output .*out\/sample\.csv is the input file/);
      expect(readFileSync(join(own.dir, 'sample.csv'), 'utf8')).toBe(input);
      expect(existsSync(join(own.dir, 'report.json'))).toBe(false);
    } finally {
      own.cleanup();
    }
  });

  it.each(['sample.csv', 'remainder.csv'])(
    'refuses -o the folder of an input named %s before writing anything (exit 2, USAGE)',
    async (name) => {
      const own = tempDir({ [name]: input });
      try {
        const r = await cli([
          'sample',
          join(own.dir, name),
          '--size',
          '12',
          '-o',
          own.dir,
          '--cleartext-cards',
        ]);
        expect(r.code).toBe(2);
        expect(r.stderr).toBe(
          `kmigrate: USAGE: The output ${join(own.dir, name)} is the input file: the sample would replace it; write into another folder (-o) or rename the file.\n`,
        );
        expect(readFileSync(join(own.dir, name), 'utf8')).toBe(input);
        expect(existsSync(join(own.dir, 'report.json'))).toBe(false);
      } finally {
        own.cleanup();
      }
    },
  );

  it('refuses a file with a record the CSV reader could not read (exit 2), writing nothing', async () => {
    const [header = '', ...rows] = input.trim().split('\n');
    // the last record's quote never closes: it swallows the rest of the file
    const broken = `${[header, ...rows.slice(0, -1)].join('\n')}\n${rows.at(-1)?.replace(',', ',"')}\n`;
    const bad = tempDir({ 'x.csv': broken });
    const out = join(bad.dir, 'o');
    const r = await cli(['sample', join(bad.dir, 'x.csv'), '--size', '3', '-o', out, '--cleartext-cards']);
    bad.cleanup();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(
      /SAMPLE_INPUT_BROKEN: .*1 record\(s\) could not be read as CSV \(the first at line 81: CSV_UNCLOSED_QUOTE/,
    );
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(existsSync(join(out, 'sample.csv'))).toBe(false);
  });

  it('refuses a header-only file (exit 2, SAMPLE_EMPTY): verify would refuse the empty sample', async () => {
    const bad = tempDir({ 'x.csv': `${input.split('\n')[0]}\n` });
    const out = join(bad.dir, 'o');
    const r = await cli(['sample', join(bad.dir, 'x.csv'), '--size', '3', '-o', out]);
    bad.cleanup();
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^kmigrate: SAMPLE_EMPTY: .*has a header but no records/);
    expect(existsSync(join(out, 'sample.csv'))).toBe(false);
  });

  it('refuses a file without customerId (exit 2)', async () => {
    const bad = tempDir({ 'x.csv': 'a,b\n1,2\n' });
    const r = await cli(['sample', join(bad.dir, 'x.csv'), '--size', '1', '-o', join(bad.dir, 'o')]);
    bad.cleanup();
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SAMPLE_MISSING_COLUMN');
  });
});
