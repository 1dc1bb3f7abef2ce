/**
 * The append-only audit log: one JSON object per line with time, account, remote address,
 * action, file, size, SHA-256 and result. Only these fields are written, so no secret can slip in.
 * @module
 */
import { createWriteStream, type WriteStream } from 'node:fs';

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
}

/** Open (append mode, 0600) the log at `path`. */
export function openAuditLog(path: string, now: () => Date = () => new Date()): AuditLog {
  const stream: WriteStream = createWriteStream(path, { flags: 'a', mode: 0o600 });
  return {
    write: (e) => {
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
    close: () => new Promise((resolve) => stream.end(resolve)),
  };
}
