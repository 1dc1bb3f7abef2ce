/**
 * The real OpenSSH `sftp` client (batch mode) against `kmigrate receive`: key and password
 * logins, an encrypted upload published, a plaintext one refused.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { payload } from '../../contracts/remote-store.contract.js';
import { auditEventually } from './intake-client.js';
import { type Intake, PASSWORD, startIntake } from './intake-fixture.js';
import { requireOpenSsh } from './sshd-fixture.js';

let intake: Intake;
let known: string;
beforeAll(async () => {
  requireOpenSsh();
  if (!existsSync('/usr/bin/sshpass'))
    throw new Error('sshpass is missing: apt-get install -y sshpass (.ci/run does this).');
  intake = await startIntake();
  const pub = execFileSync('ssh-keygen', ['-y', '-f', join(intake.dir, 'intake-host-key')], {
    encoding: 'utf8',
  }).trim();
  known = join(intake.dir, 'known_hosts');
  writeFileSync(known, `[127.0.0.1]:${intake.server.port} ${pub}\n`);
});
afterAll(async () => intake?.stop());

/** Async on purpose: the server runs in this process, so a blocking spawn would deadlock. */
function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d));
    child.stderr.on('data', (d: Buffer) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

function sftp(batch: string, auth: 'key' | 'password', user = 'processor') {
  const file = join(intake.dir, `batch-${Math.random()}`);
  writeFileSync(file, batch);
  // BatchMode=no must come before -b, which otherwise turns password prompts off.
  const args = [
    '-o',
    'BatchMode=no',
    '-b',
    file,
    '-P',
    String(intake.server.port),
    '-o',
    'StrictHostKeyChecking=yes',
    '-o',
    `UserKnownHostsFile=${known}`,
  ];
  const keyArgs = ['-i', intake.userKey, '-o', 'PasswordAuthentication=no'];
  const pwArgs = ['-o', 'PubkeyAuthentication=no', '-o', 'PreferredAuthentications=password'];
  return auth === 'key'
    ? run('sftp', [...args, ...keyArgs, `${user}@127.0.0.1`], process.env)
    : run('sshpass', ['-e', 'sftp', ...args, ...pwArgs, `${user}@127.0.0.1`], {
        ...process.env,
        SSHPASS: PASSWORD,
      });
}

describe('OpenSSH sftp client against receive', async () => {
  it('uploads an encrypted file with key auth; the host key pinned by fingerprint matches', async () => {
    const f = join(intake.dir, 'export.csv.gpg');
    writeFileSync(f, payload(300_000));
    const r = await sftp(`put ${f} /export.csv.gpg\n`, 'key');
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(join(intake.root, 'processor', 'export.csv.gpg')).equals(payload(300_000))).toBe(
      true,
    );
  });

  it('uploads with password auth (sshpass), and reads its own upload back', async () => {
    const f = join(intake.dir, 'second.gpg');
    writeFileSync(f, payload(70_000, 9));
    const back = join(intake.dir, 'back.gpg');
    const r = await sftp(`put ${f} second.gpg\nget second.gpg ${back}\n`, 'password');
    expect(r.code, r.out).toBe(0);
    expect(readFileSync(back).equals(payload(70_000, 9))).toBe(true);
  });

  /** Audit events matching `pred`, waited for: the log is written asynchronously. */
  const logged = async (pred: (e: Record<string, unknown>) => boolean): Promise<number> =>
    (await auditEventually(intake, pred)).length;

  it('refuses a plaintext upload, a listing and a symlink from the OpenSSH client', async () => {
    const f = join(intake.dir, 'cards.csv');
    writeFileSync(f, 'card_number\n4111111111111111\n'.repeat(20));
    const put = await sftp(`put ${f} cards.csv\n`, 'key');
    expect(put.code, put.out).not.toBe(0);
    const ls = await sftp('ls\n', 'key');
    expect(ls.out).not.toContain('export.csv.gpg'); // OpenSSH's ls exits 0 on an unreadable folder
    const ln = await sftp('symlink /etc/passwd pw\n', 'key');
    expect(ln.code, ln.out).not.toBe(0);
    expect(existsSync(join(intake.root, 'processor', 'cards.csv'))).toBe(false);
    expect(await logged((e) => e.file === '/cards.csv' && e.reason === 'plaintext')).toBeGreaterThan(0);
    expect(await logged((e) => e.action === 'symlink' && e.result === 'refused')).toBeGreaterThan(0);
    expect(await logged((e) => e.action === 'list' && e.reason === 'upload-only-account')).toBeGreaterThan(0);
  });

  it('accepts a sha256sum-style sidecar beside an upload (logged), refuses one with anything more', async () => {
    const f = join(intake.dir, 'drop.gpg');
    writeFileSync(f, payload(90_000, 3));
    const sum = createHash('sha256').update(payload(90_000, 3)).digest('hex');
    writeFileSync(`${f}.sha256`, `${sum}  drop.gpg\n`);
    const ok = await sftp(`put ${f} drop.gpg\nput ${f}.sha256 drop.gpg.sha256\n`, 'key');
    expect(ok.code, ok.out).toBe(0);
    expect(readFileSync(join(intake.root, 'processor', 'drop.gpg.sha256'), 'utf8')).toBe(
      `${sum}  drop.gpg\n`,
    );
    writeFileSync(`${f}.sha256`, `${sum}  drop.gpg\ncard_number,4111111111111111\n`);
    const bad = await sftp(`put ${f}.sha256 drop.gpg.sha256\n`, 'key');
    expect(bad.code, bad.out).not.toBe(0);
    expect(
      await logged((e) => e.action === 'upload-sidecar' && e.file === '/drop.gpg.sha256'),
    ).toBeGreaterThan(0);
    expect(await logged((e) => e.file === '/drop.gpg.sha256' && e.reason === 'plaintext')).toBeGreaterThan(0);
  });

  it('a read-write account can list', async () => {
    const r = await sftp('ls -l /\n', 'key', 'ops');
    expect(r.code, r.out).toBe(0);
  });
});
