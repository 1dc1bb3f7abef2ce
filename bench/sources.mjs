import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPreset } from '../dist/presets/index.js';
import { sourceFile, syntheticCard, writeLines } from './generate.mjs';
import { measure as measureProcess } from './lib/measure.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name, def) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('customers', 1_000_000);
const PER = arg('per', 5);
const T = N * PER;
const dir = join(here, 'out', `stripe-${N}`);
const cli = join(here, '..', 'bin', 'kmigrate.js');
mkdirSync(join(dir, 'exports'), { recursive: true });

const preset = findPreset('stripe');
const header = (id) => preset.files.find((f) => f.id === id).headers;
const row = (h, values) => h.map((c) => values[c] ?? '').join(',');

async function generate() {
  const states = ['Illinois', 'MA', 'Texas', 'CA', 'New York'];
  const ch = header('stripe.customers');
  await writeLines(join(dir, 'exports/customers.csv'), ch.join(','), N, (c) =>
    row(ch, {
      id: `cus_${c}`,
      Email: `avery${c}@example.com`,
      Name: 'Avery Testwood',
      'Created (UTC)': '2026-01-02 03:04',
      Status: 'active',
    }),
  );
  const sh = header('stripe.subscriptions');
  await writeLines(join(dir, 'exports/subscriptions.csv'), sh.join(','), N, (c) =>
    row(sh, {
      id: `sub_${c}`,
      'Customer ID': `cus_${c}`,
      Plan: c % 2 ? 'Gold Monthly' : 'Silver Monthly',
      Status: c % 5 === 0 ? 'canceled' : 'active',
      'Current Period End (UTC)': `2027-01-${String(1 + (c % 28)).padStart(2, '0')} 00:00`,
    }),
  );
  const kh = header('stripe.pan');
  await writeLines(join(dir, 'exports/cards.csv'), kh.join(','), N, (c) =>
    row(kh, {
      id: `cus_${c}`,
      name: 'Avery Testwood',
      'card.address_line1': `${c} Example Ave`,
      'card.address_city': 'Springfield',
      'card.address_state': states[c % 5],
      'card.address_zip': String(10000 + (c % 89999)),
      'card.address_country': 'US',
      'card.exp_month': String(1 + (c % 12)),
      'card.exp_year': '2029',
      'card.id': `card_${c}`,
      'card.number': syntheticCard(c),
      default_source: `card_${c}`,
    }),
  );
  const ph = header('stripe.payments');
  // newest-first order interleaves customers, as real exports do (no two neighbours share one)
  await writeLines(join(dir, 'exports/payments.csv'), ph.join(','), T, (i) => {
    const c = i % N;
    return row(ph, {
      id: `ch_${i}`,
      'Created (UTC)': `2026-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')} 10:11`,
      Amount: '29.95',
      // one payment in 50 was (partly) refunded: the build derives a REFUND row for it
      'Amount Refunded': i % 50 === 0 ? '10.00' : '0.00',
      Currency: 'usd',
      Status: i % 17 ? 'Paid' : 'Failed',
      'Customer ID': `cus_${c}`,
      'Customer Email': `avery${c}@example.com`,
      'Card ID': `card_${c}`,
      'Invoice ID': `in_${i}`,
    });
  });
}

/** One invoice per payment (the invoices export links each payment to its subscription). */
async function generateInvoices() {
  const ih = header('stripe.invoices');
  await writeLines(join(dir, 'exports/invoices.csv'), ih.join(','), T, (i) =>
    row(ih, {
      id: `in_${i}`,
      Customer: `cus_${i % N}`,
      'Amount Paid': '29.95',
      Status: i % 17 ? 'paid' : 'open',
      Subscription: `sub_${i % N}`,
      Charge: `ch_${i}`,
    }),
  );
}

function config() {
  return preset.configYaml
    .replace('# importDate: "2026-12-01"', 'importDate: "2026-12-01"')
    .replace(
      /plans: \{\}.*/,
      'plans: { Gold Monthly: { campaignId: 12, productId: 101 }, Silver Monthly: { campaignId: 12, productId: 102 } }',
    )
    .replace(/mids: \{\}.*/, 'mids: { usd: "7" }');
}

/** Measure a node process (the kmigrate CLI) with the shared helper. */
function measure(label, args, rows, env = {}) {
  return measureProcess(label, process.execPath, args, rows, { env });
}

if (!existsSync(join(dir, 'exports/payments.csv'))) await generate();
if (!existsSync(join(dir, 'exports/invoices.csv'))) await generateInvoices();
writeFileSync(join(dir, 'migration.yaml'), config());
mkdirSync(join(dir, '.kmigrate'), { recursive: true });
rmSync(join(dir, '.kmigrate', 'staging.sqlite'), { force: true });
console.error(`Stripe-shaped: ${N.toLocaleString('en-US')} customers, ${T.toLocaleString('en-US')} payments`);
const key = { KMIGRATE_STAGING_KEY: 'cd'.repeat(32) };
const HEAP = arg('heap', 400);
const build = [
  `--max-old-space-size=${HEAP}`,
  cli,
  'build',
  '--config',
  join(dir, 'migration.yaml'),
  '--format',
  'json',
  // the synthetic sources carry test card numbers in clear (see docs/decisions/0012)
  '--cleartext-cards',
];
const results = [];
results.push(await measure(`multi-file build (stage + join), cold, heap ${HEAP} MB`, build, T, key));
if (!process.argv.includes('--skip-warm'))
  results.push(await measure('multi-file build, staging reused (inputs unchanged)', build, T, key));
const single = join(here, 'out', `source-${T}.csv`);
if (!process.argv.includes('--skip-single') && !existsSync(single)) await sourceFile(single, T);
const yaml = readFileSync(join(here, 'migration.yaml'), 'utf8').replace(
  /file: out\/source[^,}]*\.csv/,
  `file: ${single}`,
);
writeFileSync(join(here, 'out', `single-${T}.yaml`), yaml);
if (!process.argv.includes('--skip-single'))
  results.push(
    await measure(
      'single-file build (foundation), same row count',
      [
        '--max-old-space-size=400',
        cli,
        'build',
        '--config',
        join(here, 'out', `single-${T}.yaml`),
        '--out',
        join(here, 'out', `single-${T}`),
        '--format',
        'json',
        '--cleartext-cards',
      ],
      T,
    ),
  );
console.log(
  '\n| Measurement | Transaction rows | Seconds | Rows/s | Peak RSS (MB) |\n|---|---:|---:|---:|---:|',
);
for (const r of results)
  console.log(
    `| ${r.label} | ${r.rows.toLocaleString('en-US')} | ${r.secs.toFixed(1)} | ${Math.round(r.rowsPerSec).toLocaleString('en-US')} | ${r.peakMb.toFixed(0)} |`,
  );
const one = results.find((r) => r.label.startsWith('single')) ?? results[results.length - 1];
const ratios = results.slice(0, -1).map((r) => `${r.label}: ${(r.rowsPerSec / one.rowsPerSec).toFixed(2)}`);
console.log(
  `\nrows/s ÷ single-file build: ${ratios.join('; ')}; peak ≤ 300 MB: ${results.every((r) => r.peakMb <= 300)}`,
);
