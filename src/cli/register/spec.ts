/**
 * Registers `kmigrate spec` and `kmigrate schema` on the program (loaded only when that command runs; see main.ts).
 * @module
 */
import { type Command, Option } from 'commander';
import { schemaCommand, specCommand } from '../commands/spec.js';
import type { CliIo } from '../io.js';
import { formatOption } from '../options.js';

/** Register the command. */
export function registerSpecCommands(cli: Command, io: CliIo, setCode: (code: number) => void): void {
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
    .addOption(formatOption())
    .action(() => setCode(schemaCommand(io)));
}
