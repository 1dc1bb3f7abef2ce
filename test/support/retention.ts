/**
 * How much heap what a function keeps holds: the guard against keeping slices of the CSV door's
 * text (core/detach.ts), where each kept cell of 20 characters would hold a 64 KiB chunk.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Cells kept per measurement, each cut from its own 64 KiB text: ~26 MB when they hold them. */
export const CHUNKS = 400;

/**
 * Heap bytes still used after `take` was given {@link CHUNKS} cells of 24 characters, each a
 * slice of its own 64 KiB text that is then dropped (`take` decides what to keep of them).
 */
export function heapKeptBy(take: (cell: string, i: number) => void): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < CHUNKS; i++) {
    const chunk = `${String(i).padStart(8, '0')}`.repeat(8192);
    take(chunk.slice(16, 40), i);
  }
  gc();
  return process.memoryUsage().heapUsed - before;
}
