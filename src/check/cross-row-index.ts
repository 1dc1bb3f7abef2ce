/**
 * Cross-row rules over files of any size with flat memory: every row contributes small fixed-size
 * records (rule kind, 64-bit keyed hash of the key, row, 32-bit value). They are kept in typed
 * arrays and, past a threshold, spilled to hash-partitioned temp files; at the end each partition
 * is scanned with an open-addressing table. Temp files hold only keyed hashes and row numbers.
 * @module
 */
import { closeSync, openSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  bucketSort,
  CHUNK_RECORDS,
  type FindingSink,
  KIND_CARD_OWNER,
  KIND_DETAILS_CUSTOMER,
  KIND_EMAIL_OWNER,
  KIND_ORDER,
  KIND_PHONE_OWNER,
  KIND_TXN_ID,
  PartitionScanner,
  type ScanFinding,
  SPLIT_ABOVE,
  WORDS,
  writeAll,
} from './cross-row-scan.js';
import { hash64, hashBegin, hashEnd, lanes, randomSeeds } from './hash64.js';
import { TempFiles } from './temp-files.js';

/** The rules a record can feed. Values are stable: they are written into temp files. */
export const RuleKind = {
  sameName: 1,
  sameAddress: 2,
  sameEmail: 3,
  samePhone: 4,
  txnId: KIND_TXN_ID,
  emailOwner: KIND_EMAIL_OWNER,
  phoneOwner: KIND_PHONE_OWNER,
  cardOwner: KIND_CARD_OWNER,
  order: KIND_ORDER,
  /** A customerId in an Additional Customer Details file (one row per customer). */
  detailsCustomer: KIND_DETAILS_CUSTOMER,
} as const;
export type RuleKindValue = (typeof RuleKind)[keyof typeof RuleKind];

/** A cross-row finding: the rule, the row it is reported at, and the earlier row it relates to. */
export interface CrossRowFinding {
  readonly kind: RuleKindValue;
  readonly row: number;
  readonly firstRow: number;
}

/** How many findings a scan had, and the one at the lowest row (see CrossRowIndex.countFindings). */
export interface FindingCount {
  readonly count: number;
  readonly first: CrossRowFinding | null;
}

/** Findings as (kind, row, firstRow) triples (transferable between threads). */
export function packFindings(findings: readonly CrossRowFinding[]): Int32Array {
  const out = new Int32Array(findings.length * 3);
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    out[3 * i] = f.kind;
    out[3 * i + 1] = f.row;
    out[3 * i + 2] = f.firstRow;
  }
  return out;
}

/**
 * Scans the given partition files elsewhere (e.g. on another thread, with
 * {@link scanPartitionFiles}) and resolves with their findings, packed.
 */
export type PartitionHelper = (paths: readonly string[], splitAbove: number) => Promise<Int32Array>;

/** Scan partition files of a {@link CrossRowIndex} (the share a {@link PartitionHelper} was given). */
export function scanPartitionFiles(paths: readonly string[], splitAbove: number): Int32Array {
  const findings: ScanFinding[] = [];
  const scanner = new PartitionScanner(findings, splitAbove);
  for (const path of paths) {
    const fd = openSync(path, 'r');
    try {
      scanner.scanFile(fd, dirname(path), LOG2_PARTITIONS);
    } finally {
      closeSync(fd);
    }
  }
  return packFindings(findings as CrossRowFinding[]);
}

/** Order flags for {@link RuleKind.order}. */
export { ORDER_REFUND, ORDER_SALE } from './cross-row-scan.js';

/** Hash partitions of the temp files (each split further while it is scanned if it is large). */
const PARTITIONS = 64;
const LOG2_PARTITIONS = Math.log2(PARTITIONS);

/** Options for {@link CrossRowIndex}. */
export interface CrossRowIndexOptions {
  /** Records kept in memory before spilling to temp files. */
  readonly memoryRecords?: number;
  readonly tempDir?: string;
  /** Records above which a partition is split before it is scanned (tests lower it). */
  readonly splitAbove?: number;
}

let threadTempRoot: string | null = null;

/**
 * Where the indexes of this thread put their temp folders (default: the OS temp folder). A check
 * worker is given a folder its parent thread removes if the process is interrupted.
 */
export function setCrossRowTempRoot(dir: string): void {
  threadTempRoot = dir;
}

/** Where this thread's temp folders go (see {@link setCrossRowTempRoot}). */
export function crossRowTempRoot(): string {
  return threadTempRoot ?? tmpdir();
}

export class CrossRowIndex {
  readonly #seeds = randomSeeds();
  readonly #cap: number;
  readonly #tempRoot: string;
  readonly #splitAbove: number;
  /** Records in memory, interleaved (kind, k1, k2, row, value). */
  readonly #rec: Uint32Array;
  /** A slice of records ordered by partition while spilling (allocated at the first spill). */
  #sorted: Uint32Array | null = null;
  #n = 0;
  #files: TempFiles | null = null;
  #spilled = 0;

  constructor(options: CrossRowIndexOptions = {}) {
    this.#cap = options.memoryRecords ?? 1 << 18;
    this.#tempRoot = options.tempDir ?? crossRowTempRoot();
    this.#splitAbove = options.splitAbove ?? SPLIT_ABOVE;
    this.#rec = new Uint32Array(this.#cap * WORDS);
  }

  /** A keyed 32-bit hash of a value (used as a record's value, e.g. a customer identity). */
  value(text: string): number {
    hash64(text, this.#seeds[1], this.#seeds[0]);
    return lanes[0] ?? 0;
  }

  /** Start hashing a value piece by piece (see hash64.ts); finish with {@link endValue}. */
  beginValue(): void {
    hashBegin(this.#seeds[1], this.#seeds[0]);
  }

  /** The value hashed since {@link beginValue}; equals `value(the concatenated pieces)`. */
  endValue(): number {
    hashEnd();
    return lanes[0] ?? 0;
  }

  /** Add one record. Rows must be added in increasing order. */
  add(kind: RuleKindValue, key: string, row: number, value: number): void {
    hash64(key, (this.#seeds[0] + Math.imul(kind, 0x9e3779b9)) >>> 0, this.#seeds[1]);
    this.#push(kind, row, value);
  }

  /** Start hashing a key piece by piece (see hash64.ts); finish with {@link endKey}. */
  beginKey(kind: RuleKindValue): void {
    hashBegin((this.#seeds[0] + Math.imul(kind, 0x9e3779b9)) >>> 0, this.#seeds[1]);
  }

  /** Add the record whose key was hashed since {@link beginKey}; same as `add` with the whole key. */
  endKey(kind: RuleKindValue, row: number, value: number): void {
    hashEnd();
    this.#push(kind, row, value);
  }

  /**
   * Add a record of another kind with the key hash of the last {@link endKey} (nothing hashed in
   * between): records meet by (kind, key hash), so kinds that share a key need one hash.
   */
  repeatKey(kind: RuleKindValue, row: number, value: number): void {
    this.#push(kind, row, value);
  }

  #push(kind: RuleKindValue, row: number, value: number): void {
    if (this.#n === this.#cap) this.#spill();
    const o = this.#n++ * WORDS;
    const rec = this.#rec;
    rec[o] = kind;
    rec[o + 1] = lanes[0] ?? 0;
    rec[o + 2] = lanes[1] ?? 0;
    rec[o + 3] = row;
    rec[o + 4] = value >>> 0;
  }

  /** Whether the index spilled to disk (for reports and tests). */
  get spilledRecords(): number {
    return this.#spilled;
  }

  /** Append the records in memory to the partition files (ordered by partition, one write each). */
  #spill(): void {
    if (this.#files === null) {
      const files = new TempFiles(this.#tempRoot, 'kmigrate-xrow-');
      this.#files = files;
      for (let p = 0; p < PARTITIONS; p++) files.open(`p${p}.bin`);
    }
    const fds = this.#files.fds;
    this.#sorted ??= new Uint32Array(CHUNK_RECORDS * WORDS);
    const sorted = this.#sorted;
    // a slice at a time: the partition order of the records is kept and the buffer stays small
    for (let from = 0; from < this.#n; from += CHUNK_RECORDS) {
      const count = Math.min(CHUNK_RECORDS, this.#n - from);
      const starts = bucketSort(this.#rec.subarray(from * WORDS), count, 0, PARTITIONS, sorted);
      for (let p = 0; p < PARTITIONS; p++) {
        const part = sorted.subarray(starts[p]! * WORDS, starts[p + 1]! * WORDS);
        if (part.length > 0) writeAll(fds[p]!, new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
      }
    }
    this.#spilled += this.#n;
    this.#n = 0;
  }

  /** Evaluate every rule; findings are sorted by row. Releases temp files. */
  finish(): CrossRowFinding[] {
    const findings: CrossRowFinding[] = [];
    this.#scan(findings as ScanFinding[]);
    return sortFindings(findings);
  }

  /**
   * Evaluate every rule but keep only how many findings there are and the one at the lowest row
   * (memory stays flat however many there are). Releases temp files.
   */
  countFindings(): FindingCount {
    const count = { count: 0, first: null as CrossRowFinding | null };
    this.#scan({
      push(f: ScanFinding): void {
        count.count++;
        if (count.first === null || f.row < count.first.row) count.first = f as CrossRowFinding;
      },
    });
    return count;
  }

  #scan(sink: FindingSink): void {
    const scanner = new PartitionScanner(sink, this.#splitAbove);
    try {
      if (this.#files === null && this.#n <= this.#splitAbove) {
        scanner.scanRecords(this.#rec, this.#n);
      } else {
        this.#spill();
        const files = this.#files as TempFiles;
        for (const fd of files.fds) scanner.scanFile(fd, files.dir, LOG2_PARTITIONS);
      }
    } finally {
      this.dispose();
    }
  }

  /**
   * {@link finish} with the second half of the partition files scanned by `helper` meanwhile (the
   * end-of-file scan on two threads). Same findings in the same order: the halves are joined in
   * partition order before the (stable) sort.
   */
  async finishShared(helper: PartitionHelper): Promise<CrossRowFinding[]> {
    if (this.#files === null && this.#n <= this.#splitAbove) return this.finish();
    let remote: Promise<Int32Array> | null = null;
    try {
      this.#spill();
      const files = this.#files as TempFiles;
      const dir = files.dir;
      const half = PARTITIONS >> 1;
      remote = helper(
        Array.from({ length: PARTITIONS - half }, (_, k) => join(dir, `p${half + k}.bin`)),
        this.#splitAbove,
      );
      const findings: CrossRowFinding[] = [];
      const scanner = new PartitionScanner(findings as ScanFinding[], this.#splitAbove);
      for (let p = 0; p < half; p++) scanner.scanFile(files.fds[p]!, dir, LOG2_PARTITIONS);
      const other = await remote;
      for (let i = 0; i < other.length; i += 3)
        findings.push({ kind: other[i] as RuleKindValue, row: other[i + 1]!, firstRow: other[i + 2]! });
      return sortFindings(findings);
    } finally {
      // the helper reads files in the temp folder: it must be done before the folder goes
      await remote?.catch(() => undefined);
      this.dispose();
    }
  }

  /** Remove temp files (idempotent). */
  dispose(): void {
    this.#files?.dispose();
    this.#files = null;
  }
}

function sortFindings(findings: CrossRowFinding[]): CrossRowFinding[] {
  return findings.sort((a, b) => a.row - b.row || a.kind - b.kind);
}
