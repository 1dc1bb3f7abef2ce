/**
 * The customer runs of the forecast's `runs` mode (range-forecast.ts): tells at the end whether a
 * customer had two runs (its rows split across the file). Keys are 52-bit keyed hashes in a sorted
 * array (8 bytes per run, sorted once at the end) up to {@link MEMORY_KEYS}; past that they move to a
 * cross-row index, which spills to temp files: memory stays bounded whatever the input.
 * @module
 */
import { CrossRowIndex, RuleKind } from './cross-row-index.js';
import { hashBegin, hashChar, hashEnd, hashRange, lanes, randomSeeds } from './hash64.js';

/** Keys kept in the array (4 MiB); a larger file's runs go to a spilling index (flat memory). */
export const MEMORY_KEYS = 1 << 19;

const HIGH = 2 ** 20;

/** Customer-run keys; `anyRepeat()` once at the end. */
export class RunKeys {
  readonly #seeds = randomSeeds();
  readonly #memoryKeys: number;
  #keys = new Float64Array(1 << 12);
  #n = 0;
  #index: CrossRowIndex | null = null;

  /** `memoryKeys`: keys kept in the array before the index takes over (tests lower it). */
  constructor(memoryKeys = MEMORY_KEYS) {
    this.#memoryKeys = memoryKeys;
  }

  /** Add the run of the customer `text[s, e)`. */
  add(text: string, s: number, e: number): void {
    hashBegin(this.#seeds[0], this.#seeds[1]);
    hashRange(text, s, e);
    hashEnd();
    // 52 bits: an exact integer in a float64, so the array sorts natively
    const key = lanes[0]! * HIGH + (lanes[1]! >>> 12);
    if (this.#index !== null) {
      this.#toIndex(key);
      return;
    }
    if (this.#n === this.#memoryKeys) {
      this.#index = new CrossRowIndex();
      for (let i = 0; i < this.#n; i++) this.#toIndex(this.#keys[i]!);
      this.#keys = new Float64Array(0);
      this.#toIndex(key);
      return;
    }
    if (this.#n === this.#keys.length) {
      const grown = new Float64Array(Math.min(this.#memoryKeys, 2 * this.#keys.length));
      grown.set(this.#keys);
      this.#keys = grown;
    }
    this.#keys[this.#n++] = key;
  }

  /** True when a key was added twice. Releases the index's temp files. */
  anyRepeat(): boolean {
    if (this.#index !== null) {
      const index = this.#index;
      this.#index = null;
      return index.countFindings().count > 0;
    }
    const keys = this.#keys.subarray(0, this.#n).sort();
    for (let i = 1; i < keys.length; i++) if (keys[i] === keys[i - 1]) return true;
    return false;
  }

  dispose(): void {
    this.#index?.dispose();
    this.#index = null;
  }

  /** One record per key in the index (its 52 bits fed as four 13-bit code units). */
  #toIndex(key: number): void {
    const index = this.#index as CrossRowIndex;
    index.beginKey(RuleKind.txnId);
    let rest = key;
    for (let k = 0; k < 4; k++) {
      hashChar(rest % 8192);
      rest = Math.floor(rest / 8192);
    }
    index.endKey(RuleKind.txnId, 0, 0);
  }
}
