/**
 * Header rules: exact names, exact order, required columns present.
 * @module
 */
import type { Issue } from '../core/index.js';
import type { ColumnSpec, FileSpec } from '../schema/index.js';
import { CHECK_ISSUE_CODES, type CheckIssueCode } from './codes.js';

/** How each header position maps onto the spec. */
export interface HeaderBinding {
  /** For each header index, the spec column it carries (null for unknown or duplicate columns). */
  readonly columns: readonly (ColumnSpec | null)[];
  /** Spec column name → header index, for the columns present. */
  readonly index: ReadonlyMap<string, number>;
  readonly issues: readonly Issue[];
}

const norm = (s: string): string => s.replace(/[\s_\-.]/g, '').toLowerCase();

function issue(code: CheckIssueCode, message: string, column: string | null): Issue {
  return { code, severity: CHECK_ISSUE_CODES[code].severity, message, row: null, line: 1, column };
}

/** Bind a file header to a spec and report header problems. */
export function bindHeader(spec: FileSpec, header: readonly string[], headerLine = 1): HeaderBinding {
  const exact = new Map(spec.columns.map((c) => [c.spelled ?? c.name, c] as const));
  const loose = new Map(spec.columns.map((c) => [norm(c.name), c] as const));
  const issues: Issue[] = [];
  const columns: (ColumnSpec | null)[] = [];
  const index = new Map<string, number>();
  // no name is a column of the format: the line is a record (a file without a header row), and
  // its cells (an ACH number, a gateway token) are never shown as column names
  const headerless = !header.some((name) => exact.has(name) || loose.has(norm(name)));
  header.forEach((name, i) => {
    const column = exact.get(name) ?? loose.get(norm(name));
    if (!column && headerless) {
      issues.push(
        issue(
          spec.template ? 'TEMPLATE_HEADER_EXTRA' : 'HEADER_UNKNOWN_COLUMN',
          `Column ${i + 1} is not part of the ${spec.template ? 'vendor template' : `${spec.title} format`}: no name on the header line is, so the line seems to be a record (a file without a header row); its cells are not shown.`,
          null,
        ),
      );
      columns.push(null);
      return;
    }
    if (!column) {
      issues.push(
        spec.template
          ? issue(
              'TEMPLATE_HEADER_EXTRA',
              `Column ${clip(name)} is not in the vendor template, which decides the columns.`,
              name,
            )
          : issue(
              'HEADER_UNKNOWN_COLUMN',
              `Column ${clip(name)} is not part of the ${spec.title} format.`,
              name,
            ),
      );
      columns.push(null);
      return;
    }
    if (index.has(column.name)) {
      issues.push(
        issue(
          'HEADER_DUPLICATE',
          `Column ${column.name} appears more than once; the first one is checked.`,
          name,
        ),
      );
      columns.push(null);
      return;
    }
    const spelled = column.spelled ?? column.name;
    if (spelled !== name) {
      issues.push(
        issue('HEADER_NAME_CASE', `Header ${clip(name)} must be spelled exactly ${spelled}.`, name),
      );
    }
    index.set(column.name, i);
    columns.push(column);
  });
  for (const column of spec.columns) {
    if (index.has(column.name)) continue;
    if (column.required) {
      issues.push(
        issue(
          'HEADER_MISSING_COLUMN',
          `Required column ${column.name} (${column.letter}) is missing.`,
          column.name,
        ),
      );
    } else if (spec.template) {
      issues.push(
        issue(
          'TEMPLATE_HEADER_MISSING',
          `Template column ${column.spelled ?? column.name} (${column.letter}) is missing.`,
          column.name,
        ),
      );
    } else if (!column.unknown) {
      issues.push(
        issue(
          'HEADER_MISSING_OPTIONAL',
          `Optional column ${column.name} (${column.letter}) is missing.`,
          column.name,
        ),
      );
    }
  }
  const order = spec.columns.filter((c) => index.has(c.name)).map((c) => c.name);
  const actual = [...index.entries()].sort((a, b) => a[1] - b[1]).map(([n]) => n);
  const firstOff = actual.findIndex((n, i) => n !== order[i]);
  if (firstOff >= 0) {
    issues.push(
      issue(
        'HEADER_ORDER',
        `Columns are out of order: ${actual[firstOff]} stands where the format expects ${order[firstOff]}; the vendor needs the exact column order.`,
        actual[firstOff] ?? null,
      ),
    );
  } else if (!spec.template) {
    const shifted = shiftedColumn(spec, header, columns);
    if (shifted !== null) issues.push(shifted);
  }
  return { columns, index, issues: issues.map((i) => ({ ...i, line: headerLine })) };
}

/**
 * A leading column (A–R of Transactions, the columns before the provisional ones) that is not the
 * format's column of its letter — an unknown column inserted, an optional one left out: the vendor
 * reads those by position, so every column after it is shifted.
 */
function shiftedColumn(
  spec: FileSpec,
  header: readonly string[],
  columns: readonly (ColumnSpec | null)[],
): Issue | null {
  const provisional = spec.columns.findIndex((c) => c.provisional === true);
  const fixed = Math.min(provisional < 0 ? spec.columns.length : provisional, header.length);
  for (let i = 0; i < fixed; i++) {
    const expected = spec.columns[i];
    if (columns[i] === expected) continue;
    // a required column left out is already an error of its own
    if (expected?.required === true && !columns.includes(expected)) return null;
    return issue(
      'HEADER_ORDER',
      `Column ${clip(header[i] ?? '')} stands at ${expected?.letter ?? i + 1}, where the format expects ${expected?.name ?? ''}; the vendor reads the columns before the provisional ones by position, so every later column is shifted.`,
      header[i] ?? null,
    );
  }
  return null;
}

function clip(name: string): string {
  const safe = name.replace(/[\r\n\t]/g, ' ');
  return `"${safe.length > 40 ? `${safe.slice(0, 37)}...` : safe}"`;
}
