// Benchmarks for `check` and `build`, each side by side with its peers in the same run:
// the raw parse speed of Papa Parse and of the CSV door, and Miller (mlr) doing a comparable
// job. Usage: npm run bench -- [--rows 1000000] [--big 5000000] [--only check|build]
// The build runs three times: on the standard source, on the same source with a distinct
// timestamp per row (source-distinct-N.csv), and with addresses repeating across the file
// (source-repeating-N.csv, a memory check). With taskset (util-linux), check and the first two
// builds run again pinned to one CPU: the build's target (150K rows/s) is on one core.
// Reports wall time, rows/s, peak RSS (VmHWM polled from /proc) and ratios.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { konnektiveFile, sourceFile } from './generate.mjs';
import { measure } from './lib/measure.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, 'out');
mkdirSync(out, { recursive: true });
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const ROWS = arg('rows', 1_000_000);
// --only check | --only build: run one half (both by default)
const only = (() => {
  const i = process.argv.indexOf('--only');
  return i > 0 ? process.argv[i + 1] : undefined;
})();
const runCheck = only === undefined || only === 'check';
const runBuild = only === undefined || only === 'build';
const BIG = arg('big', 5_000_000);
const hasTaskset = (() => {
  try {
    return statSync('/usr/bin/taskset').isFile();
  } catch {
    return false;
  }
})();
const cli = join(here, '..', 'bin', 'kmigrate.js');
const hasMlr = (() => {
  try {
    return statSync('/usr/bin/mlr').isFile();
  } catch {
    return false;
  }
})();

async function ensure(path, gen, n) {
  if (!existsSync(path)) await gen(path, n);
  return path;
}

const results = [];
const kfile = runCheck ? await ensure(join(out, `konnektive-${ROWS}.csv`), konnektiveFile, ROWS) : null;
const sfile = runBuild ? await ensure(join(out, `source-${ROWS}.csv`), sourceFile, ROWS) : null;
// the build's config, pointed at this run's source file
const buildConfig = join(out, `migration-${ROWS}.yaml`);
if (runBuild)
  writeFileSync(
    buildConfig,
    readFileSync(join(here, 'migration.yaml'), 'utf8').replace(
      'file: out/source.csv',
      `file: source-${ROWS}.csv`,
    ),
  );
let check = null;
if (runCheck) {
  console.error(
    `check: ${ROWS.toLocaleString('en-US')} rows × 44 columns (${(statSync(kfile).size / 1e6).toFixed(0)} MB)`,
  );
  results.push(
    await measure(
      'papaparse raw parse (peer)',
      process.execPath,
      [join(here, 'papa-parse.mjs'), kfile],
      ROWS,
    ),
  );
  results.push(
    await measure('kmigrate CSV door raw read', process.execPath, [join(here, 'door-read.mjs'), kfile], ROWS),
  );
  check = await measure(
    'kmigrate check',
    process.execPath,
    [cli, 'check', kfile, '--format', 'json', '--import-date', '2026-12-01'],
    ROWS,
  );
  results.push(check);
  if (hasMlr) {
    const rules = [
      '$dateCreated =~ "^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$"',
      '$campaignId =~ "^[0-9]+$"',
      '$productId =~ "^[0-9]+$"',
      '$merchantId =~ "^[0-9]+$"',
      '($paySource == "CREDITCARD" || $paySource == "CHECK" || $paySource == "PREPAID")',
      '$cardNumber =~ "^[0-9]{12,19}$"',
      '$cardExpiryMonth =~ "^(0[1-9]|1[0-2])$"',
      '$cardExpiryYear =~ "^[0-9]{4}$"',
      '($txnType == "SALE" || $txnType == "REFUND" || $txnType == "AUTHORIZE" || $txnType == "CAPTURE")',
      '$subTotal =~ "^[0-9]+(\\.[0-9]{1,2})?$"',
      '$emailAddress =~ "^[^@ ]+@[^@ ]+\\.[^@ ]+$"',
      '$phoneNumber =~ "^[0-9]{7,15}$"',
      'strlen($customerId) <= 20',
      'strlen($merchantTxnId) <= 30',
    ].join(' && ');
    results.push(
      await measure(
        'mlr filter with 14 column rules (peer)',
        'mlr',
        ['--icsv', '--ojson', 'filter', '-x', rules, kfile],
        ROWS,
      ),
    );
  }
  if (hasTaskset)
    results.push(
      await measure(
        'kmigrate check, one core',
        'taskset',
        ['-c', '0', process.execPath, cli, 'check', kfile, '--format', 'json', '--import-date', '2026-12-01'],
        ROWS,
      ),
    );
  if (BIG > 0) {
    const big = await ensure(join(out, `konnektive-${BIG}.csv`), konnektiveFile, BIG);
    results.push(
      await measure(
        `kmigrate check, ${BIG / 1e6}M rows (flat memory?)`,
        process.execPath,
        [cli, 'check', big, '--format', 'json', '--import-date', '2026-12-01'],
        BIG,
      ),
    );
  }
}
let build = null;
if (runBuild) {
  console.error(`build: ${ROWS.toLocaleString('en-US')} source rows → Konnektive`);
  build = await measure(
    'kmigrate build',
    process.execPath,
    // the synthetic source carries test card numbers in clear (see docs/decisions/0012)
    [
      cli,
      'build',
      '--config',
      buildConfig,
      '--out',
      join(out, 'build'),
      '--format',
      'json',
      '--cleartext-cards',
    ],
    ROWS,
  );
  results.push(build);
  // Variants of the source, each built the same way: a distinct Created minute on every row (real
  // exports: the dates no longer come from the memo), and an address column whose 10,000 values
  // come back across the whole file (what the memos keep must not hold the input's text: peak
  // memory stays flat).
  const variants = [
    ['distinct', 'a distinct timestamp per row', { distinctTimes: true }],
    ['repeating', 'addresses repeating across the file', { repeatingAddresses: true }],
  ];
  for (const [name, label, options] of variants) {
    await ensure(join(out, `source-${name}-${ROWS}.csv`), (path, n) => sourceFile(path, n, options), ROWS);
    const config = join(out, `migration-${name}-${ROWS}.yaml`);
    writeFileSync(
      config,
      readFileSync(buildConfig, 'utf8').replace(
        `file: source-${ROWS}.csv`,
        `file: source-${name}-${ROWS}.csv`,
      ),
    );
    results.push(
      await measure(
        `kmigrate build, ${label}`,
        process.execPath,
        [
          cli,
          'build',
          '--config',
          config,
          '--out',
          join(out, `build-${name}`),
          '--format',
          'json',
          '--cleartext-cards',
        ],
        ROWS,
      ),
    );
  }
  // The target is one core: the same builds pinned to one CPU (no cross-row worker, file I/O on
  // the main thread, as on a host with one core)
  if (hasTaskset) {
    for (const [name, label] of [
      ['', 'kmigrate build, one core'],
      ['distinct', 'kmigrate build, one core, distinct timestamps'],
    ]) {
      const config = name === '' ? buildConfig : join(out, `migration-${name}-${ROWS}.yaml`);
      const args = [
        'build',
        '--config',
        config,
        '--out',
        join(out, `build-one-core${name ? `-${name}` : ''}`),
      ];
      results.push(
        await measure(
          label,
          'taskset',
          ['-c', '0', process.execPath, cli, ...args, '--format', 'json', '--cleartext-cards'],
          ROWS,
        ),
      );
    }
  }
  if (hasMlr) {
    const put = [
      '$customerId = ${Customer ID}',
      '$dateCreated = strftime_local(strptime_local(${Created}, "%m/%d/%Y %I:%M %p", "America/Chicago"), "%Y-%m-%d %H:%M:%S", "America/New_York")',
      '$phoneNumber = gsub($Phone, "[^0-9]", "")',
      '$emailAddress = tolower($Email)',
      '$subTotal = fmtnum(float(gsub($Amount, "[$,]", "")), "%.2f")',
      '$cardExpiryMonth = splitax(${Card Expiry}, "/")[1]',
      '$cardExpiryYear = "20" . splitax(${Card Expiry}, "/")[2]',
      '$campaignId = 12',
      '$productId = ${Plan} == "Gold Monthly" ? 101 : 102',
      '$firstName = splitax($Name, " ")[1]',
      '$lastName = splitax($Name, " ")[2]',
    ].join('; ');
    results.push(
      await measure(
        'mlr put: comparable 11-column transform (peer)',
        'mlr',
        ['--icsv', '--ocsv', 'put', put, sfile],
        ROWS,
      ),
    );
  }
}
const byLabel = (l) => results.find((r) => r.label.startsWith(l));
const ratio = (a, b) => (a && b ? (a.rowsPerSec / b.rowsPerSec).toFixed(2) : 'n/a');
console.log('\n| Measurement | Rows | Seconds | Rows/s | Peak RSS (MB) |\n|---|---:|---:|---:|---:|');
for (const r of results)
  console.log(
    `| ${r.label} | ${r.rows.toLocaleString('en-US')} | ${r.secs.toFixed(2)} | ${Math.round(r.rowsPerSec).toLocaleString('en-US')} | ${r.peakMb.toFixed(0)} |`,
  );
const oneCore = byLabel('kmigrate build, one core');
if (oneCore)
  console.log(
    `\nbuild on one core: ${Math.round(oneCore.rowsPerSec).toLocaleString('en-US')} rows/s (target 150,000)${(() => {
      const d = byLabel('kmigrate build, one core, distinct');
      return d
        ? `; with a distinct timestamp per row ${Math.round(d.rowsPerSec).toLocaleString('en-US')}`
        : '';
    })()}`,
  );
console.log(
  `\nRatios (rows/s): check ÷ papaparse raw parse = ${ratio(check, byLabel('papaparse'))}; check ÷ mlr filter = ${ratio(check, byLabel('mlr filter'))}; build ÷ mlr put = ${ratio(build, byLabel('mlr put'))}; build ÷ check = ${ratio(build, check)}`,
);
