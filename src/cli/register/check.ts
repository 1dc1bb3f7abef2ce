/**
 * Registers `kmigrate check` on the program (loaded only when that command runs; see main.ts).
 * @module
 */
import { type Command, Option } from 'commander';
import { checkCommand } from '../commands/check.js';
import type { CliIo } from '../io.js';
import { days, formatOption, ymd } from '../options.js';

/** Register the command. */
export function registerCheckCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
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
    .option('--imminent-days <n>', 'next bill dates this close to the import date are flagged', days, 3)
    .option('--keyring <dir>', 'keyring for encrypted inputs (default: KMIGRATE_KEYRING or .kmigrate/keys)')
    .option(
      '--passphrase-file <file>',
      'private key passphrase for encrypted inputs (else KMIGRATE_PGP_PASSPHRASE)',
    )
    .action(async (file: string, opts) => setCode(await checkCommand(file, opts, io)));
}
