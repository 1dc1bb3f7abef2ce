/**
 * The format-1 (legacy) `TokenVault`: random tokens found by a keyed fingerprint, one AES-GCM
 * record per card. Vault files created before format 2 still open through it (sqlite-vault.ts).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { ToolkitError } from '../core/index.js';
import { FingerprintCache } from './fingerprint-cache.js';
import type { VaultKek } from './kek.js';
import { audit, auditFailedOpen, rewrapKeys, unwrapKeys } from './key-pair.js';
import { newTokens } from './new-token.js';
import type { AuditEntry, AuditRecord, TokenVault } from './token-vault.js';
import { VaultKeys } from './vault-crypto.js';
import type { StoredCard, VaultStorage } from './vault-storage.js';

/** Options shared by every vault implementation. */
export interface VaultOptions {
  /** Also append every audit record to this JSON-lines file. */
  readonly auditFile?: string | undefined;
  /** Fingerprint cache size (default 50,000). */
  readonly cacheSize?: number | undefined;
}

/** Record the creation of a vault, then open it. */
export function openNewKeyedVault(
  storage: VaultStorage,
  kek: VaultKek,
  options: VaultOptions = {},
): TokenVault {
  audit(storage, options.auditFile, {
    action: 'init',
    count: 0,
    fileSha256: null,
    result: 'success',
    detail: '',
  });
  return openKeyedVault(storage, kek, options);
}

/** A vault over `storage`, unlocked with `kek` (VAULT_KEK_WRONG is audited as a failed open). */
export function openKeyedVault(storage: VaultStorage, kek: VaultKek, options: VaultOptions = {}): TokenVault {
  const stored = storage.readKeys();
  try {
    const [dek, hmac] = unwrapKeys(kek, stored, 'hmac');
    return new KeyedVault(storage, kek, new VaultKeys(dek, hmac), options);
  } catch (error) {
    auditFailedOpen(storage, options.auditFile, error);
    throw error;
  }
}

class KeyedVault implements TokenVault {
  readonly #storage: VaultStorage;
  readonly #keys: VaultKeys;
  readonly #cache: FingerprintCache;
  readonly #auditFile: string | undefined;
  #kek: VaultKek;
  #inTransaction = false;

  constructor(storage: VaultStorage, kek: VaultKek, keys: VaultKeys, options: VaultOptions) {
    this.#storage = storage;
    this.#kek = kek;
    this.#keys = keys;
    this.#cache = new FingerprintCache(options.cacheSize);
    this.#auditFile = options.auditFile;
  }

  async tokenize(pans: readonly string[]): Promise<readonly string[]> {
    const out: string[] = new Array<string>(pans.length);
    const fresh: { index: number; pan: string; fingerprint: Buffer }[] = [];
    const pending = new Map<string, number>();
    for (let i = 0; i < pans.length; i++) {
      const pan = pans[i] ?? '';
      const fingerprint = this.#keys.fingerprint(pan);
      const known = this.#cache.get(fingerprint) ?? this.#storage.tokenFor(fingerprint);
      if (known !== undefined) {
        out[i] = known;
        this.#cache.set(fingerprint, known);
        continue;
      }
      const key = fingerprint.toString('latin1');
      const twin = pending.get(key);
      if (twin === undefined) {
        pending.set(key, fresh.length);
        fresh.push({ index: i, pan, fingerprint });
      } else out[i] = `#${twin}`;
    }
    this.#insertFresh(fresh, out);
    return out;
  }

  #insertFresh(fresh: readonly { index: number; pan: string; fingerprint: Buffer }[], out: string[]): void {
    if (fresh.length === 0) return;
    const tokens = newTokens(fresh.length);
    const ivs = randomBytes(12 * fresh.length);
    const cards: StoredCard[] = fresh.map((f, n) => {
      const token = tokens[n] ?? '';
      out[f.index] = token;
      this.#cache.set(f.fingerprint, token);
      return {
        token,
        fingerprint: f.fingerprint,
        sealed: this.#keys.seal(f.pan, token, ivs.subarray(n * 12, n * 12 + 12)),
      };
    });
    for (let i = 0; i < out.length; i++) {
      const value = out[i] ?? '';
      if (value.startsWith('#')) out[i] = tokens[Number(value.slice(1))] ?? '';
    }
    if (this.#inTransaction) this.#storage.insert(cards);
    else this.#atomicSync(() => this.#storage.insert(cards));
  }

  async detokenize(tokens: readonly string[]): Promise<readonly string[]> {
    return tokens.map((token) => {
      const sealed = this.#storage.sealedFor(token);
      if (sealed === undefined)
        throw new ToolkitError('VAULT_TOKEN_UNKNOWN', 'A token is not in this vault.', {
          context: { tokenShape: `${token.length} characters` },
        });
      return this.#keys.open(sealed, token);
    });
  }

  async atomically<T>(work: () => Promise<T>): Promise<T> {
    if (this.#inTransaction) return work();
    this.#storage.begin();
    this.#inTransaction = true;
    try {
      const result = await work();
      this.#storage.commit();
      return result;
    } catch (error) {
      this.#storage.rollback();
      this.#cache.clear();
      throw error;
    } finally {
      this.#inTransaction = false;
    }
  }

  #atomicSync(work: () => void): void {
    this.#storage.begin();
    try {
      work();
      this.#storage.commit();
    } catch (error) {
      this.#storage.rollback();
      this.#cache.clear();
      throw error;
    }
  }

  async rotate(newKek: VaultKek): Promise<void> {
    this.#atomicSync(() => {
      this.#storage.writeKeys(rewrapKeys(this.#kek, newKek, this.#storage.readKeys(), 'hmac'));
    });
    this.#kek = newKek;
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    audit(this.#storage, this.#auditFile, entry);
  }

  async auditRecords(): Promise<readonly AuditRecord[]> {
    return this.#storage.auditRecords();
  }

  async count(): Promise<number> {
    return this.#storage.count();
  }

  async close(): Promise<void> {
    this.#cache.clear();
    this.#storage.close();
  }
}
