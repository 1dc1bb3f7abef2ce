/**
 * The in-memory `TokenVault` (tests, dry runs): the format-2 vault (same crypto, same keys
 * wrapped under the KEK) over maps instead of a file. A {@link MemoryVaultStore} outlives the
 * vaults opened on it, so reopening works.
 * @module
 */
import { ToolkitError } from '../core/index.js';
import type { BlockStorage, CardPlace } from './block-storage.js';
import { openBlockVault, openNewBlockVault } from './block-vault.js';
import type { VaultKek } from './kek.js';
import { newStoredKeys } from './key-pair.js';
import { SLOT } from './token-cipher.js';
import type { AuditRecord, TokenVault } from './token-vault.js';
import type { VaultOptions } from './vault-base.js';
import type { StoredKeys } from './vault-storage.js';

/** The backing state of in-memory vaults. */
export interface MemoryVaultStore {
  keys: StoredKeys | null;
  readonly blocks: Map<number, Buffer>;
  readonly places: Map<string, CardPlace>;
  readonly audit: AuditRecord[];
}

/** An empty store. */
export function createMemoryVaultStore(): MemoryVaultStore {
  return { keys: null, blocks: new Map(), places: new Map(), audit: [] };
}

interface Journal {
  readonly blocks: number[];
  readonly places: string[];
  readonly keys: StoredKeys | null;
}

class MemoryStorage implements BlockStorage {
  readonly #store: MemoryVaultStore;
  #journal: Journal | null = null;

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
  nextBlockId(): number {
    let max = 0;
    for (const id of this.#store.blocks.keys()) max = Math.max(max, id);
    return max + 1;
  }
  putBlock(id: number, sealed: Buffer): void {
    if (this.#store.blocks.has(id)) throw new ToolkitError('VAULT_CORRUPT', 'Duplicate vault block.');
    this.#store.blocks.set(id, sealed);
    this.#journal?.blocks.push(id);
  }
  addPlaces(tokens: Buffer, places: Uint32Array, count: number): number {
    let added = 0;
    for (let i = 0; i < count; i++) {
      const key = tokens.toString('latin1', i * SLOT, i * SLOT + SLOT);
      if (this.#store.places.has(key)) continue;
      this.#store.places.set(key, { block: places[i * 2] ?? 0, pos: places[i * 2 + 1] ?? 0 });
      this.#journal?.places.push(key);
      added++;
    }
    return added;
  }
  dropUnusedBlocks(firstBlock: number): void {
    const used = new Set<number>();
    for (const place of this.#store.places.values()) used.add(place.block);
    for (const id of [...this.#store.blocks.keys()])
      if (id >= firstBlock && !used.has(id)) this.#store.blocks.delete(id);
  }
  locate(token: Buffer): CardPlace | undefined {
    return this.#store.places.get(token.toString('latin1'));
  }
  sealedBlock(id: number): Buffer | undefined {
    return this.#store.blocks.get(id);
  }
  begin(): void {
    this.#journal = { blocks: [], places: [], keys: this.#store.keys };
  }
  commit(): void {
    this.#journal = null;
  }
  rollback(): void {
    const journal = this.#journal;
    this.#journal = null;
    if (journal === null) return;
    for (const id of journal.blocks) this.#store.blocks.delete(id);
    for (const key of journal.places) this.#store.places.delete(key);
    this.#store.keys = journal.keys;
  }
  appendAudit(record: AuditRecord): void {
    this.#store.audit.push(record);
  }
  auditRecords(): readonly AuditRecord[] {
    return [...this.#store.audit];
  }
  count(): number {
    return this.#store.places.size;
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
  store.keys = newStoredKeys(kek, 'token');
  return openNewBlockVault(new MemoryStorage(store), kek, options);
}

/** Open an initialised store with `kek`. */
export function openMemoryVault(
  store: MemoryVaultStore,
  kek: VaultKek,
  options: VaultOptions = {},
): TokenVault {
  return openBlockVault(new MemoryStorage(store), kek, options);
}
