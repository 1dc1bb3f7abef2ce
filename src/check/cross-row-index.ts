/**
 * Cross-row rules over files of any size with flat memory: every row contributes small fixed-size
 * records (rule kind, 64-bit keyed hash of the key, row, 32-bit value). They are kept in typed
 * arrays and, past a threshold, spilled to hash-partitioned temp files; at the end each partition
 * is scanned with an open-addressing table. Temp files hold only keyed hashes and row numbers.
 * @module
 */
import { closeSync, fstatSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash64, hashBegin, hashEnd, lanes, randomSeeds } from './hash64.js';

/** The rules a record can feed. Values are stable: they are written into temp files. */
export const RuleKind = {
  sameName: 1,
  sameAddress: 2,
  sameEmail: 3,
  samePhone: 4,
  txnId: 5,
  emailOwner: 6,
  phoneOwner: 7,
  cardOwner: 8,
  order: 9,
} as const;
export type RuleKindValue = (typeof RuleKind)[keyof typeof RuleKind];

/** A cross-row finding: the rule, the row it is reported at, and the earlier row it relates to. */
export interface CrossRowFinding {
  readonly kind: RuleKindValue;
  readonly row: number;
  readonly firstRow: number;
}

/** Order flags for {@link RuleKind.order}. */
export const ORDER_SALE = 1;
export const ORDER_REFUND = 2;

const WORDS = 5;
const RECORD_BYTES = WORDS * 4;
/** Enough partitions that one stays small (≈ 5 MB at 5M rows) when it is scanned. */
const PARTITIONS = 64;

/** Options for {@link CrossRowIndex}. */
export interface CrossRowIndexOptions {
  /** Records kept in memory before spilling to temp files. */
  readonly memoryRecords?: number;
  readonly tempDir?: string;
}

export class CrossRowIndex {
  readonly #seeds = randomSeeds();
  readonly #cap: number;
  readonly #tempRoot: string;
  #kind: Uint32Array;
  #k1: Uint32Array;
  #k2: Uint32Array;
  #row: Uint32Array;
  #val: Uint32Array;
  #n = 0;
  #dir: string | null = null;
  #fds: number[] = [];
  #spilled = 0;

  constructor(options: CrossRowIndexOptions = {}) {
    this.#cap = options.memoryRecords ?? 1 << 20;
    this.#tempRoot = options.tempDir ?? tmpdir();
    this.#kind = new Uint32Array(this.#cap);
    this.#k1 = new Uint32Array(this.#cap);
    this.#k2 = new Uint32Array(this.#cap);
    this.#row = new Uint32Array(this.#cap);
    this.#val = new Uint32Array(this.#cap);
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

  #push(kind: RuleKindValue, row: number, value: number): void {
    if (this.#n === this.#cap) this.#spill();
    const i = this.#n++;
    this.#kind[i] = kind;
    this.#k1[i] = lanes[0] ?? 0;
    this.#k2[i] = lanes[1] ?? 0;
    this.#row[i] = row;
    this.#val[i] = value >>> 0;
  }

  /** Whether the index spilled to disk (for reports and tests). */
  get spilledRecords(): number {
    return this.#spilled;
  }

  #spill(): void {
    if (this.#dir === null) {
      this.#dir = mkdtempSync(join(this.#tempRoot, 'kmigrate-xrow-'));
      for (let p = 0; p < PARTITIONS; p++)
        this.#fds.push(openSync(join(this.#dir, `p${p}.bin`), 'w+', 0o600));
    }
    const counts = new Uint32Array(PARTITIONS);
    for (let i = 0; i < this.#n; i++) {
      const p = (this.#k1[i] ?? 0) & (PARTITIONS - 1);
      counts[p] = (counts[p] ?? 0) + 1;
    }
    const bufs = Array.from(counts, (c) => new Uint32Array(c * WORDS));
    const offs = new Uint32Array(PARTITIONS);
    for (let i = 0; i < this.#n; i++) {
      const p = (this.#k1[i] ?? 0) & (PARTITIONS - 1);
      const b = bufs[p]!;
      const o = offs[p]!;
      b[o] = this.#kind[i]!;
      b[o + 1] = this.#k1[i]!;
      b[o + 2] = this.#k2[i]!;
      b[o + 3] = this.#row[i]!;
      b[o + 4] = this.#val[i]!;
      offs[p] = o + WORDS;
    }
    bufs.forEach((b, p) => {
      if (b.length > 0) writeSync(this.#fds[p]!, new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
    });
    this.#spilled += this.#n;
    this.#n = 0;
  }

  /** Evaluate every rule; findings are sorted by row. Releases temp files. */
  finish(): CrossRowFinding[] {
    const findings: CrossRowFinding[] = [];
    try {
      if (this.#dir === null) {
        scanPartition(this.#kind, this.#k1, this.#k2, this.#row, this.#val, this.#n, findings);
      } else {
        this.#spill();
        for (const fd of this.#fds) this.#scanFile(fd, findings);
      }
    } finally {
      this.dispose();
    }
    findings.sort((a, b) => a.row - b.row || a.kind - b.kind);
    return findings;
  }

  #scanFile(fd: number, findings: CrossRowFinding[]): void {
    const size = fstatSync(fd).size;
    const n = Math.floor(size / RECORD_BYTES);
    const words = new Uint32Array(n * WORDS);
    const bytes = new Uint8Array(words.buffer);
    for (let got = 0; got < bytes.length; ) {
      const r = readSync(fd, bytes, got, bytes.length - got, got);
      if (r <= 0) break;
      got += r;
    }
    const kind = new Uint32Array(n);
    const k1 = new Uint32Array(n);
    const k2 = new Uint32Array(n);
    const row = new Uint32Array(n);
    const val = new Uint32Array(n);
    for (let i = 0, o = 0; i < n; i++, o += WORDS) {
      kind[i] = words[o]!;
      k1[i] = words[o + 1]!;
      k2[i] = words[o + 2]!;
      row[i] = words[o + 3]!;
      val[i] = words[o + 4]!;
    }
    scanPartition(kind, k1, k2, row, val, n, findings);
  }

  /** Remove temp files (idempotent). */
  dispose(): void {
    for (const fd of this.#fds) closeSync(fd);
    this.#fds = [];
    if (this.#dir !== null) rmSync(this.#dir, { recursive: true, force: true });
    this.#dir = null;
  }
}

/** Scan records (in row order) with an open-addressing table keyed by (kind, k1, k2). */
function scanPartition(
  kind: Uint32Array,
  k1: Uint32Array,
  k2: Uint32Array,
  row: Uint32Array,
  val: Uint32Array,
  n: number,
  findings: CrossRowFinding[],
): void {
  let cap = 1024;
  while (cap < n * 2) cap *= 2;
  const mask = cap - 1;
  const tk = new Uint32Array(cap);
  const t1 = new Uint32Array(cap);
  const t2 = new Uint32Array(cap);
  const trow = new Uint32Array(cap);
  const tval = new Uint32Array(cap);
  const textra = new Uint32Array(cap);
  for (let i = 0; i < n; i++) {
    const k = kind[i]!;
    const a = k1[i]!;
    const b = k2[i]!;
    let s = (a ^ Math.imul(b, 0x9e3779b1) ^ k) & mask;
    while (tk[s] !== 0 && !(tk[s] === k && t1[s] === a && t2[s] === b)) s = (s + 1) & mask;
    const r = row[i]!;
    const v = val[i]!;
    if (tk[s] === 0) {
      tk[s] = k;
      t1[s] = a;
      t2[s] = b;
      trow[s] = r;
      tval[s] = v;
      textra[s] = k === RuleKind.order && v & ORDER_REFUND ? r : 0;
      continue;
    }
    onRepeat(k as RuleKindValue, s, r, v, trow, tval, textra, findings);
  }
  for (let s = 0; s < cap; s++) {
    if (tk[s] === RuleKind.order && (tval[s]! & ORDER_SALE) === 0 && textra[s]! > 0) {
      findings.push({ kind: RuleKind.order, row: textra[s]!, firstRow: trow[s]! });
    }
  }
}

function onRepeat(
  k: RuleKindValue,
  s: number,
  r: number,
  v: number,
  trow: Uint32Array,
  tval: Uint32Array,
  textra: Uint32Array,
  findings: CrossRowFinding[],
): void {
  switch (k) {
    case RuleKind.order:
      if (v & ORDER_REFUND && textra[s] === 0) textra[s] = r;
      tval[s] = tval[s]! | v;
      return;
    case RuleKind.txnId:
      findings.push({ kind: k, row: r, firstRow: trow[s]! });
      return;
    case RuleKind.emailOwner:
    case RuleKind.phoneOwner:
    case RuleKind.cardOwner:
      // report each further owner once: textra remembers the last owner reported
      if (v !== tval[s] && v !== textra[s]) {
        textra[s] = v;
        findings.push({ kind: k, row: r, firstRow: trow[s]! });
      }
      return;
    default:
      if (v !== tval[s]) findings.push({ kind: k, row: r, firstRow: trow[s]! });
  }
}
