// PGP bench: encrypt and decrypt a generated file with kmigrate and with gpg, side by side.
// Usage: npm run build && node bench/pgp.mjs [sizeMB=1024]
// Reports MB/s (plaintext), the kmigrate/gpg ratio and peak RSS (VmHWM polled every 20 ms).
import { spawn, spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SIZE_MB = Number(process.argv[2] ?? 1024);
const BIN = new URL('../bin/kmigrate.js', import.meta.url).pathname;
const PASS = 'bench passphrase 0b7e';
const dir = mkdtempSync(join(tmpdir(), 'kmigrate-pgp-bench-'));
const home = join(dir, 'gnupg');
mkdirSync(home, { mode: 0o700 });
const env = { ...process.env, KMIGRATE_KEYRING: join(dir, 'keyring'), KMIGRATE_PGP_PASSPHRASE: PASS };
const passFile = join(dir, 'pass');
const fd0 = openSync(passFile, 'w', 0o600);
writeSync(fd0, `${PASS}\n`);
closeSync(fd0);
const gpgBase = [
  '--batch',
  '--homedir',
  home,
  '--pinentry-mode',
  'loopback',
  '--passphrase-file',
  passFile,
  '--trust-model',
  'always',
];
const gpg = (args) => spawnSync('gpg', [...gpgBase, ...args], { encoding: 'utf8' });
const km = (args) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });

function peakOf(pid, box) {
  const timer = setInterval(() => {
    try {
      const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m) box.kb = Math.max(box.kb, Number(m[1]));
    } catch {}
  }, 20);
  return timer;
}

function timed(cmd, args) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => {
      err += d;
    });
    const box = { kb: 0 };
    const timer = peakOf(child.pid, box);
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`${cmd} ${args.join(' ')} failed: ${err}`));
      else resolve({ seconds, peakMb: box.kb / 1024 });
    });
  });
}

// Plaintext: CSV-like rows (compressible like real exports), written in 8 MB blocks.
const plain = join(dir, 'plain.csv');
const fd = openSync(plain, 'w');
const rows = [];
for (let i = 0, size = 0; size < 8 * 1024 * 1024; i++) {
  const line = `${i},cus_${(i * 2654435761) % 1e9},user${i}@example.invalid,411111,${String(i % 1e4).padStart(4, '0')},${(i % 997) + 0.99},2026-0${(i % 9) + 1}-15\n`;
  rows.push(line);
  size += line.length;
}
const block = Buffer.from(rows.join(''));
for (let written = 0; written < SIZE_MB * 1024 * 1024; written += block.length) writeSync(fd, block);
closeSync(fd);
const bytes = statSync(plain).size;
const mb = bytes / 1e6;

const generated = km([
  'keys',
  'generate',
  '--name',
  'Bench',
  '--email',
  'bench@example.invalid',
  '--format',
  'json',
]);
const fpr = JSON.parse(generated.stdout).fingerprint;
km(['keys', 'export', fpr, '--armor', '-o', join(dir, 'pub.asc')]);
gpg(['--import', join(dir, 'pub.asc')]);
km(['keys', 'export', fpr, '--secret-key', '--armor', '-o', join(dir, 'sec.asc')]);
gpg(['--import', join(dir, 'sec.asc')]);

const results = [];
async function row(label, cmd, args) {
  const r = await timed(cmd, args);
  results.push({ label, seconds: r.seconds, mbps: mb / r.seconds, peakMb: r.peakMb });
  process.stderr.write(`${label}: ${r.seconds.toFixed(2)} s\n`);
  return r;
}
const p = (name) => join(dir, name);
await row('kmigrate encrypt', process.execPath, [BIN, 'encrypt', plain, '--to', fpr, '-o', p('km.pgp')]);
await row('gpg encrypt -z 0', 'gpg', [...gpgBase, '-z', '0', '-r', fpr, '-o', p('gpg-z0.pgp'), '-e', plain]);
await row('gpg encrypt default (ZIP)', 'gpg', [
  ...gpgBase,
  '--compress-algo',
  'zip',
  '-r',
  fpr,
  '-o',
  p('gpg-zip.pgp'),
  '-e',
  plain,
]);
await row('gpg encrypt -z 0 --armor', 'gpg', [
  ...gpgBase,
  '-z',
  '0',
  '--armor',
  '-r',
  fpr,
  '-o',
  p('gpg-z0.asc'),
  '-e',
  plain,
]);
await row('kmigrate decrypt (gpg -z 0 input)', process.execPath, [
  BIN,
  'decrypt',
  p('gpg-z0.pgp'),
  '-o',
  p('out1'),
]);
await row('gpg decrypt (-z 0 input)', 'gpg', [...gpgBase, '-o', p('out2'), '-d', p('gpg-z0.pgp')]);
await row('kmigrate decrypt (gpg ZIP input)', process.execPath, [
  BIN,
  'decrypt',
  p('gpg-zip.pgp'),
  '-o',
  p('out3'),
]);
await row('gpg decrypt (ZIP input)', 'gpg', [...gpgBase, '-o', p('out4'), '-d', p('gpg-zip.pgp')]);
await row('kmigrate decrypt (gpg -z 0 armored input)', process.execPath, [
  BIN,
  'decrypt',
  p('gpg-z0.asc'),
  '-o',
  p('out6'),
]);
await row('gpg decrypt (-z 0 armored input)', 'gpg', [...gpgBase, '-o', p('out7'), '-d', p('gpg-z0.asc')]);
await row('kmigrate decrypt (kmigrate input)', process.execPath, [
  BIN,
  'decrypt',
  p('km.pgp'),
  '-o',
  p('out5'),
]);

const by = Object.fromEntries(results.map((r) => [r.label, r]));
const ratio = (a, b) => (by[a].mbps / by[b].mbps).toFixed(2);
console.log(
  `\nPGP bench, ${mb.toFixed(0)} MB plaintext (${process.version}, gpg ${gpg(['--version']).stdout.split('\n')[0]})\n`,
);
console.log('| Operation | Time (s) | MB/s | Peak RSS (MB) |\n|---|---|---|---|');
for (const r of results)
  console.log(`| ${r.label} | ${r.seconds.toFixed(2)} | ${r.mbps.toFixed(0)} | ${r.peakMb.toFixed(0)} |`);
console.log(
  `\nkmigrate/gpg throughput: encrypt ${ratio('kmigrate encrypt', 'gpg encrypt -z 0')} (vs -z 0), ` +
    `${ratio('kmigrate encrypt', 'gpg encrypt default (ZIP)')} (vs ZIP); decrypt ${ratio('kmigrate decrypt (gpg -z 0 input)', 'gpg decrypt (-z 0 input)')} (uncompressed), ` +
    `${ratio('kmigrate decrypt (gpg ZIP input)', 'gpg decrypt (ZIP input)')} (ZIP), ` +
    `${ratio('kmigrate decrypt (gpg -z 0 armored input)', 'gpg decrypt (-z 0 armored input)')} (armored)`,
);
const same =
  spawnSync('cmp', [plain, p('out1')]).status === 0 &&
  spawnSync('cmp', [plain, p('out3')]).status === 0 &&
  spawnSync('cmp', [plain, p('out5')]).status === 0 &&
  spawnSync('cmp', [plain, p('out6')]).status === 0;
console.log(`outputs byte-identical: ${same}`);
spawnSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
rmSync(dir, { recursive: true, force: true });
