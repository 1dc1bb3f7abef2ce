// On demand: `npm run build && node bench/tokenize.mjs [ROWS]` — tokenize N rows (default 1M unique
// synthetic cards) into a fresh vault, again into the same vault (all cards known), and the same
// column masked by Miller's regex, in one run.
// Peak RSS is polled from /proc/PID/status (VmHWM) every 20 ms.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const DIR = join(import.meta.dirname, 'out', 'tokenize');
const BIN = join(import.meta.dirname, '..', 'bin', 'kmigrate.js');
rmSync(DIR, { recursive: true, force: true });
mkdirSync(DIR, { recursive: true });

function card(i) {
  const body = `${['411111', '555555', '400000', '222300', '601100'][i % 5]}${String(i).padStart(9, '0')}`;
  let sum = 0;
  for (let k = 0; k < body.length; k++) {
    let d = Number(body[body.length - 1 - k]);
    if (k % 2 === 0) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
    sum += d;
  }
  return body + ((10 - (sum % 10)) % 10);
}

const input = join(DIR, 'cards.csv');
const lines = ['customer_id,email,card,exp,cvv,amount'];
for (let i = 0; i < ROWS; i++)
  lines.push(`C${i},user${i}@example.invalid,${card(i)},12/29,${i % 1000},19.95`);
writeFileSync(input, `${lines.join('\n')}\n`);
lines.length = 0;

function run(label, cmd, args, env = {}) {
  return new Promise((resolve) => {
    const started = performance.now();
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let peak = 0;
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch {}
    }, 20);
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      clearInterval(poll);
      const s = (performance.now() - started) / 1000;
      resolve({
        label,
        code,
        s,
        rate: Math.round(ROWS / s),
        mb: Math.round(peak / 1024),
        err: err.slice(0, 300),
      });
    });
  });
}

const kek = randomBytes(32).toString('hex');
const env = { KMIGRATE_VAULT_KEK: kek, KMIGRATE_VAULT: join(DIR, 'vault.db') };
await run('vault init', process.execPath, [BIN, 'vault', 'init'], env);
const results = [
  await run(
    'kmigrate tokenize (new vault, all cards new)',
    process.execPath,
    [BIN, 'tokenize', input, '-o', join(DIR, 'tok.csv'), '--columns', 'card'],
    env,
  ),
  await run(
    'kmigrate tokenize again (all cards known)',
    process.execPath,
    [BIN, 'tokenize', input, '-o', join(DIR, 'tok2.csv'), '--columns', 'card'],
    env,
  ),
  await run('mlr regex mask (peer)', 'sh', [
    '-c',
    `mlr --icsv --ocsv put '$card = sub($card, "^([0-9]{6})[0-9]+([0-9]{4})$", "\\1******\\2")' ${input} > ${join(DIR, 'mlr.csv')}`,
  ]),
];
console.log(
  `tokenize: ${ROWS.toLocaleString('en-US')} rows\n\n| Measurement | Seconds | Cards/s | Peak RSS (MB) | Exit |\n|---|---:|---:|---:|---:|`,
);
for (const r of results)
  console.log(
    `| ${r.label} | ${r.s.toFixed(2)} | ${r.rate.toLocaleString('en-US')} | ${r.mb} | ${r.code} |${r.code > 1 ? ` ${r.err}` : ''}`,
  );
console.log(
  `\nvault file: ${(statSync(env.KMIGRATE_VAULT).size / 1e6).toFixed(1)} MB for ${ROWS.toLocaleString('en-US')} cards`,
);
