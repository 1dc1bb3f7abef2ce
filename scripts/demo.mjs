// The README's first command: the whole safe path on the bundled synthetic export.
//   tokenize the card numbers into an encrypted vault → build the Konnektive Transactions file
//   from the tokenized export → check it → detokenize it straight into a PGP-encrypted delivery
//   → scan everything written for card numbers in clear.
// The demo makes throwaway keys in demo-out/ (a vault key file and a PGP key pair standing in for
// the CRM's); a real migration takes them from the environment or key files you control.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'kmigrate.js');
const out = join(root, 'demo-out');
rmSync(out, { recursive: true, force: true });
mkdirSync(join(out, 'delivery'), { recursive: true });

const keyring = join(out, 'keys');
const kekFile = join(out, 'vault.kek');
writeFileSync(kekFile, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600 });
const env = {
  ...process.env,
  KMIGRATE_KEYRING: keyring,
  KMIGRATE_PGP_PASSPHRASE: randomBytes(18).toString('base64'),
};

function step(title, args, { quiet = false } = {}) {
  process.stdout.write(`\n$ kmigrate ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], {
    stdio: quiet ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    cwd: root,
    env,
    encoding: 'utf8',
  });
  process.stdout.write(`(${title}: exit ${r.status})\n`);
  return { code: r.status ?? 2, stdout: r.stdout ?? '' };
}
const must = (r) => {
  if (r.code === 2) process.exit(2);
  return r;
};
const vaultArgs = ['--vault', 'demo-out/vault.db', '--kek-file', 'demo-out/vault.kek'];

// 1. the stand-in for the CRM's PGP key (the hand-off kit would carry the real one)
const key = must(
  step(
    'keys generate',
    ['keys', 'generate', '--name', 'Demo CRM', '--email', 'crm@example.test', '--format', 'json'],
    { quiet: true },
  ),
);
const fingerprint = JSON.parse(key.stdout).fingerprint;
process.stdout.write(`  the delivery key: ${fingerprint}\n`);

// 2. card numbers go into the vault; the builder only ever sees tokens, BIN and last 4
must(step('vault init', ['vault', 'init', ...vaultArgs]));
must(
  step('tokenize', [
    'tokenize',
    'examples/demo/exports/orders.csv',
    '-o',
    'demo-out/orders.tokenized.csv',
    '--columns',
    'Card Number',
    ...vaultArgs,
  ]),
);

// 3. build from the tokenized export (the demo config, pointed at the tokenized file)
const config = readFileSync(join(root, 'examples', 'demo', 'migration.yaml'), 'utf8')
  .replace('file: exports/orders.csv', 'file: orders.tokenized.csv')
  .replace('../../docs/migration.schema.json', '../docs/migration.schema.json');
writeFileSync(join(out, 'migration.yaml'), config);
must(step('build', ['build', '--config', 'demo-out/migration.yaml', '--out', 'demo-out']));

// 4. check the import file against the Konnektive spec (tokens are flagged as VAULT_TOKEN warnings)
const check = must(
  step('check', [
    'check',
    'demo-out/transactions.csv',
    '--import-date',
    '2026-12-01',
    '--report',
    'demo-out/check-report.html',
  ]),
);

// 5. the only way card numbers leave the vault: straight into a file encrypted to the CRM's key
must(
  step('detokenize', [
    'detokenize',
    'demo-out/transactions.csv',
    '--encrypt-to',
    fingerprint,
    '-o',
    'demo-out/delivery/transactions.csv.pgp',
    ...vaultArgs,
  ]),
);

// 6. nothing written holds a card number in clear
const scan = must(step('scan', ['scan', 'demo-out']));

process.stdout.write(`
Demo outputs in ${out}:
  orders.tokenized.csv            the export with card numbers replaced by vault tokens (+ BIN, last 4)
  transactions.csv                the Konnektive Legacy Data Import file, with tokens (check: exit ${check.code})
  rejects.csv                     every source record that was not used, with reason codes (planted problems)
  report.html/.json               row accounting, issues, formats inferred, lookup to-do list, rebill forecast
  check-report.html               the check of transactions.csv
  delivery/transactions.csv.pgp   the import file with real card numbers, encrypted to the CRM's key
  vault.db                        the encrypted vault (no card number or key in clear; scan: exit ${scan.code})
`);
process.exit(check.code === 0 && scan.code === 0 ? 0 : 1);
