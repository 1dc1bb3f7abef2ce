/**
 * The write path of a format-2 vault run: new cards go into the open 256-card block (sealed with
 * AES-256-GCM when full) and their index entries into a 128K chunk (sorted and handed to the
 * storage when full); `flush` ends the run's writes. Holds at most one block of clear cards.
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { BlockStorage } from './block-storage.js';
import { copySlot, SLOT, type TokenCipher } from './token-cipher.js';

/** Cards per sealed block. */
export const BLOCK_CARDS = 256;
/** Index entries sorted and written together (bounded memory: ~4 MB, ~7 MB while sorting). */
const CHUNK = 131_072;
/** Sort keys: a token's first 32 bits, times this, plus its index in the chunk (exact in a double). */
const SPREAD = 2 ** 21;

/** The associated data that binds a sealed block to its vault and id. */
export function blockAad(vaultId: string, block: number): Buffer {
  return Buffer.from(`kmigrate-vault-2:${vaultId}:block:${block}`);
}

/** Buffers new cards of one vault into sealed blocks and sorted index chunks. */
export class BlockWriter {
  readonly #storage: BlockStorage;
  readonly #cipher: TokenCipher;
  readonly #vaultId: string;
  readonly #plain = Buffer.alloc(BLOCK_CARDS * SLOT);
  #filled = 0;
  readonly #chunk = Buffer.alloc(CHUNK * SLOT);
  readonly #chunkPlaces = new Uint32Array(CHUNK * 2);
  #chunked = 0;
  /** New index entries this run: handed over, and actually added (fewer when cards were known). */
  #handed = 0;
  #added = 0;
  #blockId: number | null = null;
  #firstBlock: number | null = null;

  constructor(storage: BlockStorage, cipher: TokenCipher, vaultId: string) {
    this.#storage = storage;
    this.#cipher = cipher;
    this.#vaultId = vaultId;
  }

  /** Add the card block at `at` in `blocks`, whose raw token is at `at` in `raw`. */
  add(blocks: Buffer, raw: Buffer, at: number): void {
    if (this.#blockId === null) {
      this.#blockId = this.#storage.nextBlockId();
      this.#firstBlock ??= this.#blockId;
    }
    copySlot(blocks, at, this.#plain, this.#filled * SLOT);
    copySlot(raw, at, this.#chunk, this.#chunked * SLOT);
    this.#chunkPlaces[this.#chunked * 2] = this.#blockId;
    this.#chunkPlaces[this.#chunked * 2 + 1] = this.#filled;
    if (++this.#chunked === CHUNK) this.#indexChunk();
    if (++this.#filled === BLOCK_CARDS) this.#sealPending();
  }

  /** Sort the chunk by token (first 32 bits, then arrival) and index it. */
  #indexChunk(): void {
    const n = this.#chunked;
    if (n === 0) return;
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = this.#chunk.readUInt32BE(i * SLOT) * SPREAD + i;
    keys.sort();
    const tokens = Buffer.allocUnsafe(n * SLOT);
    const places = new Uint32Array(n * 2);
    for (let k = 0; k < n; k++) {
      const i = (keys[k] ?? 0) % SPREAD;
      copySlot(this.#chunk, i * SLOT, tokens, k * SLOT);
      places[k * 2] = this.#chunkPlaces[i * 2] ?? 0;
      places[k * 2 + 1] = this.#chunkPlaces[i * 2 + 1] ?? 0;
    }
    this.#handed += n;
    this.#added += this.#storage.addPlaces(tokens, places, n);
    this.#chunked = 0;
  }

  #sealPending(): void {
    if (this.#filled === 0 || this.#blockId === null) return;
    const id = this.#blockId;
    const size = this.#filled * SLOT;
    const sealed = this.#cipher.seal(
      this.#plain.subarray(0, size),
      blockAad(this.#vaultId, id),
      randomBytes(12),
    );
    this.#storage.putBlock(id, sealed);
    this.#plain.fill(0);
    this.#filled = 0;
    this.#blockId = id + 1;
  }

  /** Seal the partial block, index the rest, drop blocks holding only cards already known. */
  flush(): void {
    this.#sealPending();
    this.#indexChunk();
    if (this.#firstBlock !== null && this.#added < this.#handed)
      this.#storage.dropUnusedBlocks(this.#firstBlock);
    this.#firstBlock = null;
    this.#blockId = null;
    this.#handed = 0;
    this.#added = 0;
  }

  /** Forget the run's unwritten cards (after a rollback). */
  reset(): void {
    this.#plain.fill(0);
    this.#filled = 0;
    this.#chunked = 0;
    this.#handed = 0;
    this.#added = 0;
    this.#blockId = null;
    this.#firstBlock = null;
  }
}
