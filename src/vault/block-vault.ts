/**
 * The format-2 `TokenVault` over any {@link BlockStorage}: tokens computed from the card with the
 * token key (no look-up); new cards go to a {@link BlockWriter} (sealed blocks, sorted index
 * chunks); detokenize opens blocks and checks each card against its token. See
 * docs/decisions/0008-vault.md.
 * @module
 */
import { ToolkitError } from '../core/index.js';
import type { BlockStorage } from './block-storage.js';
import { BlockWriter, blockAad } from './block-writer.js';
import { DEFAULT_CACHE_SIZE } from './fingerprint-cache.js';
import type { VaultKek } from './kek.js';
import { auditFailedOpen, unwrapKeys } from './key-pair.js';
import { SeenTokens } from './seen-tokens.js';
import { readCardBlock, SLOT, TokenCipher, tokenBytes, tokenTexts, writeCardBlock } from './token-cipher.js';
import type { TokenVault } from './token-vault.js';
import { openNewVault, VaultBase, type VaultOptions } from './vault-base.js';

/** Opened blocks kept while one detokenize call runs (wiped at its end). */
const OPEN_BLOCKS = 64;

/** Record the creation of a vault, then open it. */
export function openNewBlockVault(
  storage: BlockStorage,
  kek: VaultKek,
  options: VaultOptions = {},
): TokenVault {
  return openNewVault(storage, kek, options, openBlockVault);
}

/** A format-2 vault over `storage`, unlocked with `kek` (a failed open is audited). */
export function openBlockVault(storage: BlockStorage, kek: VaultKek, options: VaultOptions = {}): TokenVault {
  const stored = storage.readKeys();
  try {
    const [dek, tokenKey] = unwrapKeys(kek, stored, 'token');
    const cipher = new TokenCipher(dek, tokenKey);
    dek.fill(0);
    tokenKey.fill(0);
    return new BlockVault(storage, kek, stored.vaultId, cipher, options);
  } catch (error) {
    auditFailedOpen(storage, options.auditFile, error);
    throw error;
  }
}

class BlockVault extends VaultBase<BlockStorage> implements TokenVault {
  readonly #cipher: TokenCipher;
  readonly #vaultId: string;
  /** Tokens already written or stored (bounded; cleared when full). */
  readonly #seen: SeenTokens;
  readonly #writer: BlockWriter;

  constructor(
    storage: BlockStorage,
    kek: VaultKek,
    vaultId: string,
    cipher: TokenCipher,
    options: VaultOptions,
  ) {
    super(storage, kek, 'token', options);
    this.#vaultId = vaultId;
    this.#cipher = cipher;
    this.#seen = new SeenTokens(options.cacheSize ?? DEFAULT_CACHE_SIZE);
    this.#writer = new BlockWriter(storage, cipher, vaultId);
  }

  async tokenize(pans: readonly string[]): Promise<readonly string[]> {
    const blocks = Buffer.alloc(pans.length * SLOT);
    for (let i = 0; i < pans.length; i++) writeCardBlock(pans[i] ?? '', blocks, i * SLOT);
    const raw = this.#cipher.tokensOf(blocks);
    const out = tokenTexts(raw, pans.length);
    const stageAll = (): void => {
      for (let i = 0; i < pans.length; i++)
        if (!this.#seen.addIfNew(raw, i * SLOT)) this.#writer.add(blocks, raw, i * SLOT);
    };
    try {
      if (this.inTransaction) stageAll();
      else if (pans.length > 0)
        this.atomicSync(() => {
          stageAll();
          this.#writer.flush();
        });
    } finally {
      blocks.fill(0);
    }
    return out;
  }

  #reset(): void {
    this.#writer.reset();
    this.#seen.clear();
  }

  async detokenize(tokens: readonly string[]): Promise<readonly string[]> {
    if (this.inTransaction) this.#writer.flush();
    const opened = new Map<number, Buffer>();
    const wipe = (): void => {
      for (const plain of opened.values()) plain.fill(0);
      opened.clear();
    };
    try {
      return tokens.map((token) => {
        const raw = tokenBytes(token);
        const place = raw === undefined ? undefined : this.storage.locate(raw);
        if (raw === undefined || place === undefined)
          throw new ToolkitError('VAULT_TOKEN_UNKNOWN', 'A token is not in this vault.', {
            context: { tokenShape: `${token.length} characters` },
          });
        let plain = opened.get(place.block);
        if (plain === undefined) {
          const sealed = this.storage.sealedBlock(place.block);
          if (sealed === undefined)
            throw new ToolkitError('VAULT_TAMPERED', 'A token points to a missing card block.');
          if (opened.size >= OPEN_BLOCKS) wipe();
          plain = this.#cipher.open(sealed, blockAad(this.#vaultId, place.block));
          opened.set(place.block, plain);
        }
        const at = place.pos * SLOT;
        const pan = at + SLOT <= plain.length ? readCardBlock(plain, at) : undefined;
        if (pan === undefined || !this.#cipher.tokensOf(plain.subarray(at, at + SLOT)).equals(raw))
          throw new ToolkitError('VAULT_TAMPERED', 'A stored card does not match its token.');
        return pan;
      });
    } finally {
      wipe();
    }
  }

  protected override beforeCommit(): void {
    this.#writer.flush();
  }

  protected afterRollback(): void {
    this.#reset();
  }

  async count(): Promise<number> {
    if (this.inTransaction) this.#writer.flush();
    return this.storage.count();
  }

  async close(): Promise<void> {
    this.#reset();
    this.storage.close();
  }
}
