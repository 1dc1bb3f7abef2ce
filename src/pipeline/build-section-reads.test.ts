import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { readConfig } from '../config/index.js';
import { runBuild } from './build.js';
import { CONFIG, HEADER } from './section-config.test-helper.js';

/** Records every reader of the build handed out, over all reads of the source. */
const handedOut = { records: 0 };
vi.mock('./source-reader.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('./source-reader.js')>();
  return {
    ...original,
    openSource: async (...args: Parameters<typeof original.openSource>) => {
      const reader = await original.openSource(...args);
      return {
        ...reader,
        header: reader.header,
        fileIssues: reader.fileIssues,
        close: () => reader.close(),
        async *batches() {
          for await (const batch of reader.batches()) {
            handedOut.records += batch.length;
            yield batch;
          }
        },
      };
    },
  };
});

const root = mkdtempSync(join(tmpdir(), 'kmigrate-reads-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An export in time order that starts on the 1st of a month: a minute per row, 12 days before a day > 12. */
function source(rows: number, perDay: number): string {
  const lines = [HEADER];
  for (let i = 0; i < rows; i++) {
    const day = 1 + Math.floor(i / perDay);
    const minute = i % 60;
    lines.push(`C${i},O${i},1/${day}/2026 10:${String(minute).padStart(2, '0')} AM,29.95,approved`);
  }
  return `${lines.join('\n')}\n`;
}

describe('build: a file whose first records prove no month/day order', () => {
  it('reads on only to the first proof before the transform, not the whole file twice', async () => {
    const rows = 6000;
    writeFileSync(join(root, 'orders.csv'), source(rows, 200)); // day 13 from row 2,401
    writeFileSync(join(root, 'm.yaml'), CONFIG.replace('__HINT__', ''));
    const loaded = await readConfig(join(root, 'm.yaml'));
    const results = [];
    const outputs = [];
    for (const twoReads of [false, true]) {
      handedOut.records = 0;
      const outDir = join(root, twoReads ? 'two' : 'one');
      // the progress reported: the inference read's rows, then the transform's from row 1 again
      const progress: [string, number][] = [];
      const onProgress = (_section: string, row: number, phase?: 'inference') =>
        progress.push([phase ?? 'transform', row]);
      results.push({
        result: await runBuild(loaded, { outDir, today: '2026-12-01', twoReads, onProgress }),
        read: handedOut.records,
        progress,
      });
      outputs.push(readFileSync(join(outDir, 'transactions.csv'), 'utf8'));
    }
    const [one, two] = results;
    for (const r of [one, two]) {
      const phases = r?.progress.map(([phase]) => phase) ?? [];
      expect(phases.indexOf('transform')).toBeGreaterThan(0);
      expect(phases.lastIndexOf('inference')).toBeLessThan(phases.indexOf('transform'));
      expect(r?.progress.at(-1)).toEqual(['transform', rows]);
    }
    // one read to the proof (row 2,401's batch) before the transform; with twoReads to the end
    expect(one?.progress.filter(([p]) => p === 'inference').at(-1)?.[1]).toBeLessThan(4000);
    expect(two?.progress.filter(([p]) => p === 'inference').at(-1)?.[1]).toBe(rows);
    expect(outputs[0]).toBe(outputs[1]);
    expect(one?.result).toEqual(two?.result);
    expect(one?.result.inference.transactions?.dateCreated?.dateFormat).toBe('MDY');
    expect(two?.read).toBe(2 * rows);
    // the transform's read, and the first read up to the batch holding row 2,401
    expect(one?.read).toBeGreaterThan(rows + 2400);
    expect(one?.read).toBeLessThan(rows + 4000);
  });
});
