/**
 * Header names made unique: a second `Cardholder Name` becomes `Cardholder Name (2)`, an empty
 * name becomes `Column N`.
 * @module
 */
import type { Issue } from '../core/index.js';
import { csvIssue } from './issue-codes.js';

/** The unique header and the issues found while making it. */
export interface UniqueHeader {
  readonly header: string[];
  readonly issues: Issue[];
}

/**
 * The first `base (n)`, n ≥ 2, not taken. `next` remembers per base where the last search ended:
 * names are only ever added to `taken`, so the numbers below it stay taken, and a header of
 * thousands of copies of one name costs one step per copy, not a search from 2 each time.
 */
function nextFree(base: string, taken: ReadonlySet<string>, next: Map<string, number>): string {
  let n = next.get(base) ?? 2;
  while (taken.has(`${base} (${n})`)) n++;
  next.set(base, n + 1);
  return `${base} (${n})`;
}

/** Make header names unique and non-empty; report duplicates and empty names. */
export function uniqueHeader(raw: readonly string[], line: number, file: string | undefined): UniqueHeader {
  const taken = new Set<string>(raw.filter((name) => name !== ''));
  const seen = new Set<string>();
  const next = new Map<string, number>();
  const issues: Issue[] = [];
  const header = raw.map((name, index) => {
    if (name === '') {
      const generated = taken.has(`Column ${index + 1}`)
        ? nextFree(`Column ${index + 1}`, taken, next)
        : `Column ${index + 1}`;
      taken.add(generated);
      issues.push(
        csvIssue(
          'CSV_EMPTY_HEADER_NAME',
          `Header cell ${index + 1} is empty; the column is named "${generated}".`,
          {
            line,
            file,
          },
        ),
      );
      return generated;
    }
    if (!seen.has(name)) {
      seen.add(name);
      return name;
    }
    const renamed = nextFree(name, taken, next);
    taken.add(renamed);
    issues.push(
      csvIssue(
        'CSV_DUPLICATE_HEADER',
        `Header cell ${index + 1} repeats an earlier name; it is renamed "${renamed}".`,
        {
          line,
          file,
        },
      ),
    );
    return renamed;
  });
  return { header, issues };
}
