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

/** Collects issues with a cap so hostile input cannot exhaust memory. */
export class IssueCollector {
  readonly #issues: Issue[] = [];
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
    if (this.#issues.length < this.#limit) this.#issues.push(issue);
    else this.#dropped++;
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
  get issues(): readonly Issue[] {
    return this.#issues;
  }
  get countsByCode(): ReadonlyMap<string, number> {
    return this.#countsByCode;
  }
}
