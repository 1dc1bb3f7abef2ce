/**
 * `kmigrate profile FILE… [--format text|json] [--report R.html]`.
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { ToolkitError } from '../../core/index.js';
import { type FileProfile, profileFile, renderProfileHtml, renderProfileText } from '../../profile/index.js';
import { openInput } from '../encrypted-input.js';
import { type CliIo, progress } from '../io.js';
import { assertNothingLeaked } from '../leak-guard.js';

interface ProfileOpts {
  readonly format: 'text' | 'json';
  readonly report?: string;
  readonly keyring?: string;
  readonly passphraseFile?: string;
}

async function profileCommand(files: readonly string[], opts: ProfileOpts, io: CliIo): Promise<number> {
  const profiles: FileProfile[] = [];
  for (const file of files) {
    const bar = progress(io, `profile ${file}`);
    try {
      const input = await openInput(file, io, opts);
      profiles.push(await profileFile(file, { input, onProgress: (rows, bytes) => bar.update(rows, bytes) }));
    } finally {
      bar.done();
    }
  }
  if (opts.report !== undefined) {
    try {
      await writeFile(opts.report, renderProfileHtml(profiles));
    } catch (cause) {
      throw new ToolkitError('FILE_UNWRITABLE', `Cannot write the report ${opts.report}.`, { cause });
    }
  }
  if (opts.report !== undefined) await assertNothingLeaked([opts.report]);
  if (opts.format === 'json') io.stdout(`${JSON.stringify({ files: profiles })}\n`);
  else io.stdout(profiles.map(renderProfileText).join('\n'));
  return 0;
}

/** Register `profile` on the program. */
export function registerProfileCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  cli
    .command('profile')
    .description(
      'profile source exports: dialect, column types and formats, masked examples, damage, duplicates',
    )
    .argument('<files...>', 'the CSV/TSV files to profile')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']).default('text'))
    .option('--report <html>', 'also write an HTML report')
    .option('--keyring <dir>', 'keyring for encrypted inputs (default: KMIGRATE_KEYRING or .kmigrate/keys)')
    .option(
      '--passphrase-file <file>',
      'private key passphrase for encrypted inputs (else KMIGRATE_PGP_PASSPHRASE)',
    )
    .action(async (files: string[], opts: ProfileOpts) => setCode(await profileCommand(files, opts, io)));
}
