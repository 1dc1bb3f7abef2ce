import { describe, expect, it } from 'vitest';
import { openCsv } from '../csv/index.js';
import { packBatch, unpackBatch } from './batch-message.js';

/** Every record of `text`, packed in pieces of `step` records and unpacked, as field lists. */
async function roundTrip(text: string, step: number): Promise<(readonly string[])[]> {
  const reader = await openCsv(Buffer.from(text), { file: 'mem.csv' });
  const out: (readonly string[])[] = [];
  for await (const batch of reader.rangeBatches()) {
    for (let from = 0; from < batch.count; from += step) {
      const { message } = packBatch(batch, from, Math.min(batch.count, from + step));
      const unpacked = unpackBatch(message);
      for (let i = 0; i < unpacked.count; i++) out.push(unpacked.records[i]?.fields ?? unpacked.fields(i));
    }
  }
  return out;
}

describe('packBatch', () => {
  const rows = Array.from({ length: 5000 }, (_, i) => [
    `C${i}`,
    i % 7 === 0 ? `"q,${i}"` : `v${i}`,
    `${i % 3}`,
  ]);
  const text = `a,b,c\n${rows.map((r) => r.join(',')).join('\n')}\n`;
  const want = rows.map((r) => r.map((c) => c.replace(/^"(.*)"$/, '$1')));

  it('keeps every field whether a piece is a whole batch (boundaries copied) or a part of one (rebased)', async () => {
    expect(await roundTrip(text, 1 << 20)).toEqual(want);
    expect(await roundTrip(text, 100)).toEqual(want);
    expect(await roundTrip(text, 1)).toEqual(want);
  });
});
