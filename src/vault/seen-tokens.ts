/**
 * A bounded set of raw 16-byte tokens (open addressing over one buffer): which cards a vault
 * run has already written, so repeats skip the seal and the index. No string, no allocation per
 * card; cleared when full, so memory is flat whatever the file size.
 * @module
 */
import { copySlot, SLOT } from './token-cipher.js';

/** Bounded set of raw tokens. */
export class SeenTokens {
  readonly #limit: number;
  readonly #mask: number;
  readonly #slots: Buffer;
  readonly #used: Uint8Array;
  #count = 0;

  /** Holds up to `limit` tokens (the table is at least twice that). */
  constructor(limit: number) {
    let capacity = 1024;
    while (capacity < limit * 2) capacity *= 2;
    this.#limit = Math.max(1, Math.min(limit, capacity / 2));
    this.#mask = capacity - 1;
    this.#slots = Buffer.alloc(capacity * SLOT);
    this.#used = new Uint8Array(capacity);
  }

  /** True when the token at `at` in `raw` was already added; otherwise add it and return false. */
  addIfNew(raw: Buffer, at: number): boolean {
    const slots = this.#slots;
    const a = raw.readUInt32LE(at);
    const b = raw.readUInt32LE(at + 4);
    const c = raw.readUInt32LE(at + 8);
    const d = raw.readUInt32LE(at + 12);
    let i = a & this.#mask;
    while (this.#used[i] === 1) {
      const o = i * SLOT;
      if (
        slots.readUInt32LE(o) === a &&
        slots.readUInt32LE(o + 4) === b &&
        slots.readUInt32LE(o + 8) === c &&
        slots.readUInt32LE(o + 12) === d
      )
        return true;
      i = (i + 1) & this.#mask;
    }
    if (this.#count >= this.#limit) {
      this.clear();
      i = a & this.#mask;
    }
    copySlot(raw, at, slots, i * SLOT);
    this.#used[i] = 1;
    this.#count++;
    return false;
  }

  clear(): void {
    this.#used.fill(0);
    this.#count = 0;
  }
}
