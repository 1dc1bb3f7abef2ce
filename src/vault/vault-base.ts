/**
 * What both vault formats share: the storage's key, transaction and audit operations, and a base
 * class with the transaction handling, key rotation and audit methods of a `TokenVault`. Each
 * format adds only how cards become tokens and back.
 * @module
 */

import { appendAuditLine, completeAudit } from './audit-file.js';
import type { VaultKek } from './kek.js';
import { audit, rewrapKeys } from './key-pair.js';
import type { AuditEntry, AuditRecord, TokenVault } from './token-vault.js';
import type { StoredKeys } from './vault-storage.js';

/** Options shared by every vault implementation. */
export interface VaultOptions {
  /** Also append every audit record to this JSON-lines file. */
  readonly auditFile?: string | undefined;
  /** Fingerprint / seen-token cache size (default 50,000). */
  readonly cacheSize?: number | undefined;
}

/** The part of a vault's storage every format has. */
export interface VaultStorageCore {
  readKeys(): StoredKeys;
  writeKeys(keys: StoredKeys): void;
  begin(): void;
  commit(): void;
  rollback(): void;
  appendAudit(record: AuditRecord): void;
  auditRecords(): readonly AuditRecord[];
  count(): number;
  close(): void;
}

/** Record the creation of a vault, then open it with `open`. */
export function openNewVault<S extends VaultStorageCore>(
  storage: S,
  kek: VaultKek,
  options: VaultOptions,
  open: (storage: S, kek: VaultKek, options: VaultOptions) => TokenVault,
): TokenVault {
  audit(storage, options.auditFile, {
    action: 'init',
    count: 0,
    fileSha256: null,
    result: 'success',
    detail: '',
  });
  return open(storage, kek, options);
}

/** Transactions, rotation and audit over a {@link VaultStorageCore}. */
export abstract class VaultBase<S extends VaultStorageCore> {
  protected readonly storage: S;
  protected inTransaction = false;
  #kek: VaultKek;
  readonly #auditFile: string | undefined;
  readonly #second: 'hmac' | 'token';

  /** `second`: which key is wrapped beside the data key (format 1: 'hmac', format 2: 'token'). */
  constructor(storage: S, kek: VaultKek, second: 'hmac' | 'token', options: VaultOptions) {
    this.storage = storage;
    this.#kek = kek;
    this.#second = second;
    this.#auditFile = options.auditFile;
  }

  /** Runs inside `atomically`'s transaction just before it commits (flush staged writes). */
  protected beforeCommit(): void {}

  /** Runs after a rollback: forget state that only the rolled-back transaction had. */
  protected abstract afterRollback(): void;

  async atomically<T>(work: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return work();
    this.storage.begin();
    this.inTransaction = true;
    try {
      const result = await work();
      this.beforeCommit();
      this.storage.commit();
      return result;
    } catch (error) {
      this.storage.rollback();
      this.afterRollback();
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  /** `work` in a transaction of its own (callers outside `atomically`). */
  protected atomicSync(work: () => void): void {
    this.storage.begin();
    try {
      work();
      this.storage.commit();
    } catch (error) {
      this.storage.rollback();
      this.afterRollback();
      throw error;
    }
  }

  async rotate(newKek: VaultKek): Promise<void> {
    this.atomicSync(() => {
      this.storage.writeKeys(rewrapKeys(this.#kek, newKek, this.storage.readKeys(), this.#second));
    });
    this.#kek = newKek;
  }

  async recordAudit(entry: AuditEntry): Promise<void> {
    audit(this.storage, this.#auditFile, entry);
  }

  /**
   * The run was interrupted (SIGINT, SIGTERM, SIGHUP): roll back what it had not committed and
   * audit it as a failure. Synchronous — it runs in the signal handler, just before the exit.
   */
  recordInterrupted(action: AuditEntry['action']): void {
    if (this.inTransaction) {
      try {
        this.storage.rollback();
        this.afterRollback();
      } catch {
        // the process exits now: an uncommitted transaction is dropped with it
      }
      this.inTransaction = false;
    }
    const entry: AuditEntry = {
      action,
      count: 0,
      fileSha256: null,
      result: 'failure',
      detail: 'INTERRUPTED',
    };
    try {
      audit(this.storage, this.#auditFile, entry);
    } catch {
      // the database is busy mid-statement: the audit file still gets the line
      if (this.#auditFile !== undefined) appendAuditLine(this.#auditFile, completeAudit(entry));
    }
  }

  async auditRecords(): Promise<readonly AuditRecord[]> {
    return this.storage.auditRecords();
  }
}
