/**
 * Registers `kmigrate build` on the program (loaded only when that command runs; see main.ts).
 * @module
 */
import type { Command } from 'commander';
import { buildCommand } from '../commands/build.js';
import type { CliIo } from '../io.js';
import { formatOption } from '../options.js';

/** Register the command. */
export function registerBuildCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
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
}
