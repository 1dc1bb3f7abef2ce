/**
 * `kmigrate scan PATH…`: find card numbers and unmasked bank accounts; exit 1 when any, and when
 * the time cap stopped a file before its end (what was not read is not proven clean).
 * @module
 */
import type { Command } from 'commander';
import { scanPaths } from '../../scan/index.js';
import type { CliIo } from '../io.js';
import { positiveNumber } from '../options.js';

interface ScanOpts {
  readonly allowTestPans?: boolean;
  readonly exclude: readonly string[];
  readonly maxSeconds: number;
  readonly format: 'text' | 'json';
}

async function scanCommand(paths: readonly string[], opts: ScanOpts, io: CliIo): Promise<number> {
  const report = await scanPaths(paths, {
    allowTestPans: opts.allowTestPans === true,
    exclude: opts.exclude,
    maxSecondsPerFile: opts.maxSeconds,
  });
  if (opts.format === 'json') io.stdout(`${JSON.stringify(report)}\n`);
  else {
    for (const f of report.findings)
      io.stdout(
        `${f.file}:${f.line}:${f.position}: ${f.code} ${f.masked}${f.column === null ? '' : ` (column ${f.column})`}\n`,
      );
    for (const t of report.truncated) io.stdout(`${t}: SCAN_FILE_TRUNCATED (time cap reached)\n`);
    const unread = report.truncated.length;
    io.stdout(
      `scanned ${report.files} files (${report.bytes.toLocaleString('en-US')} bytes): ${report.total} finding(s)${unread > 0 ? `; ${unread} file(s) not read to the end: not proven clean (raise --max-seconds)` : ''}\n`,
    );
  }
  return report.total > 0 || report.truncated.length > 0 ? 1 : 0;
}

/** Register `scan` on the program. */
export function registerScanCommand(cli: Command, io: CliIo, setCode: (code: number) => void): void {
  cli
    .command('scan')
    .description('find Luhn-valid card numbers and unmasked bank-account columns in files and folders')
    .argument('<paths...>', 'files or folders (recursive; .git and node_modules skipped)')
    .option('--allow-test-pans', 'ignore published test card numbers (off by default)')
    .option(
      '--exclude <name>',
      'skip a folder name or relative path (repeatable)',
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option(
      '--max-seconds <n>',
      'stop reading one file after this many seconds (exit 1 then)',
      positiveNumber,
      10,
    )
    .option('--format <format>', 'output format: text or json', 'text')
    .action(async (paths: string[], opts: ScanOpts) => setCode(await scanCommand(paths, opts, io)));
}
