/**
 * `kmigrate sandbox [--port P] [--db FILE]` and `kmigrate sandbox import FILE --db FILE`.
 * @module
 */
import { type Command, InvalidArgumentError } from 'commander';
import { importLegacyFile, openSandboxDb, startSandbox } from '../../sandbox/index.js';
import type { CliIo } from '../io.js';
import { formatOption } from '../options.js';

interface ServeOpts {
  readonly port: number;
  readonly db?: string;
  readonly import?: readonly string[];
  readonly latency: number;
  readonly rateLimit: number;
  readonly format: 'text' | 'json';
}

function whole(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number.');
  return n;
}

function port(value: string): number {
  const n = whole(value);
  if (n > 65535) throw new InvalidArgumentError('expected a port from 0 to 65535.');
  return n;
}

function credentials(io: CliIo): { loginId: string; password: string } {
  return {
    loginId: io.env.KMIGRATE_API_LOGIN_ID ?? 'sandbox',
    password: io.env.KMIGRATE_API_PASSWORD ?? 'sandbox',
  };
}

async function serve(opts: ServeOpts, io: CliIo): Promise<number> {
  const db = openSandboxDb(opts.db ?? ':memory:');
  for (const file of opts.import ?? []) {
    const r = await importLegacyFile(db, file);
    io.stderr(
      `imported ${file}: ${r.customers} customer(s), ${r.orders} order(s), ${r.purchases} purchase(s), ${r.transactions} transaction(s)\n`,
    );
  }
  const sandbox = await startSandbox({
    db,
    port: opts.port,
    ...credentials(io),
    latencyMs: opts.latency,
    rateLimit: opts.rateLimit,
  });
  io.stdout(
    opts.format === 'json'
      ? `${JSON.stringify({ listening: sandbox.url })}\n`
      : `kmigrate sandbox listening on ${sandbox.url} (Ctrl-C to stop)\n`,
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  db.close();
  io.stderr(`kmigrate sandbox: stopped after ${sandbox.stats.requests} request(s).\n`);
  return 0;
}

/** Register `sandbox` (serve by default) and `sandbox import`. */
export function registerSandboxCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  const sandbox = cli
    .command('sandbox')
    .description(
      'a local stand-in for the CRM API (127.0.0.1 only). Accepts KMIGRATE_API_LOGIN_ID / KMIGRATE_API_PASSWORD (default sandbox / sandbox)',
    );
  sandbox
    .command('serve', { isDefault: true })
    .description('serve the API subset kmigrate uses (the default)')
    .option('--port <port>', 'port on 127.0.0.1 (0 = any free port)', port, 8787)
    .option('--db <file>', 'SQLite database file (default: in memory)')
    .option('--import <file...>', 'Transactions file(s) to import before serving')
    .option('--latency <ms>', 'added to every answer', whole, 0)
    .option(
      '--rate-limit <n>',
      'requests per second before answering with a rate-limit ERROR (0 = none)',
      whole,
      0,
    )
    .addOption(formatOption())
    .action(async (opts: ServeOpts) => setCode(await serve(opts, io)));
  sandbox
    .command('import')
    .description('load a Transactions file with the vendor import semantics')
    .argument('<file>', 'the Transactions file')
    .requiredOption('--db <file>', 'SQLite database file')
    .addOption(formatOption())
    .action(async (file: string, opts: { db: string; format: 'text' | 'json' }) => {
      const db = openSandboxDb(opts.db);
      try {
        const r = await importLegacyFile(db, file);
        io.stdout(
          opts.format === 'json'
            ? `${JSON.stringify({ file, db: opts.db, ...r })}\n`
            : `imported ${file} into ${opts.db}: ${r.customers} customer(s), ${r.orders} order(s), ${r.purchases} purchase(s), ${r.transactions} transaction(s)\n`,
        );
      } finally {
        db.close();
      }
      setCode(0);
    });
}
