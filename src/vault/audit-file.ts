/**
 * The append-only JSON-lines audit file beside the vault (PCI DSS 10.2): one line per action,
 * opened with O_APPEND and mode 0600. It holds who, when, what, how many and file hashes only.
 * @module
 */
import { appendFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { ToolkitError } from '../core/index.js';
import type { AuditEntry, AuditRecord } from './token-vault.js';

/** The OS user running kmigrate. */
export function currentUser(): string {
  try {
    return userInfo().username;
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

/** Fill in `at` and `who`. */
export function completeAudit(entry: AuditEntry): AuditRecord {
  return {
    at: entry.at ?? new Date().toISOString(),
    who: entry.who ?? currentUser(),
    action: entry.action,
    count: entry.count,
    fileSha256: entry.fileSha256,
    result: entry.result,
    detail: entry.detail,
  };
}

/** Append one record as a JSON line. */
export function appendAuditLine(path: string, record: AuditRecord): void {
  try {
    appendFileSync(path, `${JSON.stringify(record)}\n`, { flag: 'a', mode: 0o600 });
  } catch (cause) {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot append to the audit log ${path}.`, { cause });
  }
}
