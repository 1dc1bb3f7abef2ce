// The README's first command: build the bundled synthetic export into a Konnektive
// Transactions file, check that file, and show where everything is.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'bin', 'kmigrate.js');
const out = join(root, 'demo-out');

function step(title, args) {
  process.stdout.write(`\n$ kmigrate ${args.join(' ')}\n`);
  const r = spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit', cwd: root });
  process.stdout.write(`(${title}: exit ${r.status})\n`);
  return r.status ?? 2;
}

const build = step('build', ['build', '--config', 'examples/demo/migration.yaml', '--out', 'demo-out']);
if (build === 2) process.exit(2);
const check = step('check', [
  'check',
  'demo-out/transactions.csv',
  '--import-date',
  '2026-12-01',
  '--report',
  'demo-out/check-report.html',
]);
process.stdout.write(`
Demo outputs in ${out}:
  transactions.csv    the Konnektive Legacy Data Import file (passes check: exit ${check})
  rejects.csv         every source record that was not used, with reason codes (planted problems)
  report.html/.json   row accounting, issues, formats inferred, lookup to-do list
  check-report.html   the check of transactions.csv
`);
process.exit(check === 0 ? 0 : 1);
