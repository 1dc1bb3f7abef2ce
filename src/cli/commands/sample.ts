/**
 * `kmigrate sample IN --size N [--seed S] -o DIR`.
 * @module
 */

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { normalizeCountry } from '../../normalize/index.js';
import { runSample } from '../../sample/index.js';
import type { CliIo } from '../io.js';
import { assertNothingLeaked } from '../leak-guard.js';
import { days, midList, positive, ymd } from '../options.js';

interface SampleOpts {
  readonly size: number;
  readonly seed: string;
  readonly out: string;
  readonly importDate?: string;
  readonly imminentDays: number;
  readonly homeCountry: string;
  readonly spikeThreshold?: number;
  readonly knownMids?: readonly string[];
  readonly format: 'text' | 'json';
  readonly cleartextCards?: boolean;
  readonly idColumns?: readonly string[];
}

/** The id columns `--id-columns` may name: those of target.cardLikeIds. */
const ID_COLUMNS = ['customerId', 'orderId', 'merchantTxnId', 'externalToken', 'trackingNumber'];

/** `--id-columns customerId,…`: id columns whose card-shaped values are no leak. */
function idColumnList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim());
  const wrong = names.filter((n) => !ID_COLUMNS.includes(n));
  if (wrong.length > 0)
    throw new InvalidArgumentError(`expected comma-separated id columns among ${ID_COLUMNS.join(', ')}.`);
  return names;
}

/** An ISO 3166-1 alpha-2 country code. */
function country(value: string): string {
  const code = value.trim().toUpperCase();
  if (!/^[A-Z]{2}$/.test(code) || normalizeCountry(code).ok !== true)
    throw new InvalidArgumentError('expected a two-letter country code such as US or CA.');
  return code;
}

async function sampleCommand(input: string, opts: SampleOpts, io: CliIo): Promise<number> {
  const report = await runSample({
    input,
    outDir: opts.out,
    size: opts.size,
    seed: opts.seed,
    importDate: opts.importDate ?? io.today(),
    imminentDays: opts.imminentDays,
    homeCountry: opts.homeCountry.toUpperCase(),
    ...(opts.spikeThreshold === undefined ? {} : { spikeThreshold: opts.spikeThreshold }),
    ...(opts.knownMids ? { knownMerchantIds: opts.knownMids } : {}),
  });
  const written = [
    report.outputs.sample,
    report.outputs.remainder,
    join(opts.out, 'report.json'),
    join(opts.out, 'report.html'),
  ];
  const idColumns = opts.idColumns ?? [];
  // with card-like ids, split files kept in clear are read too, for the ids the reports name
  const cardFiles = opts.cleartextCards === true && idColumns.length > 0 ? written.slice(0, 2) : [];
  try {
    await assertNothingLeaked(
      opts.cleartextCards === true && cardFiles.length === 0 ? written.slice(2) : written,
      {
        idColumns,
        cardFiles,
      },
    );
  } catch (error) {
    // a sample that may not stay is removed whole: no report describing files that are gone
    await Promise.all(written.map((f) => rm(f, { force: true })));
    throw error;
  }
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify(report)}\n`);
    return 0;
  }
  const uncovered = report.strata.filter((s) => s.sampled === 0);
  io.stdout(
    `kmigrate sample ${report.file}: ${report.customers} customer(s), ${report.rows} row(s)\n` +
      `  sample:    ${report.sample.customers} customer(s), ${report.sample.rows} row(s) → ${report.outputs.sample}\n` +
      `  remainder: ${report.remainder.customers} customer(s), ${report.remainder.rows} row(s) → ${report.outputs.remainder}\n` +
      `  strata (customers in sample / in file):\n`,
  );
  for (const s of report.strata)
    io.stdout(`    ${String(s.sampled).padStart(5)} / ${String(s.customers).padEnd(6)} ${s.description}\n`);
  const f = report.forecast;
  io.stdout(
    `  forecast: ${f.activeSubscriptions} active subscription(s), ${f.expectedAmount} expected; ` +
      `${f.risks.pastDue.count} past due, ${f.risks.imminent.count} imminent, ${f.risks.expiringCards.count} expiring card(s), ` +
      `${f.risks.spikes.length} spike day(s), ${f.risks.unknownMerchants.count} on unknown MIDs\n`,
  );
  if (uncovered.length > 0)
    io.stdout(`  ${uncovered.length} stratum/strata not represented: raise --size.\n`);
  for (const n of report.fileNotes) io.stdout(`  note: ${n.code}: ${n.message}\n`);
  io.stdout(`  report: ${opts.out}/report.html\n`);
  return 0;
}

/** Register `sample` on the program. */
export function registerSampleCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  cli
    .command('sample')
    .description(
      'pick a deterministic stratified sample of whole customers; write sample.csv and remainder.csv',
    )
    .argument('<file>', 'the Transactions file to sample')
    .requiredOption('--size <n>', 'customers in the sample', positive)
    .option('--seed <seed>', 'seed of the pseudo-random order (same seed, same sample)', '1')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('--import-date <date>', 'the day the vendor imports (YYYY-MM-DD; default today)', ymd)
    .option('--imminent-days <n>', 'next bill dates this close to the import date are risky', days, 3)
    .option('--home-country <cc>', "the merchant's country: other addresses are foreign", country, 'US')
    .option(
      '--spike-threshold <n>',
      'rebills per day above which a day is a spike (default: 3 × median)',
      positive,
    )
    .option(
      '--known-mids <list>',
      'comma-separated MIDs of the assignment table (others are flagged)',
      midList,
    )
    .option(
      '--id-columns <names>',
      'id columns whose values may look like card numbers (NMI vault ids as customerId), comma-separated: not counted as card numbers, as target.cardLikeIds in the build',
      idColumnList,
    )
    .option(
      '--cleartext-cards',
      'let sample.csv and remainder.csv carry full card numbers in clear (test data or a PCI-scoped host only)',
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (file: string, opts: SampleOpts) => setCode(await sampleCommand(file, opts, io)));
}
