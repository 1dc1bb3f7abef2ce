/**
 * `kmigrate init DIR [--source stripe|nmi|…]`: create a migration workspace.
 * @module
 */
import { type Command, Option } from 'commander';
import { PRESET_IDS } from '../../presets/index.js';
import { initWorkspace } from '../../workspace/index.js';
import type { CliIo } from '../io.js';

interface InitOpts {
  readonly source: string;
  readonly format: 'text' | 'json';
}

async function initCommand(dir: string, opts: InitOpts, io: CliIo): Promise<number> {
  const result = await initWorkspace({ dir, source: opts.source });
  if (opts.format === 'json') {
    io.stdout(`${JSON.stringify({ dir: result.dir, source: opts.source, files: result.files })}\n`);
    return 0;
  }
  io.stdout(`kmigrate init → ${result.dir} (${opts.source})\n`);
  for (const f of result.files) io.stdout(`  ${f}\n`);
  io.stdout(
    `Next: put the exports under exports/, then read ${result.files.find((f) => f.startsWith('README')) ?? 'README.md'} (profile → map → lookups → build → check).\n`,
  );
  return 0;
}

/** Register `init`. */
export function registerInitCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  cli
    .command('init')
    .description('create a migration workspace: a commented migration.yaml for the source and next steps')
    .argument('<dir>', 'the workspace folder to create')
    .addOption(
      new Option('--source <preset>', 'the system the data comes from')
        .choices([...PRESET_IDS])
        .default('generic'),
    )
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .action(async (dir: string, opts: InitOpts) => setCode(await initCommand(dir, opts, io)));
}
