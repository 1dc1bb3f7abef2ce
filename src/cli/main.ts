/**
 * The composition root of the CLI and the only place that turns errors into exit codes:
 * 0 clean, 1 data problems found, 2 usage or operational failure.
 * @module
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { isToolkitError } from '../core/index.js';
import { buildCommand } from './commands/build.js';
import { checkCommand } from './commands/check.js';
import { registerDecryptCommand } from './commands/decrypt.js';
import { registerDetokenizeCommand } from './commands/detokenize.js';
import { registerEncryptCommand } from './commands/encrypt.js';
import { registerHandoffCommand } from './commands/handoff.js';
import { registerInitCommand } from './commands/init.js';
import { registerKeysCommand } from './commands/keys.js';
import { registerMapCommand } from './commands/map.js';
import { registerProfileCommand } from './commands/profile.js';
import { registerPullCommand } from './commands/pull.js';
import { registerPushCommand } from './commands/push.js';
import { registerReceiveCommand } from './commands/receive.js';
import { registerSampleCommand } from './commands/sample.js';
import { registerSandboxCommand } from './commands/sandbox.js';
import { registerScanCommand } from './commands/scan.js';
import { schemaCommand, specCommand } from './commands/spec.js';
import { registerTokenizeCommand } from './commands/tokenize.js';
import { registerVaultCommand } from './commands/vault.js';
import { registerVerifyCommand } from './commands/verify.js';
import { type CliIo, processIo } from './io.js';
import { VERSION } from './version.js';

const SECRET_FLAG = /^--?(password|passphrase|secret|token|key-?material|api-?key)(=|$)/i;

function ymd(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected YYYY-MM-DD.');
  return value;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number.');
  return n;
}

function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
}

function program(io: CliIo, setCode: (code: number) => void): Command {
  const cli = new Command('kmigrate')
    .description(
      'Move customers, cards, subscriptions and history into Konnektive CRM through its Legacy Data Import.',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  cli
    .command('check')
    .description(
      'validate a Konnektive import file (also hand-made ones) against the spec or a vendor template',
    )
    .argument('<file>', 'the CSV file to check')
    .option('--template <csv>', "the vendor's template CSV: its header decides columns and order")
    .addOption(
      new Option('--kind <kind>', 'which import file (default: detected from the header)').choices([
        'transactions',
        'notes',
        'details',
      ]),
    )
    .addOption(formatOption())
    .option('--report <html>', 'also write an HTML report')
    .option('--import-date <date>', 'the day the vendor imports (YYYY-MM-DD; default today)', ymd)
    .option(
      '--imminent-days <n>',
      'next bill dates this close to the import date are flagged',
      nonNegative,
      3,
    )
    .option('--keyring <dir>', 'keyring for encrypted inputs (default: KMIGRATE_KEYRING or .kmigrate/keys)')
    .option(
      '--passphrase-file <file>',
      'private key passphrase for encrypted inputs (else KMIGRATE_PGP_PASSPHRASE)',
    )
    .action(async (file: string, opts) => setCode(await checkCommand(file, opts, io)));
  cli
    .command('build')
    .description('turn source exports into Konnektive import files, rejects.csv and a report')
    .requiredOption('--config <yaml>', 'the migration.yaml to run')
    .option('--out <dir>', 'output folder (default: out/ beside the config)')
    .option('--keyring <dir>', 'keyring for encrypted sources (default: KMIGRATE_KEYRING or .kmigrate/keys)')
    .option(
      '--passphrase-file <file>',
      'private key passphrase for encrypted sources (else KMIGRATE_PGP_PASSPHRASE)',
    )
    .option(
      '--cleartext-cards',
      'let the import files carry full card numbers in clear (test data or a PCI-scoped host only); by default a build whose outputs hold a card number fails and removes them',
    )
    .addOption(formatOption())
    .action(async (opts) => setCode(await buildCommand(opts, io)));
  cli
    .command('spec')
    .description('print the built-in Konnektive target spec (columns, types, rules)')
    .addOption(
      new Option('--kind <kind>', 'which import file')
        .choices(['transactions', 'notes', 'details'])
        .default('transactions'),
    )
    .addOption(formatOption())
    .action((opts) => setCode(specCommand(opts, io)));
  cli
    .command('schema')
    .description('print the JSON Schema of migration.yaml (for editor autocompletion)')
    .action(() => setCode(schemaCommand(io)));
  registerInitCommand(cli, io, setCode);
  registerKeysCommand(cli, io, setCode);
  registerEncryptCommand(cli, io, setCode);
  registerDecryptCommand(cli, io, setCode);
  registerHandoffCommand(cli, io, setCode);
  registerPushCommand(cli, io, setCode);
  registerPullCommand(cli, io, setCode);
  registerReceiveCommand(cli, io, setCode);
  registerTokenizeCommand(cli, io, setCode);
  registerDetokenizeCommand(cli, io, setCode);
  registerScanCommand(cli, io, setCode);
  registerVaultCommand(cli, io, setCode);
  registerSampleCommand(cli, io, setCode);
  registerSandboxCommand(cli, io, setCode);
  registerVerifyCommand(cli, io, setCode);
  registerProfileCommand(cli, io, setCode);
  registerMapCommand(cli, io, setCode);
  return cli;
}

/** Run the CLI with `argv` (without node and script); resolves to the exit code. */
export async function run(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const secret = argv.find((a) => SECRET_FLAG.test(a));
  if (secret) {
    io.stderr(
      'kmigrate: USAGE: secrets are never taken from the command line; use an environment variable or a file.\n',
    );
    return 2;
  }
  let code = 0;
  try {
    await program(io, (c) => {
      code = c;
    }).parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    if (
      error.code === 'commander.helpDisplayed' ||
      error.code === 'commander.version' ||
      error.code === 'commander.help'
    )
      return 0;
    return 2;
  }
  if (isToolkitError(error)) {
    io.stderr(`kmigrate: ${error.code}: ${error.message}\n`);
    if (io.env.KMIGRATE_DEBUG && error.cause instanceof Error)
      io.stderr(`${error.cause.stack ?? error.cause.message}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  io.stderr(`kmigrate: INTERNAL: this is a bug, please report it with the command you ran (${message}).\n`);
  if (io.env.KMIGRATE_DEBUG && error instanceof Error) io.stderr(`${error.stack ?? ''}\n`);
  return 2;
}
