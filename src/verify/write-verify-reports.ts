/**
 * Verify's outputs: report.json, report.csv, report.html and idmap.csv.
 * @module
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolkitError } from '../core/index.js';
import { fileKey, formatCsvRow } from '../csv/index.js';
import { renderVerifyHtml } from './render-verify.js';
import type { VerifyResult } from './run-verify.js';

/** The files written, by role. */
export interface VerifyOutputs {
  readonly json: string;
  readonly csv: string;
  readonly html: string;
  readonly idMap: string;
}

/** The paths of the four files in `dir`. */
export function verifyOutputPaths(dir: string): VerifyOutputs {
  return {
    json: join(dir, 'report.json'),
    csv: join(dir, 'report.csv'),
    html: join(dir, 'report.html'),
    idMap: join(dir, 'idmap.csv'),
  };
}

/**
 * An output that would replace the sample (a sample named report.csv or idmap.csv, `-o` its
 * folder, also through a symbolic or hard link) is refused before any request, as `sample`
 * and `build` refuse one.
 */
export function refuseOverwritingSample(sample: string, dir: string): void {
  const input = fileKey(sample);
  for (const out of Object.values(verifyOutputPaths(dir)))
    if (fileKey(out) === input)
      throw new ToolkitError(
        'USAGE',
        `The output ${out} is the sample file: verify would replace it; write into another folder (-o) or rename the file.`,
      );
}

function csv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `${[header, ...rows].map((r) => formatCsvRow(r)).join('\n')}\n`;
}

/** Write the four files into `dir`. */
export async function writeVerifyReports(result: VerifyResult, dir: string): Promise<VerifyOutputs> {
  const out = verifyOutputPaths(dir);
  const reportRows = result.customers.flatMap((c) =>
    c.differences.length === 0
      ? [[c.customerId, c.crmCustomerId, 'pass', '', '', '']]
      : c.differences.map((d) => [c.customerId, c.crmCustomerId, 'fail', d.field, d.expected, d.actual]),
  );
  try {
    await mkdir(dir, { recursive: true });
    await writeFile(out.json, `${JSON.stringify(result, null, 2)}\n`);
    await writeFile(
      out.csv,
      csv(['customerId', 'crmCustomerId', 'status', 'field', 'expected', 'actual'], reportRows),
    );
    await writeFile(out.html, renderVerifyHtml(result));
    await writeFile(
      out.idMap,
      csv(
        ['legacyCustomerId', 'legacyOrderId', 'crmCustomerId', 'crmOrderId', 'crmPurchaseIds'],
        result.idMap.map((r) => [
          r.legacyCustomerId,
          r.legacyOrderId,
          r.crmCustomerId,
          r.crmOrderId,
          r.crmPurchaseIds,
        ]),
      ),
    );
  } catch (cause) {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write the verify reports in ${dir}.`, { cause });
  }
  return out;
}
