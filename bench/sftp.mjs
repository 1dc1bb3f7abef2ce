// SFTP bench: push and pull one file over loopback, kmigrate vs the OpenSSH sftp client, same
// private sshd, same run. Reports MB/s, the time ratio to OpenSSH, the CPU ratio (client + sshd
// CPU seconds: steadier than time on a shared, loaded machine) and peak RSS (GNU time's maxrss).
// Every step runs ROUNDS times, interleaved; the median is shown.
// Usage: npm run build && node bench/sftp.mjs [MB, default 1024] [ROUNDS, default 1]
// (KMIGRATE_DIST=other/dist measures another build; see bench/sftp-driver.mjs.)
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const MB = Number(process.argv[2] ?? 1024);
const ROUNDS = Number(process.argv[3] ?? 1);
const dir = mkdtempSync(join(tmpdir(), 'kmigrate-bench-sftp-'));

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function keygen(path) {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', path]);
  return execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], { encoding: 'utf8' }).split(
    ' ',
  )[1];
}

/** CPU seconds used so far by sshd's finished sessions (children of the listener). */
const sshdCpu = () => {
  const fields = readFileSync(`/proc/${sshd.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100; // cutime + cstime, in ticks of 10 ms
};

/** Run a command under GNU time; resolve with seconds, exit code, client + sshd CPU, peak RSS. */
function measure(cmd, args) {
  return new Promise((resolve) => {
    const before = sshdCpu();
    const started = performance.now();
    const child = spawn('/usr/bin/time', ['-f', 'KMTIME %U %S %M', cmd, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.stdout.on('data', () => undefined);
    child.on('close', async (code) => {
      const seconds = (performance.now() - started) / 1000;
      await new Promise((r) => setTimeout(r, 200)); // let sshd reap the session
      const [, user, sys, maxKb] = /KMTIME (\S+) (\S+) (\d+)/.exec(err) ?? [];
      const cpu = Number(user) + Number(sys) + (sshdCpu() - before);
      resolve({ seconds, code, cpu, rssMb: Math.round(Number(maxKb) / 1024), err });
    });
  });
}

const port = await freePort();
const hostFp = keygen(join(dir, 'host_key'));
keygen(join(dir, 'user_key'));
writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'user_key.pub')));
writeFileSync(
  join(dir, 'sshd_config'),
  `Port ${port}\nListenAddress 127.0.0.1\nHostKey ${dir}/host_key\nPidFile ${dir}/sshd.pid\nAuthorizedKeysFile ${dir}/authorized_keys\nStrictModes no\nUsePAM no\nPermitRootLogin prohibit-password\nPasswordAuthentication no\nSubsystem sftp internal-sftp\n`,
);
mkdirSync('/run/sshd', { recursive: true });
const sshd = spawn('/usr/sbin/sshd', ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 500));

const src = join(dir, 'data.bin');
const chunk = randomBytes(8 << 20);
const fd = openSync(src, 'w');
for (let i = 0; i < MB / 8; i++) {
  chunk[0] = i & 0xff;
  writeSync(fd, chunk);
}
closeSync(fd);
const bytes = MB * 1024 * 1024;
mkdirSync(join(dir, 'remote'));
mkdirSync(join(dir, 'down'));

const ssh = [
  '-i',
  join(dir, 'user_key'),
  '-o',
  'StrictHostKeyChecking=no',
  '-o',
  'UserKnownHostsFile=/dev/null',
  '-P',
  String(port),
];
function openssh(batch) {
  writeFileSync(join(dir, 'batch'), batch);
  return measure('sftp', ['-q', '-b', join(dir, 'batch'), ...ssh, 'root@127.0.0.1']);
}
const DRIVER = join(import.meta.dirname, 'sftp-driver.mjs');
const kmigrate = (verb, local, verify, extra = '') =>
  measure(process.execPath, [
    DRIVER,
    verb,
    String(port),
    hostFp,
    join(dir, 'user_key'),
    `${dir}/remote`,
    local,
    'data.bin',
    verify,
    extra,
  ]);

// Each run starts with no dirty pages (sync) and the previous outputs deleted, so page-cache
// writeback from an earlier run never lands on a later one.
const settle = (...paths) => {
  for (const p of paths) rmSync(p, { recursive: true, force: true });
  execFileSync('sync');
};
const runs = {};
const step = async (name, run, ...cleanup) => {
  settle();
  runs[name] ??= [];
  runs[name].push(await run());
  settle(...cleanup);
};
for (let round = 0; round < ROUNDS; round++) {
  await step('openssh put', () => openssh(`put ${src} ${dir}/remote/ossh.bin\n`));
  await step(
    'openssh get',
    () => openssh(`get ${dir}/remote/ossh.bin ${dir}/down/ossh.bin\n`),
    `${dir}/remote/ossh.bin`,
    `${dir}/down/ossh.bin`,
  );
  await step('kmigrate push (verify: size)', () => kmigrate('push', src, 'size'));
  await step('kmigrate push (verify: SHA-256 re-read, the default)', () =>
    kmigrate('push', src, 'reread', 'sidecar'),
  );
  await step(
    'kmigrate pull (verify: size)',
    () => kmigrate('pull', join(dir, 'down'), 'size'),
    `${dir}/down/data.bin`,
  );
  await step(
    'kmigrate pull (verify: .sha256 sidecar, the default)',
    () => kmigrate('pull', join(dir, 'down'), 'reread'),
    `${dir}/down/data.bin`,
    `${dir}/remote/data.bin.sha256`,
  );
  await step(
    'kmigrate pull (verify: SHA-256 re-read, no sidecar)',
    () => kmigrate('pull', join(dir, 'down'), 'reread'),
    `${dir}/down/data.bin`,
  );
}
sshd.kill('SIGTERM');

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const med = (name, key) => median(runs[name].map((r) => r[key]));
const version = spawnSync('ssh', ['-V'], { encoding: 'utf8' }).stderr.trim();
console.log(
  `\nSFTP loopback, ${MB} MiB file, ${version} sshd, ${ROUNDS} round(s), median, ${new Date().toISOString()}`,
);
console.log(
  '| run | seconds | MB/s | time ÷ OpenSSH | CPU s (client+sshd) | CPU ÷ OpenSSH | peak RSS MB | exit |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const name of Object.keys(runs)) {
  const ref = name.includes('push') || name.includes('put') ? 'openssh put' : 'openssh get';
  const seconds = med(name, 'seconds');
  const failed = runs[name].find((r) => r.code !== 0);
  console.log(
    `| ${name} | ${seconds.toFixed(2)} | ${(bytes / 1e6 / seconds).toFixed(0)} | ${(seconds / med(ref, 'seconds')).toFixed(2)} | ${med(name, 'cpu').toFixed(2)} | ${(med(name, 'cpu') / med(ref, 'cpu')).toFixed(2)} | ${Math.max(...runs[name].map((r) => r.rssMb))} | ${failed ? `${failed.code} ${failed.err.trim().slice(0, 200)}` : 0} |`,
  );
}
rmSync(dir, { recursive: true, force: true });
