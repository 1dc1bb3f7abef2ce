/**
 * The rebill forecast's store of finished subscription runs (range-forecast.ts): one fixed-size
 * record per run of a subscription's rows, kept in memory and past a threshold spilled to
 * hash-partitioned temp files, then merged per subscription at the end, so a customer whose rows
 * are split across the file is counted once, with its latest row and latest sale, in flat memory.
 * Records hold keyed hashes, row numbers, sortable date keys, amounts and dictionary ids: no
 * customer, product or card text reaches the disk.
 * @module
 */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onInterrupt } from '../core/index.js';
import { writeAll } from './cross-row-scan.js';
import { RunMerger } from './run-merger.js';
import { f64, type MergedSubscription, NO_ROW, type RunRecord, u32, WORDS } from './run-record.js';

/** Records kept in memory before a spill (each spill appends to every partition file). */
const MEMORY_RECORDS = 1 << 15;
/** Partition files, chosen by the top bits of the key's first lane. */
const PARTITION_BITS = 6;
const PARTITIONS = 1 << PARTITION_BITS;

/** Stores run records; {@link finish} merges them per subscription. One use. */
export class RunStore {
  readonly #tempRoot: string;
  readonly #rec = new Uint32Array(MEMORY_RECORDS * WORDS);
  #n = 0;
  #sorted: Uint32Array | null = null;
  #dir: string | null = null;
  #fds: number[] = [];
  #forget: (() => void) | null = null;

  constructor(tempRoot: string = tmpdir()) {
    this.#tempRoot = tempRoot;
  }

  push(r: RunRecord): void {
    if (this.#n === MEMORY_RECORDS) this.#spill();
    const rec = this.#rec;
    const o = this.#n++ * WORDS;
    rec[o] = r.keyA;
    rec[o + 1] = r.keyB;
    rec[o + 2] = r.firstRow;
    rec[o + 3] = r.lastRow;
    f64[0] = r.lastDate;
    rec[o + 4] = u32[0]!;
    rec[o + 5] = u32[1]!;
    rec[o + 6] = r.saleRow < 0 ? NO_ROW : r.saleRow;
    f64[0] = r.saleDate;
    rec[o + 7] = u32[0]!;
    rec[o + 8] = u32[1]!;
    f64[0] = r.cents;
    rec[o + 9] = u32[0]!;
    rec[o + 10] = u32[1]!;
    rec[o + 11] = r.nextBill;
    rec[o + 12] = r.merchant;
    rec[o + 13] = r.expiry;
    rec[o + 14] = r.strings;
  }

  /**
   * Merge the runs of each subscription and call `visit` once per subscription, in no particular
   * order (the object is reused between calls). Releases the temp files.
   */
  finish(visit: (merged: MergedSubscription) => void): void {
    const merger = new RunMerger();
    try {
      if (this.#dir === null) {
        merger.merge(this.#rec, this.#n, visit);
        return;
      }
      this.#spill();
      // one read buffer for every partition, grown to the largest (buffers are freed only by a GC)
      let rec = this.#rec;
      for (const fd of this.#fds) {
        const bytes = fstatSync(fd).size;
        if (rec.byteLength < bytes) rec = new Uint32Array(bytes / 4);
        const view = new Uint8Array(rec.buffer, 0, bytes);
        for (let at = 0; at < bytes; ) {
          const got = readSync(fd, view, at, bytes - at, at);
          if (got === 0) break;
          at += got;
        }
        merger.merge(rec, bytes / 4 / WORDS, visit);
      }
    } finally {
      this.dispose();
    }
  }

  /** Remove the temp files (idempotent). */
  dispose(): void {
    for (const fd of this.#fds) closeSync(fd);
    this.#fds = [];
    if (this.#dir !== null) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = null;
    this.#forget?.();
    this.#forget = null;
  }

  /** Append the records in memory to the partition files (grouped by partition, one write each). */
  #spill(): void {
    if (this.#dir === null) {
      const dir = mkdtempSync(join(this.#tempRoot, 'kmigrate-forecast-'));
      this.#dir = dir;
      this.#forget = onInterrupt(() => rmSync(dir, { recursive: true, force: true }));
      for (let p = 0; p < PARTITIONS; p++) this.#fds.push(openSync(join(dir, `r${p}.bin`), 'w+', 0o600));
    }
    const n = this.#n;
    const rec = this.#rec;
    this.#sorted ??= new Uint32Array(MEMORY_RECORDS * WORDS);
    const sorted = this.#sorted;
    const starts = new Int32Array(PARTITIONS + 1);
    for (let i = 0; i < n; i++) starts[(rec[i * WORDS]! >>> (32 - PARTITION_BITS)) + 1]!++;
    for (let p = 0; p < PARTITIONS; p++) starts[p + 1]! += starts[p]!;
    const at = starts.slice(0, PARTITIONS);
    for (let i = 0; i < n; i++) {
      const p = rec[i * WORDS]! >>> (32 - PARTITION_BITS);
      const to = at[p]!++ * WORDS;
      // word by word: a subarray per record would be an allocation
      for (let w = 0; w < WORDS; w++) sorted[to + w] = rec[i * WORDS + w]!;
    }
    for (let p = 0; p < PARTITIONS; p++) {
      const part = sorted.subarray(starts[p]! * WORDS, starts[p + 1]! * WORDS);
      if (part.length > 0)
        writeAll(this.#fds[p]!, new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
    }
    this.#n = 0;
  }
}
