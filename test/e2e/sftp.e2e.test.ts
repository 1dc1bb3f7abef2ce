/**
 * `push`, `pull` and `receive` through the built CLI: kmigrate against a private OpenSSH sshd,
 * host-key pinning, verification, resume, --encrypt-to, and receive's graceful shutdown.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectSftp } from '../../src/transport/index.js';
import { payload } from '../contracts/remote-store.contract.js';
import { PASSWORD, writeIntakeConfig } from '../integration/sftp/intake-fixture.js';
import { type Sshd, startSshd } from '../integration/sftp/sshd-fixture.js';
import { type CliRun, kmigrate, ROOT, tempDir } from '../support/cli.js';

const PASSPHRASE = 'sftp e2e passphrase 5b1f';
const { dir, cleanup } = tempDir();
let sshd: Sshd;
let url: string;
const data = payload(2_500_000, 11);

function km(args: readonly string[], env: Record<string, string> = {}): CliRun {
  return kmigrate(args, { cwd: dir, env: { KMIGRATE_PGP_PASSPHRASE: PASSPHRASE, ...env } });
}

beforeAll(async () => {
  sshd = await startSshd();
  url = `sftp://root@127.0.0.1:${sshd.port}${sshd.dir}/inbox`;
  writeFileSync(join(dir, 'export.csv'), data);
});
afterAll(async () => {
  await sshd?.stop();
  cleanup();
});

describe('push and pull against OpenSSH sshd', () => {
  it('refuses an unpinned host key and shows its fingerprint', () => {
    const r = km(['push', 'export.csv', url, '--identity', sshd.userKey]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SFTP_HOST_KEY_UNKNOWN');
    expect(r.stderr).toContain(sshd.hostFingerprint);
  });

  it('refuses a changed host key', () => {
    const wrong = `SHA256:${'A'.repeat(43)}`;
    const r = km(['push', 'export.csv', url, '--identity', sshd.userKey, '--host-key', wrong]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SFTP_HOST_KEY_MISMATCH');
  });

  it('never takes a password from argv', () => {
    const r = km(['push', 'export.csv', url, '--password', 'hunter2']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('hunter2');
  });

  it('pushes (resuming a partial upload), verified by re-read, with a sidecar', () => {
    mkdirSync(join(sshd.dir, 'inbox'), { recursive: true });
    writeFileSync(join(sshd.dir, 'inbox', '.export.csv.kmigrate-part'), data.subarray(0, 1_000_000));
    const r = km([
      'push',
      'export.csv',
      url,
      '--identity',
      sshd.userKey,
      '--host-key',
      sshd.hostFingerprint,
      '--sidecar',
      '--format',
      'json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const [t] = (JSON.parse(r.stdout) as { transfers: Record<string, unknown>[] }).transfers;
    expect(t).toMatchObject({ bytes: data.length, resumedFrom: 1_000_000, verified: 'sha256-reread' });
    expect(readFileSync(join(sshd.dir, 'inbox', 'export.csv')).equals(data)).toBe(true);
    expect(readFileSync(join(sshd.dir, 'inbox', 'export.csv.sha256'), 'utf8')).toBe(
      `${t?.sha256}  export.csv\n`,
    );
    expect(existsSync(join(sshd.dir, 'inbox', '.export.csv.kmigrate-part'))).toBe(false);
  });

  it('pulls with a known_hosts file, verified by the sidecar', () => {
    const r = km([
      'pull',
      `${url}/export.csv`,
      '-o',
      'down',
      '--identity',
      sshd.userKey,
      '--known-hosts',
      sshd.knownHostsFile,
      '--format',
      'json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).transfers[0]).toMatchObject({
      verified: 'sha256-sidecar',
      bytes: data.length,
    });
    expect(readFileSync(join(dir, 'down', 'export.csv')).equals(data)).toBe(true);
  });

  it('a missing remote file is SFTP_NOT_FOUND', () => {
    const r = km([
      'pull',
      `${url}/nope.csv`,
      '-o',
      'down',
      '--identity',
      sshd.userKey,
      '--host-key',
      sshd.hostFingerprint,
    ]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('SFTP_NOT_FOUND');
  });

  it('--encrypt-to encrypts on the way out; the uploaded .gpg decrypts to the original', () => {
    const gen = km([
      'keys',
      'generate',
      '--name',
      'CRM',
      '--email',
      'crm@example.invalid',
      '--format',
      'json',
    ]);
    expect(gen.code, gen.stderr).toBe(0);
    const fpr = (JSON.parse(gen.stdout) as { fingerprint: string }).fingerprint;
    const r = km([
      'push',
      'export.csv',
      url,
      '--identity',
      sshd.userKey,
      '--host-key',
      sshd.hostFingerprint,
      '--encrypt-to',
      fpr,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const remote = join(sshd.dir, 'inbox', 'export.csv.gpg');
    expect(readFileSync(remote).subarray(0, 100).includes(Buffer.from('card'))).toBe(false);
    const d = km(['decrypt', remote, '-o', 'roundtrip.csv']);
    expect(d.code, d.stderr).toBe(0);
    expect(readFileSync(join(dir, 'roundtrip.csv')).equals(data)).toBe(true);
  });
});

function kmAsync(args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin', 'kmigrate.js'), ...args], {
      cwd: dir,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => {
      stdout += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
    });
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

async function startReceive(configFile: string) {
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin', 'kmigrate.js'), 'receive', '--config', configFile, '--format', 'json'],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const first = await new Promise<string>((resolve) =>
    child.stdout.once('data', (d: Buffer) => resolve(d.toString())),
  );
  const info = JSON.parse(first) as {
    listening: { port: number };
    fingerprint: string;
    generatedHostKey: boolean;
  };
  return { child, info };
}

describe('receive through the CLI', () => {
  it('kmigrate push logs in with a password from the environment or a file; a wrong one is SFTP_AUTH_FAILED', async () => {
    const sub = join(dir, 'pw');
    mkdirSync(sub);
    const { configFile } = await writeIntakeConfig(sub);
    const { child, info } = await startReceive(configFile);
    writeFileSync(join(dir, 'batch.gpg'), payload(400_000, 3));
    writeFileSync(join(dir, 'pw.txt'), `${PASSWORD}\n`);
    const dest = `sftp://processor@127.0.0.1:${info.listening.port}/`;
    const args = ['push', 'batch.gpg', dest, '--host-key', info.fingerprint];
    const byEnv = await kmAsync(args, { KMIGRATE_SFTP_PASSWORD: PASSWORD });
    expect(byEnv.code, byEnv.stderr).toBe(0);
    const byFile = await kmAsync([...args, '--password-file', 'pw.txt']);
    expect(byFile.code, byFile.stderr).toBe(0);
    const wrong = await kmAsync([...args, '--retries', '0'], { KMIGRATE_SFTP_PASSWORD: 'not-it-7f3a' });
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain('SFTP_AUTH_FAILED');
    // a plaintext file is refused by policy: one try, one line, SFTP_PERMISSION_DENIED (no retries)
    writeFileSync(join(dir, 'plain.csv'), 'card\n4111111111111111\n'.repeat(20));
    const plain = await kmAsync(['push', 'plain.csv', dest, '--host-key', info.fingerprint], {
      KMIGRATE_SFTP_PASSWORD: PASSWORD,
    });
    expect(plain.code).toBe(2);
    expect(plain.stderr.trim().split('\n')).toHaveLength(1);
    expect(plain.stderr).toMatch(/^kmigrate: SFTP_PERMISSION_DENIED: /);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    expect(readFileSync(join(sub, 'intake', 'processor', 'batch.gpg')).equals(payload(400_000, 3))).toBe(
      true,
    );
    const log = readFileSync(join(sub, 'intake-audit.jsonl'), 'utf8');
    expect(log.split('\n').filter((l) => l.includes('plain.csv') && l.includes('"refused"'))).toHaveLength(1);
    for (const secret of [PASSWORD, 'not-it-7f3a']) {
      expect(log).not.toContain(secret);
      expect(`${byEnv.stdout}${byEnv.stderr}${wrong.stdout}${wrong.stderr}`).not.toContain(secret);
    }
  });

  it('prints the new host key fingerprint, and on SIGTERM leaves no half-uploaded file', async () => {
    const { configFile, userKey } = await writeIntakeConfig(dir);
    const child = spawn(
      process.execPath,
      [join(ROOT, 'bin', 'kmigrate.js'), 'receive', '--config', configFile, '--format', 'json'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const first = await new Promise<string>((resolve) =>
      child.stdout.once('data', (d: Buffer) => resolve(d.toString())),
    );
    const info = JSON.parse(first) as {
      listening: { port: number };
      fingerprint: string;
      generatedHostKey: boolean;
    };
    expect(info.generatedHostKey).toBe(true);
    const { client, sftp } = await connectSftp({
      host: '127.0.0.1',
      port: info.listening.port,
      user: 'processor',
      credentials: { privateKey: readFileSync(userKey) },
      pins: { fingerprints: [info.fingerprint], knownHosts: [] },
    });
    const handle = await new Promise<Buffer>((res, rej) =>
      sftp.open('/half.gpg', 'w', (e, h) => (e ? rej(e) : res(h))),
    );
    await new Promise<void>((res, rej) =>
      sftp.write(handle, payload(200_000), 0, 200_000, 0, (e) => (e ? rej(e) : res())),
    );
    const exited = new Promise<number | null>((r) => child.once('exit', r));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    client.end();
    expect(readdirSync(join(dir, 'intake', 'processor'))).toEqual([]);
    const log = readFileSync(join(dir, 'intake-audit.jsonl'), 'utf8');
    expect(log).toContain('"reason":"connection-closed"');
    expect(log).toContain('"action":"server-stop"');
  });
});
