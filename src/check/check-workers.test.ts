/**
 * Differential test of the two-thread check: the worker path (read worker + check worker, run
 * from the build in dist/, like the e2e tests) must report exactly what the in-process path
 * reports — issues, rows, lines, columns, order, counts, forecast — on planted-error files.
 * Needs `npm run build` first.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fullRow, TX_COLUMNS, type TxRow } from '../../test/support/konnektive-rows.js';
import { type CheckFileOptions, type CheckResult, checkFile } from './index.js';

type CheckFn = (path: string, options: CheckFileOptions) => Promise<CheckResult>;
const built = (await import(
  pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', 'check', 'index.js')).href
)) as { checkFile: CheckFn };

const dir = mkdtempSync(join(tmpdir(), 'kmigrate-workers-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bad cells planted every few rows: column errors, same-row warnings, cross-row findings. */
const PLANTS: Partial<TxRow>[] = [
  { dateCreated: '2026-13-04 10:11:12' },
  { campaignId: 'abc' },
  { nextBillDate: '' },
  { paySource: 'creditcard' },
  { cardNumber: '4.11111E+15' },
  { cardExpiryMonth: '9' },
  { subTotal: '29,95' },
  { emailAddress: 'avery@' },
  { phoneNumber: '(555) 201-1000' },
  { firstName: ' Avery' },
  { nextBillDate: '2026-11-01' },
  { nextBillDate: '2026-12-02' },
  { cardExpiryYear: '2026', cardExpiryMonth: '01' },
  { merchantTxnId: 'TXN1' },
  { lastName: 'Otherwood' },
  { txnType: 'REFUND', orderId: 'O-none' },
  { address2: 'Apt 4\nFloor 2' },
  { responseText: 'said "ok", twice' },
  { city: 'Montréal', country: 'CA', state: 'QC', postalCode: 'H2X 1Y4' },
  { postalCode: '627' },
  // PHONE_NANP_INVALID: flagged in a US, PR or country-less row; not in a GB row, nor a dummy
  { phoneNumber: '2120567890' },
  { phoneNumber: '10551234567', country: '' },
  { phoneNumber: '2120567890', country: 'PR', state: 'PR', postalCode: '00901' },
  { phoneNumber: '2120567890', country: 'GB', state: 'LND', postalCode: 'SW1A 1AA' },
  { phoneNumber: '1111111111' },
  { phoneNumber: '5550104477' },
];

function plantedRows(n: number): string[][] {
  return Array.from({ length: n }, (_, i) => {
    const plant = i % 7 === 3 ? PLANTS[((i / 7) % PLANTS.length) | 0] : undefined;
    const row = fullRow(i, plant ?? {});
    return TX_COLUMNS.map((c) => row[c] ?? '');
  });
}

function csvText(rows: string[][], eol = '\n'): string {
  const quote = (v: string): string => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const lines = [TX_COLUMNS.join(','), ...rows.map((r) => r.map(quote).join(','))];
  return `${lines.join(eol)}${eol}`;
}

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function both(path: string, extra: Partial<CheckFileOptions> = {}): Promise<CheckResult> {
  const options: CheckFileOptions = { importDate: '2026-12-01', ...extra };
  const here = await checkFile(path, { ...options, worker: false });
  const workers = await built.checkFile(path, { ...options, worker: true });
  const builtHere = await built.checkFile(path, { ...options, worker: false });
  expect(workers).toEqual(here);
  expect(JSON.stringify(workers)).toBe(JSON.stringify(here));
  expect(builtHere).toEqual(here);
  return workers;
}

describe('check on two threads reports what the in-process check reports', () => {
  it('planted column, same-row and cross-row issues, quoted newlines and doubled quotes', async () => {
    const r = await both(write('planted.csv', csvText(plantedRows(3000))));
    expect(r.rows).toBe(3000);
    expect(r.errors).toBeGreaterThan(100);
    expect(Object.keys(r.countsByCode)).toEqual(
      expect.arrayContaining([
        'TYPE_DATETIME',
        'NEXT_BILL_DATE_PAST',
        'CARD_EXPIRED',
        'DUPLICATE_MERCHANT_TXN_ID',
        'CUSTOMER_INCONSISTENT',
        'REFUND_WITHOUT_SALE',
        'VALUE_WHITESPACE',
        'PHONE_NANP_INVALID',
      ]),
    );
    expect(r.issues.some((i) => i.line !== null && i.row !== null && i.line > i.row + 1)).toBe(true);
    // three of the six phone plants are flagged, each planted every 7 × 26 rows
    const nanp = r.issues.filter((i) => i.code === 'PHONE_NANP_INVALID');
    expect(nanp.length).toBe(r.countsByCode.PHONE_NANP_INVALID);
    const planted = plantedRows(3000).map((row) => row[TX_COLUMNS.indexOf('phoneNumber')]);
    expect(new Set(nanp.map((i) => planted[(i.row ?? 0) - 1]))).toEqual(
      new Set(['2120567890', '10551234567']),
    );
    const plantedCountry = plantedRows(3000).map((row) => row[TX_COLUMNS.indexOf('country')]);
    expect(new Set(nanp.map((i) => plantedCountry[(i.row ?? 0) - 1]))).toEqual(new Set(['US', '', 'PR']));
  });

  it('CRLF line endings and a BOM', async () => {
    const text = csvText(plantedRows(1500), '\r\n');
    await both(write('crlf-bom.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])));
  });

  it('Windows-1252 text', async () => {
    const r = await both(write('cp1252.csv', Buffer.from(csvText(plantedRows(1500)), 'latin1')));
    expect(r.rows).toBe(1500);
  });

  it('ragged rows, a malformed quote, and the issue cap', async () => {
    const lines = csvText(plantedRows(1200)).split('\n');
    lines[10] = lines[10]!.split(',').slice(0, 40).join(',');
    lines[20] = `${lines[20]},extra`;
    lines[30] = lines[30]!.replace('Apt 4', 'Apt "4"');
    const r = await both(write('ragged.csv', lines.join('\n')), { maxIssues: 50 });
    expect(r.countsByCode.CSV_RAGGED_ROW).toBe(2);
    expect(r.truncated).toBeGreaterThan(0);
  });

  it('a 100K-row file (many batches, cross-row state across them)', async () => {
    const rows = plantedRows(100_000);
    const r = await both(write('big.csv', csvText(rows)));
    expect(r.rows).toBe(100_000);
    expect(r.forecast?.activeSubscriptions).toBeGreaterThan(0);
    // either path reports progress every ~64K rows (not per batch)
    for (const worker of [true, false]) {
      const progress: number[] = [];
      await built.checkFile(join(dir, 'big.csv'), {
        importDate: '2026-12-01',
        worker,
        onProgress: (n) => progress.push(n),
      });
      expect([worker, progress.length]).toEqual([worker, 1]);
      expect(progress[0]).toBeGreaterThanOrEqual(65_536);
    }
  }, 300_000);

  it("customers' rows spread over the file: the read worker forecasts it again, exactly", async () => {
    const rows = plantedRows(6000);
    const spread = [0, 1, 2].flatMap((k) => rows.filter((_, i) => i % 3 === k));
    const r = await both(write('spread.csv', csvText(spread)));
    expect(r.forecast?.activeSubscriptions).toBeGreaterThan(1000);
  });

  it('a header-only file (no records)', async () => {
    const r = await both(write('header-only.csv', `${TX_COLUMNS.join(',')}\n`));
    expect(r.countsByCode.FILE_NO_RECORDS).toBe(1);
  });

  it('a read failure in the read worker surfaces as the same ToolkitError', async () => {
    const lines = csvText(plantedRows(2000)).split('\n');
    lines[1500] = lines[1500]!.replace('Apt 4', `"${'x'.repeat(5000)}`);
    const path = write('too-large.csv', lines.join('\n'));
    const options: CheckFileOptions = { importDate: '2026-12-01', csv: { maxRecordBytes: 4096 } };
    const here = await checkFile(path, { ...options, worker: false }).catch((e: unknown) => e);
    const workers = await built.checkFile(path, { ...options, worker: true }).catch((e: unknown) => e);
    expect(here).toMatchObject({ name: 'ToolkitError', code: 'CSV_RECORD_TOO_LARGE' });
    expect(workers).toMatchObject({ name: 'ToolkitError', code: 'CSV_RECORD_TOO_LARGE' });
    expect((workers as Error).message).toBe((here as Error).message);
  });
});
