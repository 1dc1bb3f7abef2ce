/**
 * `kmigrate check FILE`.
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { checkFile } from '../../check/index.js';
import { ToolkitError } from '../../core/index.js';
import { fileKey, openCsv } from '../../csv/index.js';
import { forecastSummaryLine, renderForecastSection } from '../../forecast/index.js';
import { renderCheckHtml } from '../../report/index.js';
import type { FileKind } from '../../schema/index.js';
import { openInput } from '../encrypted-input.js';
import { formatIssues } from '../format-issues.js';
import { type CliIo, progress } from '../io.js';
import { assertNothingLeaked } from '../leak-guard.js';

/** Options as parsed by the CLI. */
export interface CheckCommandOptions {
  readonly template?: string;
  readonly kind?: FileKind;
  readonly format: 'text' | 'json';
  readonly report?: string;
  readonly importDate?: string;
  readonly imminentDays: number;
  readonly keyring?: string;
  readonly passphraseFile?: string;
}

/** Run the command; returns the exit code. */
export async function checkCommand(file: string, opts: CheckCommandOptions, io: CliIo): Promise<number> {
  if (opts.report) refuseReportOverInput(opts.report, file, opts.template);
  const templateHeader = opts.template ? await readHeader(opts.template) : undefined;
  const bar = progress(io, `checking ${file}`);
  const input = await openInput(file, io, opts);
  const result = await checkFile(file, {
    input,
    ...(opts.kind ? { kind: opts.kind } : {}),
    ...(templateHeader ? { templateHeader } : {}),
    importDate: opts.importDate ?? io.today(),
    imminentDays: opts.imminentDays,
    onProgress: bar.update,
  });
  bar.done();
  if (opts.report) {
    try {
      await writeFile(
        opts.report,
        renderCheckHtml({
          ...result,
          sections: result.forecast ? [renderForecastSection(result.forecast)] : [],
        }),
      );
    } catch (cause) {
      throw new ToolkitError('FILE_UNWRITABLE', `Cannot write report ${opts.report}.`, { cause });
    }
  }
  if (opts.report) await assertNothingLeaked([opts.report]);
  if (opts.format === 'json') {
    const issues = result.issues.map((i) => ({
      code: i.code,
      severity: i.severity,
      row: i.row,
      line: i.line,
      column: i.column,
      message: i.message,
    }));
    io.stdout(
      `${JSON.stringify({ file: result.file, kind: result.kind, rows: result.rows, errors: result.errors, warnings: result.warnings, issues, truncated: result.truncated, countsByCode: result.countsByCode, forecast: result.forecast })}\n`,
    );
  } else {
    io.stdout(
      `kmigrate check ${result.file}: ${result.kind} file, ${result.rows.toLocaleString('en-US')} record(s)\n`,
    );
    io.stdout(formatIssues(result.issues, result.countsByCode));
    if (result.forecast && result.forecast.activeSubscriptions > 0)
      io.stdout(forecastSummaryLine(result.forecast));
    const verdict = result.errors > 0 ? 'the vendor import would FAIL' : 'ready for the vendor';
    io.stdout(
      `${result.errors} error(s), ${result.warnings} warning(s): ${verdict}.${opts.report ? ` Report: ${opts.report}` : ''}\n`,
    );
  }
  return result.errors > 0 ? 1 : 0;
}

/**
 * A --report naming the checked file or the template (also through a symbolic or hard link) would
 * replace it with HTML: refused before anything is read or written, as build and sample refuse an
 * output over an input.
 */
function refuseReportOverInput(report: string, file: string, template: string | undefined): void {
  const target = fileKey(report);
  for (const [input, what] of [
    [file, 'the checked file'],
    [template, 'the template'],
  ] as const) {
    if (input !== undefined && fileKey(input) === target)
      throw new ToolkitError(
        'USAGE',
        `The report ${report} is ${what}: writing it would replace it; give --report another file name.`,
      );
  }
}

async function readHeader(path: string): Promise<readonly string[]> {
  const reader = await openCsv(path, { file: path });
  await reader.close();
  return reader.rawHeader;
}
