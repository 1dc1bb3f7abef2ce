/**
 * The in-memory `TokenVault` (tests, dry runs): same crypto, same keys wrapped under the KEK, no
 * file. A {@link MemoryVaultStore} outlives the vaults opened on it, so reopening works.
 * @module
 */
import { ToolkitError } from '../core/index.js';
import type { VaultKek } from './kek.js';
import { newStoredKeys, openKeyedVault, openNewKeyedVault, type VaultOptions } from './keyed-vault.js';
import type { AuditRecord, TokenVault } from './token-vault.js';
import type { StoredCard, StoredKeys, VaultStorage } from './vault-storage.js';

/** The backing state of in-memory vaults. */
export interface MemoryVaultStore {
  keys: StoredKeys | null;
  readonly cards: Map<string, StoredCard>;
  readonly byFingerprint: Map<string, string>;
  readonly audit: AuditRecord[];
}

/** An empty store. */
export function createMemoryVaultStore(): MemoryVaultStore {
  return { keys: null, cards: new Map(), byFingerprint: new Map(), audit: [] };
}

class MemoryStorage implements VaultStorage {
  readonly #store: MemoryVaultStore;
  #journal: StoredCard[] | null = null;
  #keysBefore: StoredKeys | null = null;

  constructor(store: MemoryVaultStore) {
    this.#store = store;
  }

  readKeys(): StoredKeys {
    if (this.#store.keys === null)
      throw new ToolkitError('VAULT_NOT_FOUND', 'The in-memory vault was not initialised.');
    return this.#store.keys;
  }
  writeKeys(keys: StoredKeys): void {
    this.#store.keys = keys;
  }
  tokenFor(fingerprint: Buffer): string | undefined {
    return this.#store.byFingerprint.get(fingerprint.toString('latin1'));
  }
  insert(cards: readonly StoredCard[]): void {
    for (const card of cards) {
      const key = card.fingerprint.toString('latin1');
      if (this.#store.cards.has(card.token) || this.#store.byFingerprint.has(key))
        throw new ToolkitError('VAULT_CORRUPT', 'Duplicate card record.');
      this.#store.cards.set(card.token, card);
      this.#store.byFingerprint.set(key, card.token);
      this.#journal?.push(card);
    }
  }
  sealedFor(token: string): Buffer | undefined {
    return this.#store.cards.get(token)?.sealed;
  }
  begin(): void {
    this.#journal = [];
    this.#keysBefore = this.#store.keys;
  }
  commit(): void {
    this.#journal = null;
  }
  rollback(): void {
    for (const card of this.#journal ?? []) {
      this.#store.cards.delete(card.token);
      this.#store.byFingerprint.delete(card.fingerprint.toString('latin1'));
    }
    if (this.#journal !== null) this.#store.keys = this.#keysBefore;
    this.#journal = null;
  }
  appendAudit(record: AuditRecord): void {
    this.#store.audit.push(record);
  }
  auditRecords(): readonly AuditRecord[] {
    return [...this.#store.audit];
  }
  count(): number {
    return this.#store.cards.size;
  }
  close(): void {}
}

/** Put fresh keys wrapped under `kek` into an empty store, and open it. */
export function initMemoryVault(
  store: MemoryVaultStore,
  kek: VaultKek,
  options: VaultOptions = {},
): TokenVault {
  if (store.keys !== null)
    throw new ToolkitError('VAULT_EXISTS', 'The in-memory vault is already initialised.');
  store.keys = newStoredKeys(kek);
  return openNewKeyedVault(new MemoryStorage(store), kek, options);
}

/** Open an initialised store with `kek`. */
export function openMemoryVault(
  store: MemoryVaultStore,
  kek: VaultKek,
  options: VaultOptions = {},
): TokenVault {
  return openKeyedVault(new MemoryStorage(store), kek, options);
}
