/**
 * What an account's SFTP session works with: its folder, limits, the audit log, open handles.
 * @module
 */
import type { Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { Attributes, SFTPWrapper } from 'ssh2';
import type { AuditEvent } from './audit-log.js';
import type { IntakeAccount } from './intake-config.js';
import type { UploadHandle, UploadLimits } from './upload-handle.js';

/** An open download. */
export interface ReadHandle {
  readonly kind: 'read';
  readonly file: FileHandle;
  readonly virtual: string;
}

/** An open folder listing. */
export interface DirHandle {
  readonly kind: 'dir';
  readonly entries: { filename: string; longname: string; attrs: Attributes }[];
  sent: boolean;
}

/** Any open handle. */
export type OpenHandle = UploadHandle | ReadHandle | DirHandle;

/** The per-session state shared by the handlers. */
export interface SessionContext {
  readonly sftp: SFTPWrapper;
  readonly account: IntakeAccount;
  readonly remote: string;
  /** The account's folder (a real path). */
  readonly dir: string;
  /** Where uploads are staged (outside every account folder). */
  readonly incoming: string;
  readonly limits: UploadLimits;
  readonly handles: Map<string, OpenHandle>;
  readonly audit: (event: Omit<AuditEvent, 'account' | 'remote'>) => void;
}

/** Convert fs stats to SFTP attributes. */
export function attrsOf(s: Stats): Attributes {
  return {
    mode: s.mode,
    uid: 0,
    gid: 0,
    size: s.size,
    atime: Math.floor(s.atimeMs / 1000),
    mtime: Math.floor(s.mtimeMs / 1000),
  };
}

/** An `ls -l` style line for a listing. */
export function longnameOf(name: string, s: Stats): string {
  const type = s.isDirectory() ? 'd' : '-';
  const date = new Date(s.mtimeMs).toISOString().slice(0, 16).replace('T', ' ');
  return `${type}rw-------    1 intake   intake   ${String(s.size).padStart(12)} ${date} ${name}`;
}
