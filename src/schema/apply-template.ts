/**
 * A vendor template's header decides which columns are written and in what order.
 * @module
 */
import type { Issue } from '../core/index.js';
import { ToolkitError } from '../core/index.js';
import type { ColumnSpec, FileSpec } from './spec-types.js';

/** The result of overriding a file spec with a template header. */
export interface TemplatedSpec {
  readonly spec: FileSpec;
  readonly issues: readonly Issue[];
}

/** An issue of the template (no row or line of the checked file), about the template column `column`. */
const fileIssue = (code: string, message: string, column: string | null): Issue => ({
  code,
  severity: 'warning',
  message,
  row: null,
  line: null,
  column,
});

/**
 * Known columns keep their built-in rules and name (a different spelling in the template is kept as
 * `spelled`, the header written and read); an unknown template column is accepted as text and
 * reported as a warning; a built-in column the template lacks is not written.
 */
export function applyTemplate(base: FileSpec, full: readonly string[]): TemplatedSpec {
  // a spreadsheet saves a template with a trailing delimiter: empty names at the end are no columns
  let end = full.length;
  while (end > 1 && (full[end - 1] ?? '').trim() === '') end--;
  const header = full.slice(0, end);
  const byName = new Map(base.columns.map((c) => [c.name, c] as const));
  const byLower = new Map(base.columns.map((c) => [c.name.toLowerCase(), c] as const));
  const issues: Issue[] = [];
  if (end < full.length)
    issues.push(
      fileIssue(
        'TEMPLATE_TRAILING_EMPTY',
        `The template header ends in ${full.length - end} empty name(s) (a trailing delimiter); they are ignored.`,
        null,
      ),
    );
  const seen = new Set<string>();
  const columns: ColumnSpec[] = [];
  header.forEach((rawName, index) => {
    const name = rawName.trim();
    if (name === '') throw new ToolkitError('TEMPLATE_INVALID', `Template column ${index + 1} has no name.`);
    // names are matched in any case: `customerId` and `CustomerId` would both be the one column
    const earlier = [...seen].find((s) => s.toLowerCase() === name.toLowerCase());
    if (earlier !== undefined)
      throw new ToolkitError(
        'TEMPLATE_INVALID',
        `Template column ${name} appears twice${earlier === name ? '' : ` (as ${earlier}: names are compared in any case)`}.`,
      );
    seen.add(name);
    const known = byName.get(name) ?? byLower.get(name.toLowerCase());
    if (known) {
      if (known.name !== name) {
        issues.push(
          fileIssue(
            'TEMPLATE_NAME_CASE',
            `Template column ${name} is written ${known.name} in the spec; the template's spelling is used.`,
            name,
          ),
        );
      }
      columns.push({
        ...known,
        letter: columnLetter(index),
        ...(known.name === name ? {} : { spelled: name }),
      });
      return;
    }
    issues.push(
      fileIssue(
        'TEMPLATE_UNKNOWN_COLUMN',
        `No rule known for template column ${name}: it is written as mapped text.`,
        name,
      ),
    );
    columns.push({
      letter: columnLetter(index),
      name,
      type: 'text',
      required: false,
      description: 'Column from the vendor template.',
      unknown: true,
    });
  });
  for (const column of base.columns) {
    if (!seenLower(seen, column.name)) {
      issues.push(
        fileIssue(
          'TEMPLATE_COLUMN_DROPPED',
          `Spec column ${column.name} is not in the template and will not be written.`,
          column.name,
        ),
      );
    }
  }
  const names = new Set(columns.map((c) => c.name));
  const fixed = columns.map((c) =>
    c.requiredIf && !names.has(c.requiredIf.column) ? withoutRequiredIf(c) : c,
  );
  return { spec: { ...base, columns: fixed, template: true }, issues };
}

function seenLower(seen: ReadonlySet<string>, name: string): boolean {
  for (const s of seen) if (s.toLowerCase() === name.toLowerCase()) return true;
  return false;
}

function withoutRequiredIf(column: ColumnSpec): ColumnSpec {
  const { requiredIf: _dropped, ...rest } = column;
  return rest;
}

/** Spreadsheet column letter for a 0-based index: 0 → A, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
