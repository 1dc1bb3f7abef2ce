/**
 * One logged-in account's SFTP channel: wires the handlers and, when the connection ends for any
 * reason (client gone, network dropped, server shutting down), deletes unfinished uploads so no
 * partial file is ever published.
 * @module
 */
import type { SFTPWrapper } from 'ssh2';
import { sshUtils as utils } from '../transport/index.js';
import type { AuditLog } from './audit-log.js';
import { attachFileHandlers } from './file-handlers.js';
import type { IntakeAccount } from './intake-config.js';
import { attachPathHandlers } from './path-handlers.js';
import type { OpenHandle, SessionContext } from './session-context.js';
import type { UploadLimits } from './upload-handle.js';

/** What a session needs from the server. */
export interface SessionSetup {
  readonly account: IntakeAccount;
  readonly remote: string;
  readonly dir: string;
  readonly incoming: string;
  readonly limits: UploadLimits;
  readonly log: AuditLog;
}

/** Serve SFTP for one account; resolves the returned `abort` once unfinished uploads are gone. */
export function serveSftpSession(sftp: SFTPWrapper, setup: SessionSetup): { abort: () => Promise<void> } {
  const handles = new Map<string, OpenHandle>();
  const ctx: SessionContext = {
    sftp,
    account: setup.account,
    remote: setup.remote,
    dir: setup.dir,
    incoming: setup.incoming,
    limits: setup.limits,
    handles,
    audit: (e) => setup.log.write({ account: setup.account.name, remote: setup.remote, ...e }),
  };
  const guard = (reqId: number, work: Promise<void>): void => {
    work.catch(() => {
      ctx.audit({ action: 'request', result: 'failed', reason: 'server-error' });
      try {
        sftp.status(reqId, utils.sftp.STATUS_CODE.FAILURE);
      } catch {
        // the channel is already gone
      }
    });
  };
  attachFileHandlers(ctx, guard);
  attachPathHandlers(ctx, guard);
  let aborted: Promise<void> | undefined;
  const abort = (): Promise<void> => {
    aborted ??= (async () => {
      const open = [...handles.values()];
      handles.clear();
      for (const h of open) {
        if (h.kind === 'read') await h.file.close().catch(() => undefined);
        if (h.kind === 'upload' && h.refused === undefined) {
          await h.refuse('aborted');
          ctx.audit({ action: 'upload', file: h.virtual, result: 'refused', reason: 'connection-closed' });
        }
      }
    })();
    return aborted;
  };
  sftp.on('close', () => void abort());
  sftp.on('end', () => {
    void abort();
    sftp.end(); // answer the client's EOF, or OpenSSH's sftp waits for the channel forever
  });
  return { abort };
}
