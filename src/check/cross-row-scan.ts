/**
 * Evaluating the cross-row records of one hash partition with bounded memory. Records are five
 * 32-bit words (rule kind, two key-hash lanes, row, value) in row order; a key's records meet in
 * an open-addressing table that grows with the number of distinct keys and is reused from one
 * partition to the next. A partition file with more records than {@link SPLIT_ABOVE} is first
 * split by further key-hash bits into smaller files (each still in row order), so the table, the
 * read buffer and the split buffers stay the same size whatever the input size.
 * @module
 */
import { closeSync, fstatSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';

/** Words per record and bytes per record in memory and in temp files. */
export const WORDS = 5;
export const RECORD_BYTES = WORDS * 4;

/** Partition files with more records than this are split before they are scanned. */
export const SPLIT_ABOVE = 1 << 18;
/** Records read from a file per read (and sorted into partitions per write). */
export const CHUNK_RECORDS = 1 << 16;
/** Ways a partition file is split into (16 = 4 more key-hash bits per level). */
const SPLIT_BITS = 4;

/** The rule kinds the scan treats specially (cross-row-index.ts RuleKind uses these values). */
export const KIND_TXN_ID = 5 as const;
export const KIND_EMAIL_OWNER = 6 as const;
export const KIND_PHONE_OWNER = 7 as const;
export const KIND_CARD_OWNER = 8 as const;
export const KIND_ORDER = 9 as const;
export const KIND_DETAILS_CUSTOMER = 10 as const;
export const ORDER_SALE = 1;
export const ORDER_REFUND = 2;

/** A cross-row finding: the rule, the row it is reported at, and the earlier row it relates to. */
export interface ScanFinding {
  readonly kind: number;
  readonly row: number;
  readonly firstRow: number;
}

/** Where a scan puts its findings: an array, or anything else that takes them one at a time. */
export interface FindingSink {
  push(finding: ScanFinding): unknown;
}

/** Scans partitions one after another, reusing its table and buffers. */
export class PartitionScanner {
  readonly #findings: FindingSink;
  #tk = new Uint32Array(1024);
  #t1 = new Uint32Array(1024);
  #t2 = new Uint32Array(1024);
  #trow = new Uint32Array(1024);
  #tval = new Uint32Array(1024);
  #textra = new Uint32Array(1024);
  /** Table slots (a power of two) and keys held. */
  #cap = 1024;
  #keys = 0;
  #chunk: Uint32Array | null = null;
  #sorted: Uint32Array | null = null;

  readonly #splitAbove: number;

  /** `splitAbove`: records above which a file is split first ({@link SPLIT_ABOVE}; tests lower it). */
  constructor(findings: FindingSink, splitAbove = SPLIT_ABOVE) {
    this.#findings = findings;
    this.#splitAbove = splitAbove;
  }

  /** Scan `n` interleaved records of `rec` as one partition. */
  scanRecords(rec: Uint32Array, n: number): void {
    this.#reset();
    this.#feed(rec, n);
    this.#end();
  }

  /**
   * Scan a partition file (records in row order). `dir` is where split files go; `shift` the
   * first key-hash bit not yet used to choose the file.
   */
  scanFile(fd: number, dir: string, shift: number): void {
    const n = Math.floor(fstatSync(fd).size / RECORD_BYTES);
    if (n > this.#splitAbove && shift + SPLIT_BITS <= 32 && this.#split(fd, dir, shift, n)) return;
    this.#reset();
    const chunk = this.#chunkBuffer();
    for (let at = 0; at < n; ) {
      const got = readRecords(fd, chunk, at, Math.min(CHUNK_RECORDS, n - at));
      if (got === 0) break;
      this.#feed(chunk, got);
      at += got;
    }
    this.#end();
  }

  /** Split into 2^SPLIT_BITS files by key-hash bits and scan each; false when splitting cannot help. */
  #split(fd: number, dir: string, shift: number, n: number): boolean {
    const ways = 1 << SPLIT_BITS;
    const chunk = this.#chunkBuffer();
    this.#sorted ??= new Uint32Array(CHUNK_RECORDS * WORDS);
    const sorted = this.#sorted;
    const paths = Array.from({ length: ways }, (_, w) => join(dir, `s${shift}-${fd}-${w}.bin`));
    const fds = paths.map((p) => openSync(p, 'w+', 0o600));
    const totals = new Float64Array(ways);
    try {
      for (let at = 0; at < n; ) {
        const got = readRecords(fd, chunk, at, Math.min(CHUNK_RECORDS, n - at));
        if (got === 0) break;
        const starts = bucketSort(chunk, got, shift, ways, sorted);
        for (let w = 0; w < ways; w++) {
          const part = sorted.subarray(starts[w]! * WORDS, starts[w + 1]! * WORDS);
          if (part.length === 0) continue;
          writeAll(fds[w]!, new Uint8Array(part.buffer, part.byteOffset, part.byteLength));
          totals[w]! += part.length / WORDS;
        }
        at += got;
      }
      // one key in every record (e.g. a dummy phone on every row): more bits cannot split it
      if (totals.some((t) => t === n)) return false;
      for (const f of fds) this.scanFile(f, dir, shift + SPLIT_BITS);
      return true;
    } finally {
      for (const f of fds) closeSync(f);
      for (const p of paths) rmSync(p, { force: true });
    }
  }

  #chunkBuffer(): Uint32Array {
    this.#chunk ??= new Uint32Array(CHUNK_RECORDS * WORDS);
    return this.#chunk;
  }

  /** Empty the table for the next partition; it keeps its size (no regrowth, no garbage). */
  #reset(): void {
    this.#tk.fill(0, 0, this.#cap);
    this.#keys = 0;
  }

  /** Add records in row order: a key seen before is a repeat. */
  #feed(rec: Uint32Array, n: number): void {
    for (let i = 0, o = 0; i < n; i++, o += WORDS) {
      if (this.#keys * 2 >= this.#cap) this.#grow();
      const k = rec[o]!;
      const a = rec[o + 1]!;
      const b = rec[o + 2]!;
      const r = rec[o + 3]!;
      const v = rec[o + 4]!;
      const tk = this.#tk;
      const mask = this.#cap - 1;
      let s = slotOf(k, a, b) & mask;
      while (tk[s] !== 0 && !(tk[s] === k && this.#t1[s] === a && this.#t2[s] === b)) s = (s + 1) & mask;
      if (tk[s] === 0) {
        tk[s] = k;
        this.#t1[s] = a;
        this.#t2[s] = b;
        this.#trow[s] = r;
        this.#tval[s] = v;
        this.#textra[s] = k === KIND_ORDER && v & ORDER_REFUND ? r : 0;
        this.#keys++;
        continue;
      }
      this.#repeat(k, s, r, v);
    }
  }

  #repeat(k: number, s: number, r: number, v: number): void {
    const tval = this.#tval;
    const textra = this.#textra;
    switch (k) {
      case KIND_ORDER:
        if (v & ORDER_REFUND && textra[s] === 0) textra[s] = r;
        tval[s] = tval[s]! | v;
        return;
      case KIND_TXN_ID:
      case KIND_DETAILS_CUSTOMER:
        this.#findings.push({ kind: k, row: r, firstRow: this.#trow[s]! });
        return;
      case KIND_EMAIL_OWNER:
      case KIND_PHONE_OWNER:
      case KIND_CARD_OWNER:
        // report each further owner once: textra remembers the last owner reported
        if (v !== tval[s] && v !== textra[s]) {
          textra[s] = v;
          this.#findings.push({ kind: k, row: r, firstRow: this.#trow[s]! });
        }
        return;
      default:
        if (v !== tval[s]) this.#findings.push({ kind: k, row: r, firstRow: this.#trow[s]! });
    }
  }

  /** The end of a partition: refunds whose order never had a sale. */
  #end(): void {
    const { tk, tval, textra, trow } = {
      tk: this.#tk,
      tval: this.#tval,
      textra: this.#textra,
      trow: this.#trow,
    };
    for (let s = 0; s < this.#cap; s++) {
      if (tk[s] === KIND_ORDER && (tval[s]! & ORDER_SALE) === 0 && textra[s]! > 0) {
        this.#findings.push({ kind: KIND_ORDER, row: textra[s]!, firstRow: trow[s]! });
      }
    }
  }

  /** Double the table and rehash; the table never shrinks, so this only happens while it grows. */
  #grow(): void {
    const { tk, t1, t2, trow, tval, textra } = {
      tk: this.#tk,
      t1: this.#t1,
      t2: this.#t2,
      trow: this.#trow,
      tval: this.#tval,
      textra: this.#textra,
    };
    const old = this.#cap;
    const cap = old * 2;
    this.#tk = new Uint32Array(cap);
    this.#t1 = new Uint32Array(cap);
    this.#t2 = new Uint32Array(cap);
    this.#trow = new Uint32Array(cap);
    this.#tval = new Uint32Array(cap);
    this.#textra = new Uint32Array(cap);
    this.#cap = cap;
    const mask = cap - 1;
    for (let j = 0; j < old; j++) {
      const k = tk[j]!;
      if (k === 0) continue;
      let s = slotOf(k, t1[j]!, t2[j]!) & mask;
      while (this.#tk[s] !== 0) s = (s + 1) & mask;
      this.#tk[s] = k;
      this.#t1[s] = t1[j]!;
      this.#t2[s] = t2[j]!;
      this.#trow[s] = trow[j]!;
      this.#tval[s] = tval[j]!;
      this.#textra[s] = textra[j]!;
    }
  }
}

function slotOf(k: number, a: number, b: number): number {
  // the partition and split bits of `a` are equal within a file: mix in the other lane
  return a ^ Math.imul(b, 0x9e3779b1) ^ Math.imul(k, 0x85ebca6b);
}

/**
 * Order `n` records of `rec` by bucket (`ways` buckets of key-hash bits from `shift`) into `out`,
 * keeping row order within a bucket; bucket b is `out` records `starts[b]` to `starts[b + 1]`.
 */
export function bucketSort(
  rec: Uint32Array,
  n: number,
  shift: number,
  ways: number,
  out: Uint32Array,
): Uint32Array {
  const mask = ways - 1;
  const starts = new Uint32Array(ways + 1);
  for (let i = 0; i < n; i++) starts[((rec[i * WORDS + 1]! >>> shift) & mask) + 1]!++;
  for (let w = 1; w <= ways; w++) starts[w]! += starts[w - 1]!;
  const next = starts.slice(0, ways);
  // five element copies per record (a `subarray` per record allocated a view each: ~5× slower)
  for (let o = 0; o < n * WORDS; o += WORDS) {
    const w = (rec[o + 1]! >>> shift) & mask;
    const to = next[w]! * WORDS;
    next[w]!++;
    out[to] = rec[o]!;
    out[to + 1] = rec[o + 1]!;
    out[to + 2] = rec[o + 2]!;
    out[to + 3] = rec[o + 3]!;
    out[to + 4] = rec[o + 4]!;
  }
  return starts;
}

/** Read up to `count` records starting at record `at`; returns the records read. */
function readRecords(fd: number, into: Uint32Array, at: number, count: number): number {
  const bytes = new Uint8Array(into.buffer, into.byteOffset, count * RECORD_BYTES);
  let got = 0;
  while (got < bytes.length) {
    const r = readSync(fd, bytes, got, bytes.length - got, at * RECORD_BYTES + got);
    if (r <= 0) break;
    got += r;
  }
  return Math.floor(got / RECORD_BYTES);
}

/** Append bytes to a file (all of them). */
export function writeAll(fd: number, bytes: Uint8Array): void {
  for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off, bytes.length - off);
}
