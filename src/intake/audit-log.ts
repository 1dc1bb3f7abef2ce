/**
 * The append-only audit log: one JSON object per line with time, account, remote address,
 * action, file, size, SHA-256 and result. Only these fields are written, so no secret can slip in.
 * @module
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { ToolkitError } from '../core/index.js';

/** One audit event. */
export interface AuditEvent {
  readonly account: string | null;
  readonly remote: string | null;
  readonly action: string;
  readonly file?: string | null;
  readonly size?: number | null;
  readonly sha256?: string | null;
  readonly result: 'ok' | 'refused' | 'failed';
  /** A short machine-readable reason for refusals and failures. */
  readonly reason?: string | null;
}

/** Appends events; `close()` flushes. */
export interface AuditLog {
  write(event: AuditEvent): void;
  close(): Promise<void>;
  /** Resolves (never rejects) if a write fails later (a full disk): nothing more is logged. */
  readonly failed: Promise<ToolkitError>;
}

/**
 * Open (append mode, 0600) the log at `path`; resolves once the file is open, so a log that
 * cannot be written stops `receive` before it listens (INTAKE_CONFIG_INVALID).
 */
export async function openAuditLog(path: string, now: () => Date = () => new Date()): Promise<AuditLog> {
  const stream: WriteStream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.once('open', () => {
      stream.off('error', reject);
      resolve();
    });
  }).catch((cause: unknown) => {
    throw new ToolkitError('INTAKE_CONFIG_INVALID', `Cannot open the audit log ${path} for appending.`, {
      cause,
    });
  });
  // a failed write must not crash the server with an unhandled 'error' (a stack trace, exit 1)
  let broken = false;
  const failed = new Promise<ToolkitError>((resolve) =>
    stream.on('error', (cause) => {
      broken = true;
      resolve(new ToolkitError('FILE_UNWRITABLE', `Cannot write the audit log ${path}.`, { cause }));
    }),
  );
  return {
    failed,
    write: (e) => {
      if (broken) return;
      const line = {
        time: now().toISOString(),
        account: e.account,
        remote: e.remote,
        action: e.action,
        file: e.file ?? null,
        size: e.size ?? null,
        sha256: e.sha256 ?? null,
        result: e.result,
        reason: e.reason ?? null,
      };
      stream.write(`${JSON.stringify(line)}\n`);
    },
    close: () => (broken ? Promise.resolve() : new Promise((resolve) => stream.end(resolve))),
  };
}
