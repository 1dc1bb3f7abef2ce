/**
 * `receive` requires OpenPGP uploads but accepts one plaintext exception: a strict `NAME.sha256`
 * checksum sidecar for a file beside it (audit-logged). Anything else sidecar-named is refused.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fileSource,
  openSftpStore,
  pullFiles,
  pushFiles,
  type RemoteStore,
  remoteSession,
  SecretText,
} from '../../../src/transport/index.js';
import { payload } from '../../contracts/remote-store.contract.js';
import { auditEventually, login, op, put } from './intake-client.js';
import { type Intake, PASSWORD, startIntake } from './intake-fixture.js';

let intake: Intake;
beforeAll(async () => {
  intake = await startIntake();
});
afterAll(async () => intake?.stop());

const session = (make: () => Promise<RemoteStore>) => remoteSession(make);
const asProcessor = () =>
  session(() =>
    openSftpStore({
      host: '127.0.0.1',
      port: intake.server.port,
      user: 'processor',
      root: '/',
      credentials: { password: new SecretText(PASSWORD) },
      pins: { fingerprints: [intake.server.fingerprint], knownHosts: [] },
    }),
  );
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const inFolder = (name: string) => join(intake.root, 'processor', name);

describe('receive and checksum sidecars', () => {
  it('kmigrate push --sidecar: the file and its sidecar are published, the sidecar logged; pull checks it', async () => {
    const data = payload(300_000, 4);
    const file = join(intake.dir, 'with-sidecar.gpg');
    writeFileSync(file, data);
    const up = asProcessor();
    const [pushed] = await pushFiles(up, [await fileSource(file)], { sidecar: true });
    await up.drop();
    expect(pushed).toMatchObject({ bytes: 300_000, sha256: sha(data) });
    expect(readFileSync(inFolder('with-sidecar.gpg.sha256'), 'utf8')).toBe(
      `${sha(data)}  with-sidecar.gpg\n`,
    );
    const logged = await auditEventually(
      intake,
      (e) => e.action === 'upload-sidecar' && e.file === '/with-sidecar.gpg.sha256',
    );
    expect(logged[0]).toMatchObject({ result: 'ok', size: 83 });

    const down = asProcessor();
    const local = join(intake.dir, 'pulled');
    const [pulled] = await pullFiles(down, ['with-sidecar.gpg'], local);
    await down.drop();
    expect(pulled).toMatchObject({ verified: 'sha256-sidecar', sha256: sha(data) });
    expect(readFileSync(join(local, 'with-sidecar.gpg')).equals(data)).toBe(true);
  });

  it('refuses and deletes plaintext that is not strictly a sidecar for a file beside it', async () => {
    const { client, sftp } = await login(intake, 'processor');
    await put(sftp, '/subject.gpg', payload(1000, 5));
    const good = `${sha(payload(1000, 5))}  subject.gpg`;
    const cases: Array<[string, string]> = [
      ['/subject.gpg.sha256', `${good}\n4111111111111111\n`], // smuggled extra line
      ['/subject.gpg.sha256', `${good.toUpperCase().replace('SUBJECT.GPG', 'subject.gpg')}\n`],
      ['/subject.gpg.sha256', `${good.replace('subject.gpg', 'other.gpg')}\n`], // names another file
      ['/missing.gpg.sha256', `${good.replace('subject.gpg', 'missing.gpg')}\n`], // no such file
      ['/subject.gpg.sha256', `${good}\n${' '.repeat(400)}`], // not tiny
      ['/subject.gpg.txt', `${good}\n`], // not sidecar-named
    ];
    for (const [path, text] of cases)
      await expect(put(sftp, path, Buffer.from(text)), `${path}: ${text.slice(0, 80)}`).rejects.toThrow(
        /refused/,
      );
    client.end();
    expect(existsSync(inFolder('subject.gpg.sha256'))).toBe(false);
    expect(existsSync(inFolder('missing.gpg.sha256'))).toBe(false);
    expect(readdirSync(join(intake.root, '.incoming'))).toEqual([]);
    const refused = await auditEventually(intake, (e) => e.reason === 'plaintext', cases.length);
    expect(refused.length).toBeGreaterThanOrEqual(cases.length);
  });

  it('a sidecar upload that grows past the size limit in later writes is refused at once', async () => {
    const { client, sftp } = await login(intake, 'processor');
    await put(sftp, '/grow.gpg', payload(500, 6));
    const line = Buffer.from(`${sha(payload(500, 6))}  grow.gpg\n`);
    const handle = (await op<Buffer>((cb) => sftp.open('/grow.gpg.sha256', 'w', cb)))!;
    await op((cb) => sftp.write(handle, line, 0, line.length, 0, (e) => cb(e)));
    const more = payload(4096, 7);
    await expect(
      op((cb) => sftp.write(handle, more, 0, more.length, line.length, (e) => cb(e))),
    ).rejects.toThrow(/plaintext/);
    await op((cb) => sftp.close(handle, () => cb(null)));
    client.end();
    expect(existsSync(inFolder('grow.gpg.sha256'))).toBe(false);
  });
});
