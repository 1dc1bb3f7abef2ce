/**
 * The format-1 (legacy) `TokenVault`: random tokens found by a keyed fingerprint, one AES-GCM
 * record per card. Vault files created before format 2 still open through it (sqlite-vault.ts).
 * @module
 */
import { randomBytes } from 'node:crypto';
import { ToolkitError } from '../core/index.js';
import { FingerprintCache } from './fingerprint-cache.js';
import type { VaultKek } from './kek.js';
import { auditFailedOpen, unwrapKeys } from './key-pair.js';
import { newTokens } from './new-token.js';
import type { TokenVault } from './token-vault.js';
import { openNewVault, VaultBase, type VaultOptions } from './vault-base.js';
import { VaultKeys } from './vault-crypto.js';
import type { StoredCard, VaultStorage } from './vault-storage.js';

export type { VaultOptions } from './vault-base.js';

/** Record the creation of a (format-1) vault, then open it. */
export function openNewKeyedVault(
  storage: VaultStorage,
  kek: VaultKek,
  options: VaultOptions = {},
): TokenVault {
  return openNewVault(storage, kek, options, openKeyedVault);
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

class KeyedVault extends VaultBase<VaultStorage> implements TokenVault {
  readonly #keys: VaultKeys;
  readonly #cache: FingerprintCache;

  constructor(storage: VaultStorage, kek: VaultKek, keys: VaultKeys, options: VaultOptions) {
    super(storage, kek, 'hmac', options);
    this.#keys = keys;
    this.#cache = new FingerprintCache(options.cacheSize);
  }

  protected afterRollback(): void {
    this.#cache.clear();
  }

  async tokenize(pans: readonly string[]): Promise<readonly string[]> {
    const out: string[] = new Array<string>(pans.length);
    const fresh: { index: number; pan: string; fingerprint: Buffer }[] = [];
    const pending = new Map<string, number>();
    for (let i = 0; i < pans.length; i++) {
      const pan = pans[i] ?? '';
      const fingerprint = this.#keys.fingerprint(pan);
      const known = this.#cache.get(fingerprint) ?? this.storage.tokenFor(fingerprint);
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
    if (this.inTransaction) this.storage.insert(cards);
    else this.atomicSync(() => this.storage.insert(cards));
  }

  async detokenize(tokens: readonly string[]): Promise<readonly string[]> {
    return tokens.map((token) => {
      const sealed = this.storage.sealedFor(token);
      if (sealed === undefined)
        throw new ToolkitError('VAULT_TOKEN_UNKNOWN', 'A token is not in this vault.', {
          context: { tokenShape: `${token.length} characters` },
        });
      return this.#keys.open(sealed, token);
    });
  }

  async count(): Promise<number> {
    return this.storage.count();
  }

  async close(): Promise<void> {
    this.#cache.clear();
    this.storage.close();
  }
}
