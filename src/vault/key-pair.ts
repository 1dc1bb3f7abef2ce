/**
 * The two working keys of a vault, wrapped under the KEK: the data key and a second key (the
 * fingerprint key of a format-1 vault, the token key of a format-2 vault). Shared by both vault
 * formats: creation, unlocking, re-wrapping for rotation, and the audit of open and init.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { ToolkitError } from '../core/index.js';
import { appendAuditLine, completeAudit } from './audit-file.js';
import type { VaultKek } from './kek.js';
import type { AuditEntry, AuditRecord } from './token-vault.js';
import { unwrapKey, wrapKey } from './vault-crypto.js';
import type { StoredKeys } from './vault-storage.js';

/** What the second key is for: its wrap label. */
export type SecondKey = 'hmac' | 'token';

const label = (vaultId: string, purpose: string): string => `kmigrate-vault:${vaultId}:${purpose}`;

/** Fresh wrapped keys for a new vault. */
export function newStoredKeys(kek: VaultKek, second: SecondKey): StoredKeys {
  const vaultId = randomBytes(16).toString('hex');
  return {
    vaultId,
    wrappedDek: wrapKey(kek, randomBytes(32), label(vaultId, 'dek'), randomBytes(12)),
    wrappedHmac: wrapKey(kek, randomBytes(32), label(vaultId, second), randomBytes(12)),
  };
}

/** The clear data key and second key (VAULT_KEK_WRONG when `kek` does not unwrap them). */
export function unwrapKeys(kek: VaultKek, keys: StoredKeys, second: SecondKey): [Buffer, Buffer] {
  return [
    unwrapKey(kek, keys.wrappedDek, label(keys.vaultId, 'dek')),
    unwrapKey(kek, keys.wrappedHmac, label(keys.vaultId, second)),
  ];
}

/** The same keys wrapped under `newKek` (fresh IVs; the clear keys are wiped afterwards). */
export function rewrapKeys(
  oldKek: VaultKek,
  newKek: VaultKek,
  keys: StoredKeys,
  second: SecondKey,
): StoredKeys {
  const [dek, other] = unwrapKeys(oldKek, keys, second);
  const rewrapped = {
    vaultId: keys.vaultId,
    wrappedDek: wrapKey(newKek, dek, label(keys.vaultId, 'dek'), randomBytes(12)),
    wrappedHmac: wrapKey(newKek, other, label(keys.vaultId, second), randomBytes(12)),
  };
  dek.fill(0);
  other.fill(0);
  return rewrapped;
}

/** Where audit records go: the vault's own table, and the JSON-lines file when there is one. */
export interface AuditSink {
  appendAudit(record: AuditRecord): void;
}

/** Append one audit record to the vault and to the audit file. */
export function audit(sink: AuditSink, auditFile: string | undefined, entry: AuditEntry): void {
  const record = completeAudit(entry);
  sink.appendAudit(record);
  if (auditFile !== undefined) appendAuditLine(auditFile, record);
}

/** Audit a failed open (its error code) and close the storage. */
export function auditFailedOpen(
  sink: AuditSink & { close(): void },
  auditFile: string | undefined,
  error: unknown,
): void {
  const detail = error instanceof ToolkitError ? error.code : 'error';
  audit(sink, auditFile, { action: 'open', count: 0, fileSha256: null, result: 'failure', detail });
  sink.close();
}
