/**
 * A private OpenSSH sshd on a free loopback port, with its own host key, config and an
 * authorized client key; fails loudly when openssh-server is not installed.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';

export function requireOpenSsh(): void {
  for (const bin of [SSHD, '/usr/bin/sftp', '/usr/bin/ssh-keygen'])
    if (!existsSync(bin))
      throw new Error(
        `${bin} is missing: install OpenSSH (apt-get install -y openssh-server openssh-client); .ci/run does this.`,
      );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export function keygen(path: string): { fingerprint: string; publicKey: string } {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path]);
  const fp = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], { encoding: 'utf8' });
  return { fingerprint: fp.split(' ')[1] ?? '', publicKey: readFileSync(`${path}.pub`, 'utf8').trim() };
}

export interface Sshd {
  readonly port: number;
  readonly dir: string;
  readonly hostFingerprint: string;
  readonly knownHostsFile: string;
  readonly userKey: string;
  stop(): Promise<void>;
}

export async function startSshd(): Promise<Sshd> {
  requireOpenSsh();
  const dir = mkdtempSync(join(tmpdir(), 'kmigrate-sshd-'));
  const host = keygen(join(dir, 'host_key'));
  const user = keygen(join(dir, 'user_key'));
  writeFileSync(join(dir, 'authorized_keys'), `${user.publicKey}\n`);
  const port = await freePort();
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'StrictModes no',
      'UsePAM no',
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'Subsystem sftp internal-sftp',
      '',
    ].join('\n'),
  );
  mkdirSync('/run/sshd', { recursive: true });
  const known = join(dir, 'known_hosts');
  writeFileSync(
    known,
    `[127.0.0.1]:${port} ${readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ').slice(0, 2).join(' ')}\n`,
  );
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log += d.toString();
  });
  await new Promise<void>((resolve, reject) => {
    const t = setInterval(() => {
      if (log.includes('Server listening')) {
        clearInterval(t);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(t);
        reject(new Error(`sshd exited: ${log}`));
      }
    }, 20);
  });
  return {
    port,
    dir,
    hostFingerprint: host.fingerprint,
    knownHostsFile: known,
    userKey: join(dir, 'user_key'),
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
