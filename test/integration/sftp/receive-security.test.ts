/**
 * Hostile clients against `receive`: each attack is refused and appears in the audit log.
 */
import { existsSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as openpgp from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fileSource,
  openSftpStore,
  pushFiles,
  remoteSession,
  SecretText,
} from '../../../src/transport/index.js';
import { payload } from '../../contracts/remote-store.contract.js';
import { auditEventually as auditAwait, login as loginAs, op, put } from './intake-client.js';
import { type Intake, PASSWORD, startIntake } from './intake-fixture.js';

let intake: Intake;
beforeAll(async () => {
  intake = await startIntake();
});
afterAll(async () => intake?.stop());

const login = (user: string, password?: string) => loginAs(intake, user, password);
const auditEventually = (pred: (e: Record<string, unknown>) => boolean, count = 1) =>
  auditAwait(intake, pred, count);
const published = (account: string) =>
  readdirSync(join(intake.root, account)).filter((n) => !n.startsWith('.'));

describe('receive refuses and logs', () => {
  it('../ and absolute paths outside the account folder', async () => {
    const { client, sftp } = await login('processor', PASSWORD);
    await expect(op((cb) => sftp.stat('../other/x', cb))).rejects.toMatchObject({ code: 3 });
    await expect(put(sftp, '/../../../tmp/evil.gpg', payload(100))).rejects.toMatchObject({ code: 3 });
    await expect(op((cb) => sftp.open('/etc/passwd', 'r', cb))).rejects.toMatchObject({ code: 2 });
    client.end();
    expect((await auditEventually((e) => e.reason === 'path-traversal', 2)).length).toBeGreaterThanOrEqual(2);
    expect(existsSync('/tmp/evil.gpg')).toBe(false);
  });

  it('symlink creation, and reaching out through a planted link', async () => {
    symlinkSync('/etc', join(intake.root, 'processor', 'planted'));
    const { client, sftp } = await login('processor', PASSWORD);
    await expect(op((cb) => sftp.symlink('/etc/passwd', 'link', (e) => cb(e)))).rejects.toMatchObject({
      code: 3,
    });
    await expect(op((cb) => sftp.open('/planted/passwd', 'r', cb))).rejects.toMatchObject({ code: 3 });
    client.end();
    expect(await auditEventually((e) => e.action === 'symlink' && e.result === 'refused')).toHaveLength(1);
    expect((await auditEventually((e) => e.reason === 'symlink')).length).toBeGreaterThanOrEqual(1);
  });

  it("another account's files, and listing by an upload-only account", async () => {
    writeFileSync(join(intake.root, 'other', 'secret.gpg'), payload(50));
    const { client, sftp } = await login('processor', PASSWORD);
    await expect(op((cb) => sftp.open('/../other/secret.gpg', 'r', cb))).rejects.toMatchObject({ code: 3 });
    await expect(op((cb) => sftp.open('/other/secret.gpg', 'r', cb))).rejects.toMatchObject({ code: 2 });
    await expect(op((cb) => sftp.readdir('/', cb))).rejects.toMatchObject({ code: 3 });
    client.end();
    expect(
      await auditEventually((e) => e.action === 'list' && e.reason === 'upload-only-account'),
    ).toHaveLength(1);
  });

  it('an oversize upload (limit 4 MiB): refused, nothing published', async () => {
    const { client, sftp } = await login('processor', PASSWORD);
    await expect(put(sftp, '/big.gpg', payload(5 * 1024 * 1024))).rejects.toThrow();
    client.end();
    expect(published('processor')).not.toContain('big.gpg');
    expect(await auditEventually((e) => e.file === '/big.gpg' && e.reason === 'oversize')).toHaveLength(1);
  });

  it('a plaintext card file: refused, deleted at once, logged', async () => {
    const csv = Buffer.from(`${'card_number,exp\n4111111111111111,12/29\n'.repeat(10)}`);
    const { client, sftp } = await login('processor', PASSWORD);
    await expect(put(sftp, '/cards.csv', csv)).rejects.toThrow(/refused/);
    client.end();
    expect(published('processor')).not.toContain('cards.csv');
    expect(readdirSync(join(intake.root, '.incoming'))).toEqual([]);
    expect(await auditEventually((e) => e.file === '/cards.csv' && e.reason === 'plaintext')).toHaveLength(1);
  });

  it('OpenPGP that is not encrypted (an armored stored message, an armor line over clear text): refused', async () => {
    const csv = `${'card_number,exp\n4111111111111111,12/29\n'.repeat(10)}`;
    const stored = (await openpgp.createMessage({ text: csv })).armor();
    const fake = `-----BEGIN PGP MESSAGE-----\n\n${csv}`;
    const { client, sftp } = await login('processor', PASSWORD);
    await expect(put(sftp, '/stored.asc', Buffer.from(stored))).rejects.toThrow(/refused/);
    await expect(put(sftp, '/fake.asc', Buffer.from(fake))).rejects.toThrow(/refused/);
    client.end();
    expect(published('processor')).not.toContain('stored.asc');
    expect(published('processor')).not.toContain('fake.asc');
    expect(await auditEventually((e) => e.file === '/stored.asc' && e.reason === 'plaintext')).toHaveLength(
      1,
    );
  });

  it('a dropped connection mid-upload: no published partial file', async () => {
    const { client, sftp } = await login('processor', PASSWORD);
    const handle = (await op<Buffer>((cb) => sftp.open('/partial.gpg', 'w', cb)))!;
    await op((cb) => sftp.write(handle, payload(100_000), 0, 100_000, 0, (e) => cb(e)));
    (client as unknown as { _sock: { destroy(): void } })._sock.destroy();
    await new Promise((r) => setTimeout(r, 300));
    expect(published('processor')).not.toContain('partial.gpg');
    expect(readdirSync(join(intake.root, '.incoming'))).toEqual([]);
    expect(
      await auditEventually((e) => e.file === '/partial.gpg' && e.reason === 'connection-closed'),
    ).toHaveLength(1);
  });

  it('twenty wrong passwords: locked out (then even the right one is refused), never logging secrets', async () => {
    const results: string[] = [];
    for (let i = 0; i < 20; i++)
      results.push(
        await login('other', `wrong-${i}`).then(
          (c) => {
            c.client.end();
            return 'in';
          },
          (e: { code: string }) => e.code,
        ),
      );
    expect(results.every((r) => r === 'SFTP_AUTH_FAILED')).toBe(true);
    await expect(login('other', 'other-secret')).rejects.toMatchObject({ code: 'SFTP_AUTH_FAILED' });
    // the audit log is appended asynchronously: wait for the entries rather than read it at once
    expect(
      (await auditEventually((e) => e.account === 'other' && e.reason === 'password: locked-out', 15)).length,
    ).toBeGreaterThanOrEqual(15);
    const log = readFileSync(join(intake.dir, 'intake-audit.jsonl'), 'utf8');
    expect(log).not.toContain('wrong-');
    expect(log).not.toContain('other-secret');
    expect(log).not.toContain(PASSWORD);
  });

  it('an encrypted upload is published with its size and SHA-256 logged', async () => {
    const { client, sftp } = await login('processor');
    await put(sftp, '/ok.gpg', payload(10_000));
    client.end();
    expect(published('processor')).toContain('ok.gpg');
    expect((await auditEventually((e) => e.file === '/ok.gpg' && e.result === 'ok'))[0]).toMatchObject({
      size: 10_000,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  });

  it("kmigrate's own client can push twice to an upload-only account (replace, verified by read-back)", async () => {
    const file = join(intake.dir, 'again.gpg');
    const session = remoteSession(() =>
      openSftpStore({
        host: '127.0.0.1',
        port: intake.server.port,
        user: 'processor',
        root: '/',
        credentials: { password: new SecretText(PASSWORD) },
        pins: { fingerprints: [intake.server.fingerprint], knownHosts: [] },
      }),
    );
    writeFileSync(file, payload(50_000, 1));
    await pushFiles(session, [await fileSource(file)]);
    writeFileSync(file, payload(60_000, 2));
    const [r] = await pushFiles(session, [await fileSource(file)]);
    await session.drop();
    expect(r).toMatchObject({ bytes: 60_000, verified: 'sha256-reread' });
    expect(readFileSync(join(intake.root, 'processor', 'again.gpg')).equals(payload(60_000, 2))).toBe(true);
  });
});
