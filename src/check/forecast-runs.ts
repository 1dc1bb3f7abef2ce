/**
 * The rebill forecast's store of finished subscription runs (range-forecast.ts): one fixed-size
 * record per run of a subscription's rows, kept in memory and past a threshold spilled to
 * hash-partitioned temp files, then merged per subscription at the end, so a customer whose rows
 * are split across the file is counted once, with its latest row and latest sale, in flat memory.
 * Records hold keyed hashes, row numbers, sortable date keys, amounts and dictionary ids: no
 * customer, product or card text reaches the disk.
 * @module
 */
import { fstatSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { writeAll } from './cross-row-scan.js';
import { RunMerger } from './run-merger.js';
import { f64, type MergedSubscription, NO_ROW, type RunRecord, u32, WORDS } from './run-record.js';
import { TempFiles } from './temp-files.js';

/** Records kept in memory before the store goes to its partition files. */
const MEMORY_RECORDS = 1 << 15;
/** Partition files, chosen by the top bits of the key's first lane. */
const PARTITION_BITS = 6;
const PARTITIONS = 1 << PARTITION_BITS;
/** Records buffered per partition before they are appended to its file. */
const PART_RECORDS = MEMORY_RECORDS / PARTITIONS;

function partitionOf(keyA: number): number {
  return keyA >>> (32 - PARTITION_BITS);
}

/** Write record `r` at word `o` of `rec`. */
function store(rec: Uint32Array, o: number, r: RunRecord): void {
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
 * Stores run records; {@link finish} merges them per subscription. Up to {@link MEMORY_RECORDS}
 * records stay in one buffer; past that every record goes to a small buffer of its partition,
 * appended to the partition's file when full. One use.
 */
export class RunStore {
  readonly #tempRoot: string;
  readonly #rec = new Uint32Array(MEMORY_RECORDS * WORDS);
  #n = 0;
  /** Per partition, once the store has gone to files: its buffer and how many records it holds. */
  #parts: Uint32Array[] | null = null;
  readonly #partCount = new Int32Array(PARTITIONS);
  #files: TempFiles | null = null;

  constructor(tempRoot: string = tmpdir()) {
    this.#tempRoot = tempRoot;
  }

  push(r: RunRecord): void {
    const parts = this.#parts;
    if (parts === null) {
      if (this.#n < MEMORY_RECORDS) {
        store(this.#rec, this.#n++ * WORDS, r);
        return;
      }
      this.#toFiles();
      this.push(r);
      return;
    }
    const p = partitionOf(r.keyA);
    const count = this.#partCount;
    if (count[p] === PART_RECORDS) this.#flushPart(p);
    store(parts[p]!, count[p]!++ * WORDS, r);
  }

  /**
   * Merge the runs of each subscription and call `visit` once per subscription, in no particular
   * order (the object is reused between calls). Releases the temp files.
   */
  finish(visit: (merged: MergedSubscription) => void): void {
    const merger = new RunMerger();
    try {
      if (this.#parts === null) {
        merger.merge(this.#rec, this.#n, visit);
        return;
      }
      for (let p = 0; p < PARTITIONS; p++) this.#flushPart(p);
      // one read buffer for every partition, grown to the largest (buffers are freed only by a GC)
      let rec = this.#rec;
      for (const fd of (this.#files as TempFiles).fds) {
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
    this.#files?.dispose();
    this.#files = null;
  }

  /** Open the partition files and move the records in memory to them. */
  #toFiles(): void {
    const files = new TempFiles(this.#tempRoot, 'kmigrate-forecast-');
    this.#files = files;
    for (let p = 0; p < PARTITIONS; p++) files.open(`r${p}.bin`);
    const parts = Array.from({ length: PARTITIONS }, () => new Uint32Array(PART_RECORDS * WORDS));
    this.#parts = parts;
    const rec = this.#rec;
    const count = this.#partCount;
    for (let i = 0; i < this.#n; i++) {
      const p = partitionOf(rec[i * WORDS]!);
      if (count[p] === PART_RECORDS) this.#flushPart(p);
      // word by word: a subarray per record would be an allocation
      const to = count[p]!++ * WORDS;
      for (let w = 0; w < WORDS; w++) parts[p]![to + w] = rec[i * WORDS + w]!;
    }
    this.#n = 0;
  }

  /** Append partition p's buffered records to its file. */
  #flushPart(p: number): void {
    const n = this.#partCount[p]!;
    if (n === 0) return;
    const part = this.#parts![p]!;
    writeAll((this.#files as TempFiles).fds[p]!, new Uint8Array(part.buffer, 0, n * WORDS * 4));
    this.#partCount[p] = 0;
  }
}
