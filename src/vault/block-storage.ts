/**
 * What a format-2 vault stores, below the crypto: wrapped keys, sealed blocks of card numbers, a
 * token → (block, position) index, and the audit trail. The vault hands new index entries over in
 * sorted chunks, so a B-tree store fills its pages in order instead of at random. Synchronous: both
 * stores are embedded.
 * @module
 */
import type { VaultStorageCore } from './vault-base.js';

/** Where a token's card is: a block id and a position in it. */
export interface CardPlace {
  readonly block: number;
  readonly pos: number;
}

/** The storage under a format-2 vault. */
export interface BlockStorage extends VaultStorageCore {
  /** The id the next new block gets (read inside the write transaction). */
  nextBlockId(): number;
  /** Store a sealed block. */
  putBlock(id: number, sealed: Buffer): void;
  /**
   * Index `count` raw tokens (16 bytes each, sorted) at `places` (block, position pairs); a token
   * already indexed keeps its place. Returns how many were new.
   */
  addPlaces(tokens: Buffer, places: Uint32Array, count: number): number;
  /** Delete the blocks from `firstBlock` on that no token points to. */
  dropUnusedBlocks(firstBlock: number): void;
  locate(token: Buffer): CardPlace | undefined;
  sealedBlock(id: number): Buffer | undefined;
}
