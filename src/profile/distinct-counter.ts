/**
 * Distinct values of a column: exact (with counts) up to a cap, then a HyperLogLog estimate, so
 * memory stays flat whatever the file size.
 * @module
 */
import { detachString } from '../core/index.js';
import { hashString } from './hash-string.js';

/** Exact counting stops above this many distinct values. */
export const DEFAULT_EXACT_CAP = 5000;
const P = 12;
const M = 1 << P;

/** One distinct value while counting exactly: its count and a slot for what callers learn about it. */
export interface DistinctEntry<T> {
  count: number;
  info: T | undefined;
}

/** Counts distinct values; exact while it can, estimated after. */
export class DistinctCounter<T = never> {
  readonly #cap: number;
  #exact: Map<string, DistinctEntry<T>> | null = new Map();
  #registers: Uint8Array | null = null;

  constructor(cap = DEFAULT_EXACT_CAP) {
    this.#cap = cap;
  }

  /** True while the count is exact (and `values()` holds every distinct value). */
  get exact(): boolean {
    return this.#exact !== null;
  }

  /**
   * Record one value; returns its entry while counting exactly (a new value has count 1), and
   * null once estimating (callers sample by other means then).
   */
  add(value: string): DistinctEntry<T> | null {
    const exact = this.#exact;
    if (exact !== null) {
      const entry = exact.get(value);
      if (entry !== undefined) {
        entry.count++;
        return entry;
      }
      const created: DistinctEntry<T> = { count: 1, info: undefined };
      // a kept value holds no slice of the input's text (core/detach.ts)
      exact.set(detachString(value), created);
      if (exact.size > this.#cap) {
        this.#toSketch(exact);
        return null;
      }
      return created;
    }
    this.#addHash(hashString(value));
    return null;
  }

  /** Record a value by its {@link hashRange} hash; only valid once estimating (`exact` is false). */
  addHash(hash: number): void {
    this.#addHash(hash);
  }

  #toSketch(exact: Map<string, DistinctEntry<T>>): void {
    this.#registers = new Uint8Array(M);
    for (const value of exact.keys()) this.#addHash(hashString(value));
    this.#exact = null;
  }

  #addHash(hash: number): void {
    const registers = this.#registers as Uint8Array;
    const index = hash >>> (32 - P);
    const rest = (hash << P) >>> 0;
    const rank = rest === 0 ? 32 - P + 1 : Math.clz32(rest) + 1;
    if (rank > (registers[index] as number)) registers[index] = rank;
  }

  /** The distinct count (exact, or a HyperLogLog estimate within about ±2%). */
  count(): number {
    if (this.#exact !== null) return this.#exact.size;
    const registers = this.#registers as Uint8Array;
    let sum = 0;
    let zeros = 0;
    for (let i = 0; i < M; i++) {
      const r = registers[i] as number;
      sum += 2 ** -r;
      if (r === 0) zeros++;
    }
    const alpha = 0.7213 / (1 + 1.079 / M);
    const raw = (alpha * M * M) / sum;
    if (raw <= 2.5 * M && zeros > 0) return Math.round(M * Math.log(M / zeros));
    return Math.round(raw);
  }

  /** Every distinct value with its count, most frequent first (empty once estimating). */
  values(): [string, number][] {
    if (this.#exact === null) return [];
    return [...this.#exact.entries()]
      .map(([value, entry]): [string, number] => [value, entry.count])
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  }
}
