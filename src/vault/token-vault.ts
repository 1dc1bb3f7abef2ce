/**
 * The `TokenVault` port: card numbers in, opaque tokens out, and back only for the final
 * encrypted delivery. Implementations: SQLite (a file) and in-memory; one contract suite
 * (test/contracts/token-vault.contract.ts) runs against both.
 * @module
 */
import type { VaultKek } from './kek.js';

/** What a vault action was. */
export type AuditAction = 'init' | 'tokenize' | 'detokenize' | 'rotate' | 'open';

/** One audit entry as recorded: who, when, what, how many, on which file (by hash). Never a value. */
export interface AuditRecord {
  /** ISO 8601 UTC timestamp. */
  readonly at: string;
  /** The OS user. */
  readonly who: string;
  readonly action: AuditAction;
  /** Cards tokenized or detokenized (0 for admin actions). */
  readonly count: number;
  /** SHA-256 (hex) of the input file's bytes as read, or null. */
  readonly fileSha256: string | null;
  readonly result: 'success' | 'failure';
  /** A file name, an error code or a short note; never a card number. */
  readonly detail: string;
}

/** What a caller supplies; `at` and `who` are filled in by the vault. */
export type AuditEntry = Omit<AuditRecord, 'at' | 'who'> & { readonly at?: string; readonly who?: string };

/** An open vault. Card numbers are digit strings already validated by the caller. */
export interface TokenVault {
  /** One token per card, in order; the same card always gets the same token in this vault. */
  tokenize(pans: readonly string[]): Promise<readonly string[]>;
  /** The card of each token; VAULT_TOKEN_UNKNOWN when a token is not in this vault. */
  detokenize(tokens: readonly string[]): Promise<readonly string[]>;
  /** Run `work` so that either all its new tokens are kept or none are. */
  atomically<T>(work: () => Promise<T>): Promise<T>;
  /** Re-wrap the data and fingerprint keys under `newKek` in one transaction; tokens unchanged. */
  rotate(newKek: VaultKek): Promise<void>;
  /** Append to the audit trail (also when the action failed). */
  recordAudit(entry: AuditEntry): Promise<void>;
  /** Roll back the run and audit it as interrupted; synchronous (for a signal handler). */
  recordInterrupted(action: AuditEntry['action']): void;
  auditRecords(): Promise<readonly AuditRecord[]>;
  /** Number of cards stored. */
  count(): Promise<number>;
  close(): Promise<void>;
}
