/**
 * The composition root of the CLI and the only place that turns errors into exit codes:
 * 0 clean, 1 data problems found, 2 usage or operational failure.
 * @module
 */
import { Command, CommanderError } from 'commander';
import { isToolkitError, runInterruptTasks } from '../core/index.js';
import { type CliIo, processIo } from './io.js';
import { VERSION } from './version.js';

const SECRET_FLAG = /^--?(password|passphrase|secret|token|key-?material|api-?key)(=|$)/i;

type Register = (cli: Command, io: CliIo, setCode: (code: number) => void) => void;

/**
 * Every command, in help order, with a loader: a run imports only the module of the command it
 * runs (its libraries — OpenPGP.js, ssh2, SQLite, … — stay unloaded otherwise), which keeps the
 * start fast and the memory baseline low. Help and unknown commands load them all.
 */
const COMMANDS: ReadonlyArray<readonly [string, () => Promise<Register>]> = [
  ['check', async () => (await import('./register/check.js')).registerCheckCommand],
  ['build', async () => (await import('./register/build.js')).registerBuildCommand],
  ['spec', async () => (await import('./register/spec.js')).registerSpecCommands],
  ['init', async () => (await import('./commands/init.js')).registerInitCommand],
  ['keys', async () => (await import('./commands/keys.js')).registerKeysCommand],
  ['encrypt', async () => (await import('./commands/encrypt.js')).registerEncryptCommand],
  ['decrypt', async () => (await import('./commands/decrypt.js')).registerDecryptCommand],
  ['handoff', async () => (await import('./commands/handoff.js')).registerHandoffCommand],
  ['push', async () => (await import('./commands/push.js')).registerPushCommand],
  ['pull', async () => (await import('./commands/pull.js')).registerPullCommand],
  ['receive', async () => (await import('./commands/receive.js')).registerReceiveCommand],
  ['tokenize', async () => (await import('./commands/tokenize.js')).registerTokenizeCommand],
  ['detokenize', async () => (await import('./commands/detokenize.js')).registerDetokenizeCommand],
  ['scan', async () => (await import('./commands/scan.js')).registerScanCommand],
  ['vault', async () => (await import('./commands/vault.js')).registerVaultCommand],
  ['sample', async () => (await import('./commands/sample.js')).registerSampleCommand],
  ['sandbox', async () => (await import('./commands/sandbox.js')).registerSandboxCommand],
  ['verify', async () => (await import('./commands/verify.js')).registerVerifyCommand],
  ['profile', async () => (await import('./commands/profile.js')).registerProfileCommand],
  ['map', async () => (await import('./commands/map.js')).registerMapCommand],
];
/** Commands registered by another command's module. */
const ALIASES: Readonly<Record<string, string>> = { schema: 'spec' };

async function program(
  argv: readonly string[],
  io: CliIo,
  setCode: (code: number) => void,
): Promise<Command> {
  const cli = new Command('kmigrate')
    .description(
      'Move customers, cards, subscriptions and history into Konnektive CRM through its Legacy Data Import.',
    )
    .version(VERSION)
    .exitOverride()
    .configureOutput({
      writeOut: io.stdout,
      writeErr: io.stderr,
      // parse errors in the one-line coded form of every other failure (exit 2)
      outputError: (text, write) => write(`kmigrate: USAGE: ${text.replace(/^error: /, '')}`),
    });
  const first = argv.find((a) => !a.startsWith('-'));
  const name = first === undefined ? undefined : (ALIASES[first] ?? first);
  const one = COMMANDS.find(([n]) => n === name);
  const versionOnly = first === undefined && argv.some((a) => a === '-V' || a === '--version');
  const wanted = one !== undefined ? [one] : versionOnly ? [] : COMMANDS;
  for (const [, load] of wanted) (await load())(cli, io, setCode);
  return cli;
}

/** Commands that handle SIGINT/SIGTERM themselves (servers that stop cleanly). */
const OWN_SIGNALS = new Set(['receive', 'sandbox']);

/**
 * For the process running the CLI (bin/kmigrate.js, not in-process callers): on SIGINT, SIGTERM
 * or SIGHUP, remove what the run was writing (`.partial` files, temp folders: see
 * core/interrupt.ts), say so in one coded line and exit 2 (`exit` ends the process: bin/kmigrate.js).
 */
export function exitCleanlyOnSignals(
  argv: readonly string[],
  exit: (code: number) => void,
  io: CliIo = processIo(),
): void {
  const first = argv.find((a) => !a.startsWith('-'));
  if (first !== undefined && OWN_SIGNALS.has(first)) return;
  const stop = (signal: NodeJS.Signals): void => {
    const removed = runInterruptTasks();
    io.stderr(
      `kmigrate: INTERRUPTED: stopped by ${signal}; ${removed} partial file(s) or temp folder(s) removed.\n`,
    );
    exit(2);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, stop);
}

/**
 * A reader that closes standard output or error early (`kmigrate check … | head`) is not a
 * failure: what is left to print is dropped and the command finishes its work (its files are
 * complete, its exit code unchanged) — no stack trace.
 */
export function dropOutputToClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    });
  }
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
    const cli = await program(argv, io, (c) => {
      code = c;
    });
    await cli.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (error) {
    return reportError(error, io);
  }
}

function reportError(error: unknown, io: CliIo): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    // help shown because a command was missing (`kmigrate`, `kmigrate keys`): a usage error, so a
    // script whose command variable is empty does not see success
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
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
