/**
 * What a vault implementation stores, below the crypto: wrapped keys, sealed card records by
 * token and fingerprint, and the audit trail. Synchronous: both stores are embedded.
 * @module
 */
import type { VaultStorageCore } from './vault-base.js';

/** The wrapped keys and the vault's identity. */
export interface StoredKeys {
  readonly vaultId: string;
  readonly wrappedDek: Buffer;
  readonly wrappedHmac: Buffer;
}

/** One card record. */
export interface StoredCard {
  readonly token: string;
  readonly fingerprint: Buffer;
  readonly sealed: Buffer;
}

/** The storage under a keyed (format-1) vault. */
export interface VaultStorage extends VaultStorageCore {
  tokenFor(fingerprint: Buffer): string | undefined;
  insert(cards: readonly StoredCard[]): void;
  sealedFor(token: string): Buffer | undefined;
}
