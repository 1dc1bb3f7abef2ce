/**
 * `kmigrate verify SAMPLE.csv --api URL`: credentials from the environment or a file, never argv.
 * @module
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import {
  checkApiUrl,
  createKonnektiveClient,
  fetchTransport,
  isLoopbackHost,
  loadApiCredentials,
} from '../../api-client/index.js';
import { ToolkitError } from '../../core/index.js';
import { refuseOverwritingSample, runVerify, writeVerifyReports } from '../../verify/index.js';
import { type CliIo, progress } from '../io.js';
import { assertNothingLeaked } from '../leak-guard.js';

interface VerifyOpts {
  readonly api: string;
  readonly out: string;
  readonly credentialsFile?: string;
  readonly allowRemote?: boolean;
  readonly concurrency: number;
  readonly maxRps?: number;
  readonly retries: number;
  readonly timeout: number;
  readonly liveTest: number;
  readonly iUnderstandThisChargesRealCards?: boolean;
  readonly format: 'text' | 'json';
}

function whole(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number.');
  return n;
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 600)
    throw new InvalidArgumentError('expected a whole number of seconds from 1 to 600.');
  return n;
}

async function verifyCommand(sample: string, opts: VerifyOpts, io: CliIo): Promise<number> {
  const baseUrl = checkApiUrl(opts.api, opts.allowRemote === true);
  const remote = !isLoopbackHost(new URL(baseUrl).hostname);
  if (opts.liveTest > 0 && remote && !opts.iUnderstandThisChargesRealCards)
    throw new ToolkitError(
      'LIVE_TEST_REFUSED',
      '--live-test against a remote CRM charges real cards: add --i-understand-this-charges-real-cards.',
    );
  refuseOverwritingSample(sample, opts.out);
  const credentials = await loadApiCredentials(io.env, opts.credentialsFile);
  const client = createKonnektiveClient({
    baseUrl,
    credentials,
    concurrency: Math.max(1, opts.concurrency),
    maxRetries: opts.retries,
    transport: fetchTransport(opts.timeout * 1000),
    ...(opts.maxRps ? { maxRequestsPerSecond: opts.maxRps } : {}),
    today: io.today,
  });
  const bar = progress(io, `verifying ${sample}`);
  const result = await runVerify({
    sample,
    client,
    customerConcurrency: Math.max(1, opts.concurrency) * 2,
    liveTest: opts.liveTest,
    chargeRealCards: opts.iUnderstandThisChargesRealCards === true,
    onLiveTestPlan: (line) => io.stderr(`LIVE TEST: ${line}\n`),
    onProgress: (done) => bar.update(done),
  });
  bar.done();
  const out = await writeVerifyReports(result, opts.out);
  await assertNothingLeaked(Object.values(out));
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify({ ...result, outputs: out })}\n`);
  } else {
    const total = result.customers.length;
    io.stdout(
      `kmigrate verify ${sample}: ${result.passed}/${total} customer(s) pass, ${result.failed} differ ` +
        `(${result.requests} request(s), ${result.retries} retr(ies), ${(result.elapsedMs / 1000).toFixed(1)} s)\n`,
    );
    for (const c of result.customers)
      for (const d of c.differences)
        io.stdout(`  ${d.customerId}  ${d.field}: expected ${d.expected}, CRM has ${d.actual}\n`);
    for (const l of result.liveTest)
      io.stdout(
        `  live test ${l.customerId}: rebill ${l.rebill}, refund ${l.refund}, next bill date ${l.nextBillDate}\n`,
      );
    io.stdout(`  reports: ${out.html}, ${out.json}, ${out.csv}; ID map: ${out.idMap}\n`);
  }
  return result.failed > 0 ? 1 : 0;
}

/** Register `verify` on the program. */
export function registerVerifyCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  cli
    .command('verify')
    .description(
      'compare every sampled customer with the CRM API (credentials: KMIGRATE_API_LOGIN_ID / KMIGRATE_API_PASSWORD or --credentials-file)',
    )
    .argument('<sample>', 'the sample.csv the vendor imported')
    .requiredOption('--api <url>', 'CRM API base URL (loopback only unless --allow-remote)')
    .option('-o, --out <dir>', 'folder for report.html/json/csv and idmap.csv', 'verify')
    .option(
      '--credentials-file <file>',
      'file with KMIGRATE_API_LOGIN_ID=… and KMIGRATE_API_PASSWORD=… lines (or JSON)',
    )
    .option('--allow-remote', 'allow an API URL that is not on this machine (https only)')
    .option('--concurrency <n>', 'API requests in flight at most', whole, 4)
    .option('--max-rps <n>', 'API requests per second at most (default: no pacing)', whole)
    .option('--retries <n>', 'retries of a rate-limited or failed request', whole, 8)
    .option('--timeout <seconds>', 'how long one API request may take', seconds, 30)
    .option(
      '--live-test <n>',
      'force-bill then refund N sampled customers (sandbox only unless confirmed)',
      whole,
      0,
    )
    .option('--i-understand-this-charges-real-cards', 'allow --live-test against a real CRM')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (file: string, opts: VerifyOpts) => setCode(await verifyCommand(file, opts, io)));
}
