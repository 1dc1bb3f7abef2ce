/**
 * Differential test of the build's cross-row worker: a build forced onto the worker path (the
 * cross-row rules and the rebill forecast on a worker thread, from the build in dist/) must write
 * byte for byte what the single-thread build writes — transactions.csv, rejects.csv and the
 * report (issues, cross-row findings in order, forecast). Needs `npm run build` first.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { fullRow, TX_COLUMNS, type TxRow, toCsv } from '../../test/support/konnektive-rows.js';
import type { LoadedConfig } from '../config/index.js';
import type { BuildOptions, BuildResult } from './index.js';

const dist = (p: string): string => pathToFileURL(join(import.meta.dirname, '..', '..', 'dist', p)).href;
const { runBuild } = (await import(dist('pipeline/index.js'))) as {
  runBuild: (loaded: LoadedConfig, options: BuildOptions) => Promise<BuildResult>;
};
const { readConfig } = (await import(dist('config/index.js'))) as {
  readConfig: (path: string) => Promise<LoadedConfig>;
};
const { buildReport } = (await import(dist('report/index.js'))) as {
  buildReport: (r: BuildResult, meta: { version: string; configSha256: string }, f: object | null) => unknown;
};

const dir = mkdtempSync(join(tmpdir(), 'kmigrate-xrowtest-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Planted every few rows: cross-row findings, quoted (string-path) cells, rejects, forecast rows. */
const PLANTS: Partial<TxRow>[] = [
  { merchantTxnId: 'TXN1' },
  { lastName: 'Otherwood' },
  { txnType: 'REFUND', orderId: 'O-none' },
  { emailAddress: 'avery1@example.com' },
  { phoneNumber: '5552011001' },
  { lastName: 'Smith, Jr' },
  { address1: '1 Example Ave, Suite "B"' },
  { campaignId: 'abc' },
  { cardExpiryMonth: '13' },
  { firstName: ' Avery' },
  { nextBillDate: '2026-11-01' },
  { nextBillDate: '2026-12-02' },
  { isActiveRecurring: '0' },
  { cardNumber: '4111111111111111' },
  { merchantTxnId: 'TXN7', lastName: 'Comma, Again' },
  { txnType: 'REFUND' },
];

function rows(n: number): TxRow[] {
  return Array.from({ length: n }, (_, i) => {
    const plant = i % 5 === 2 ? PLANTS[((i / 5) % PLANTS.length) | 0] : undefined;
    return fullRow(i, plant ?? {});
  });
}

function config(source: string): string {
  const columns = TX_COLUMNS.map((c) => `    ${c}: { from: ${c} }`).join('\n');
  return `version: 1
target: { importDate: "2026-12-01", timeZone: America/New_York }
sources:
  - { name: orders, file: ${source}, timeZone: America/New_York }
transactions:
  source: orders
  columns:
${columns}
`;
}

async function build(name: string, source: string, options: Partial<BuildOptions>): Promise<string[]> {
  const cfg = join(dir, `${name}.yaml`);
  writeFileSync(cfg, config(source));
  const outDir = join(dir, name);
  const result = await runBuild(await readConfig(cfg), {
    outDir,
    today: '2026-11-20',
    cleartextCards: true,
    ...options,
  });
  const report = buildReport(result, { version: 'test', configSha256: 'x' }, result.forecast ?? null);
  return [
    readFileSync(join(outDir, 'transactions.csv'), 'utf8'),
    readFileSync(join(outDir, 'rejects.csv'), 'utf8'),
    JSON.stringify(report, null, 2),
  ];
}

describe('build with the cross-row worker writes what the single-thread build writes', () => {
  it('cross-row findings, quoted rows, rejects and the forecast', async () => {
    writeFileSync(join(dir, 'src.csv'), toCsv(rows(4000)));
    const one = await build('one', 'src.csv', {});
    const two = await build('two', 'src.csv', { crossRowWorkerMinBytes: 0 });
    expect(two[0]).toBe(one[0]);
    expect(two[1]).toBe(one[1]);
    expect(two[2]).toBe(one[2]);
    // the worker's index spilled and split: this thread scans half of its partition files
    const three = await build('three', 'src.csv', {
      crossRowWorkerMinBytes: 0,
      crossRowWorkerIndex: { memoryRecords: 1000, splitAbove: 100 },
    });
    expect(three).toEqual(one);
    for (const code of [
      'CUSTOMER_INCONSISTENT',
      'DUPLICATE_MERCHANT_TXN_ID',
      'REFUND_WITHOUT_SALE',
      'LIKELY_DUPLICATE_CUSTOMER',
    ])
      expect(one[2]).toContain(code);
    expect(one[0]).toContain('"Smith, Jr"');
    expect((one[1] ?? '').split('\n').length).toBeGreaterThan(10);
    expect(one[2]).toContain('activeSubscriptions');
  });

  it("customers' rows spread over the source: both forecast the written file again, the same", async () => {
    // a distinct dateCreated per row: the latest row of a subscription (which decides whether it is
    // active) is then the same in any row order
    const time = (i: number): string =>
      [Math.floor(i / 3600), Math.floor(i / 60) % 60, i % 60]
        .map((n) => String(n).padStart(2, '0'))
        .join(':');
    const all = rows(3000).map((r, i) => ({ ...r, dateCreated: `2026-03-01 ${time(i)}` }));
    writeFileSync(
      join(dir, 'spread.csv'),
      toCsv([0, 1, 2].flatMap((k) => all.filter((_, i) => i % 3 === k))),
    );
    const one = await build('spread-one', 'spread.csv', {});
    const two = await build('spread-two', 'spread.csv', { crossRowWorkerMinBytes: 0 });
    expect(two).toEqual(one);
    // the same subscriptions as the grouped source of the same rows (only the counts are compared:
    // examples are chosen by first row, which the order changes)
    writeFileSync(join(dir, 'grouped.csv'), toCsv(all));
    const grouped = await build('grouped', 'grouped.csv', {});
    const count = (report: string | undefined): number =>
      JSON.parse(report ?? '{}').forecast.activeSubscriptions;
    expect(count(one[2])).toBe(count(grouped[2]));
    expect(count(one[2])).toBeGreaterThan(1000);
  });

  it('a build stopped midway stops the worker and removes its temp folder', async () => {
    // vault tokens in cardNumber, then a card number in clear at row 3500: batches are in flight
    const token = `tok_${'a'.repeat(26)}`;
    const leaky = rows(4000).map((r, i) => ({ ...r, cardNumber: i === 3500 ? '4111111111111111' : token }));
    writeFileSync(join(dir, 'leak.csv'), toCsv(leaky));
    const before = readdirSync(tmpdir()).filter((n) => n.startsWith('kmigrate-xrow-')).length;
    await expect(
      build('leak', 'leak.csv', { crossRowWorkerMinBytes: 0, cleartextCards: false }),
    ).rejects.toMatchObject({ code: 'SCAN_LEAK_DETECTED', message: expect.stringContaining('row 350') });
    const after = readdirSync(tmpdir()).filter((n) => n.startsWith('kmigrate-xrow-')).length;
    expect(after).toBe(before);
  });

  it('an empty source', async () => {
    writeFileSync(join(dir, 'empty.csv'), toCsv([]));
    const one = await build('one-empty', 'empty.csv', {});
    const two = await build('two-empty', 'empty.csv', { crossRowWorkerMinBytes: 0 });
    expect(two).toEqual(one);
  });
});
