/**
 * Data problems (the first error channel): collected as values, reported, never thrown.
 * @module
 */

/** How bad a data problem is: errors make the vendor import fail, warnings do not. */
export type Severity = 'error' | 'warning';

/**
 * One data problem at one place. `received` describes the shape of a bad value (for example
 * "16-digit string"), never a sensitive raw value.
 */
export interface Issue {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** 1-based data record number (the header is not a record), or null for file-level issues. */
  readonly row: number | null;
  /** 1-based physical line where the record starts, or null. */
  readonly line: number | null;
  /** Column name, or null for file- and row-level issues. */
  readonly column: string | null;
  readonly file?: string;
  readonly expected?: string;
  readonly received?: string;
}

/** The location part of an issue. */
export interface IssueLocation {
  readonly row: number | null;
  readonly line: number | null;
  readonly column: string | null;
  readonly file?: string;
}

/** A catalog entry: every issue code has a default severity and a one-line description. */
export interface IssueCodeInfo {
  readonly severity: Severity;
  readonly description: string;
}

/** A module's catalog of issue codes. */
export type IssueCatalog = Readonly<Record<string, IssueCodeInfo>>;

/**
 * Collects issues with a cap so hostile input cannot exhaust memory. Past the cap an error still
 * takes the place of the latest warning kept: a file with more warnings than the cap (expired
 * cards, likely duplicates) must not hide the error that makes it fail.
 */
export class IssueCollector {
  /** The issues kept in the order they came; null where a warning gave its place to an error. */
  readonly #issues: (Issue | null)[] = [];
  /** Indexes in #issues of the warnings kept, in the order they came. */
  readonly #warningsAt: number[] = [];
  /** The nulls in #issues. */
  #replaced = 0;
  readonly #limit: number;
  #errors = 0;
  #warnings = 0;
  #dropped = 0;
  readonly #countsByCode = new Map<string, number>();

  constructor(limit = 100_000) {
    this.#limit = limit;
  }

  add(issue: Issue): void {
    if (issue.severity === 'error') this.#errors++;
    else this.#warnings++;
    this.#countsByCode.set(issue.code, (this.#countsByCode.get(issue.code) ?? 0) + 1);
    if (this.#issues.length - this.#replaced < this.#limit) {
      if (issue.severity !== 'error') this.#warningsAt.push(this.#issues.length);
      this.#issues.push(issue);
      return;
    }
    this.#dropped++;
    const at = issue.severity === 'error' ? this.#warningsAt.pop() : undefined;
    if (at === undefined) return;
    this.#issues[at] = null;
    this.#replaced++;
    this.#issues.push(issue);
  }

  get errors(): number {
    return this.#errors;
  }
  get warnings(): number {
    return this.#warnings;
  }
  /** Issues counted but not kept because the cap was reached. */
  get dropped(): number {
    return this.#dropped;
  }
  /** The issues kept, in the order they came. */
  get issues(): readonly Issue[] {
    return this.#replaced === 0
      ? (this.#issues as readonly Issue[])
      : this.#issues.filter((i): i is Issue => i !== null);
  }
  get countsByCode(): ReadonlyMap<string, number> {
    return this.#countsByCode;
  }
}

/**
 * The first `limit` issues to show, errors before warnings: a listing cut at `limit` lines must
 * not hide the error that makes a file fail behind earlier warnings. Kept in their given order.
 */
export function shownIssues(issues: readonly Issue[], limit: number): readonly Issue[] {
  if (issues.length <= limit) return issues;
  let errors = 0;
  for (const i of issues) if (i.severity === 'error') errors++;
  let warnings = Math.max(0, limit - errors);
  errors = Math.min(errors, limit);
  const shown: Issue[] = [];
  for (const i of issues) {
    if (i.severity === 'error' ? errors-- > 0 : warnings-- > 0) shown.push(i);
    if (shown.length === limit) break;
  }
  return shown;
}
