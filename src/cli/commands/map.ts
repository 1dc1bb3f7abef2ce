/**
 * `kmigrate map --config migration.yaml [--source NAME] [--threshold 0.8] [--write] [--format text|json]`.
 * @module
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { mapSource, renderMapText } from '../../map/index.js';
import { openInput } from '../encrypted-input.js';
import type { CliIo } from '../io.js';

interface MapOpts {
  readonly config: string;
  readonly source?: string;
  readonly threshold: number;
  readonly write?: boolean;
  readonly format: 'text' | 'json';
  readonly keyring?: string;
  readonly passphraseFile?: string;
}

function unitInterval(value: string): number {
  const n = Number(value);
  if (!(Number.isFinite(n) && n > 0 && n <= 1))
    throw new InvalidArgumentError('expected a number above 0 and at most 1.');
  return n;
}

async function mapCommand(opts: MapOpts, io: CliIo): Promise<number> {
  const result = await mapSource({
    config: opts.config,
    ...(opts.source === undefined ? {} : { source: opts.source }),
    threshold: opts.threshold,
    write: opts.write === true,
    openInput: (path: string) => openInput(path, io, opts),
  });
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify(result)}\n`);
    return 0;
  }
  io.stdout(renderMapText(result.source, result.proposal, result.todo));
  if (result.written !== undefined)
    io.stdout(
      `  written to ${result.written.config}: ${result.written.added.length} column(s), ${result.written.lookupEntries} lookup entr(ies) to fill in.\n`,
    );
  if (result.notWritten !== undefined) io.stdout(`  not written: ${result.notWritten}\n`);
  return 0;
}

/** Register `map` on the program. */
export function registerMapCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  cli
    .command('map')
    .description(
      'propose a mapping from a source’s columns to the Konnektive columns (with --write: into migration.yaml)',
    )
    .requiredOption('--config <yaml>', 'the migration.yaml')
    .option('--source <name>', 'which source (default: the one transactions reads)')
    .option('--threshold <n>', 'lowest confidence that is proposed (0–1)', unitInterval, 0.8)
    .option('--write', 'write the proposal and the to-do into migration.yaml for review')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option(
      '--keyring <dir>',
      'keyring for an encrypted source (default: KMIGRATE_KEYRING or .kmigrate/keys)',
    )
    .option(
      '--passphrase-file <file>',
      'private key passphrase for an encrypted source (else KMIGRATE_PGP_PASSPHRASE)',
    )
    .action(async (opts: MapOpts) => setCode(await mapCommand(opts, io)));
}
