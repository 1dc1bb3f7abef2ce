/**
 * Every code kmigrate can print, in one place: the operational error codes and each module's
 * issue catalog. docs/error-codes.md is generated from this (`npm run docs`) and a test fails
 * when they drift.
 * @module
 */
import { CHECK_ISSUE_CODES } from './check/index.js';
import { ERROR_CODES, type IssueCatalog } from './core/index.js';
import { CSV_ISSUE_CODES } from './csv/index.js';
import { CONTACT_ISSUE_CODES, VALUE_ISSUE_CODES } from './normalize/index.js';
import { PIPELINE_ISSUE_CODES } from './pipeline/index.js';
import { SCAN_ISSUE_CODES } from './scan/index.js';
import { TOKENIZE_ISSUE_CODES } from './tokenize/index.js';

/** Issue catalogs by module, in documentation order. */
export const ISSUE_CATALOGS: Readonly<Record<string, IssueCatalog>> = {
  'CSV reading': CSV_ISSUE_CODES,
  'Normalizing contact data': CONTACT_ISSUE_CODES,
  'Normalizing dates, money, cards': VALUE_ISSUE_CODES,
  'Checking Konnektive files': CHECK_ISSUE_CODES,
  Building: PIPELINE_ISSUE_CODES,
  'Tokenizing cards': TOKENIZE_ISSUE_CODES,
  'Scanning for card-number leaks': SCAN_ISSUE_CODES,
};

export { ERROR_CODES };

/** The markdown of docs/error-codes.md. */
export function renderErrorCodesDoc(): string {
  const lines = [
    '# Error and issue codes',
    '',
    'Generated from the code catalogs by `npm run docs`; a test fails when this file drifts.',
    '',
    '## Operational errors (exit code 2)',
    '',
    'Printed as one line: `kmigrate: CODE: message`.',
    '',
    '| Code | Meaning |',
    '|---|---|',
    ...Object.entries(ERROR_CODES).map(([code, text]) => `| \`${code}\` | ${text} |`),
  ];
  for (const [title, catalog] of Object.entries(ISSUE_CATALOGS)) {
    lines.push('', `## ${title}`, '', '| Code | Severity | Meaning |', '|---|---|---|');
    for (const [code, info] of Object.entries(catalog))
      lines.push(`| \`${code}\` | ${info.severity} | ${info.description} |`);
  }
  lines.push(
    '',
    'Errors make a record unusable (build rejects it; check exits 1). Warnings are reported and allowed.',
    '',
  );
  return lines.join('\n');
}
