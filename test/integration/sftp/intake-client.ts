/** Raw ssh2 SFTP client helpers for tests against an in-process `receive` server. */
import { readFileSync } from 'node:fs';
import type { SFTPWrapper } from 'ssh2';
import { connectSftp, SecretText, type SftpConnection } from '../../../src/transport/index.js';
import type { Intake } from './intake-fixture.js';

/** Log in with the fixture's key, or with `password` when given. */
export function login(intake: Intake, user: string, password?: string): Promise<SftpConnection> {
  return connectSftp({
    host: '127.0.0.1',
    port: intake.server.port,
    user,
    credentials:
      password === undefined
        ? { privateKey: readFileSync(intake.userKey) }
        : { password: new SecretText(password) },
    pins: { fingerprints: [intake.server.fingerprint], knownHosts: [] },
  });
}

/** Promisify one ssh2 callback call. */
export const op = <T>(fn: (cb: (e: Error | null | undefined, v?: T) => void) => void) =>
  new Promise<T | undefined>((resolve, reject) => fn((e, v) => (e ? reject(e) : resolve(v))));

/** Upload `data` to `path` in one WRITE; rejects when the server refuses a write or the close. */
export async function put(sftp: SFTPWrapper, path: string, data: Buffer): Promise<void> {
  const handle = (await op<Buffer>((cb) => sftp.open(path, 'w', cb)))!;
  try {
    await op((cb) => sftp.write(handle, data, 0, data.length, 0, (e) => cb(e)));
  } finally {
    await op((cb) => sftp.close(handle, (e) => cb(e)));
  }
}

/** Audit entries matching `pred`, waiting (up to 3 s) until `count` match: the log is async. */
export async function auditEventually(
  intake: Intake,
  pred: (e: Record<string, unknown>) => boolean,
  count = 1,
): Promise<Array<Record<string, unknown>>> {
  const deadline = Date.now() + 3000;
  for (;;) {
    const found = intake.auditLog().filter(pred);
    if (found.length >= count || Date.now() > deadline) return found;
    await new Promise((r) => setTimeout(r, 25));
  }
}
