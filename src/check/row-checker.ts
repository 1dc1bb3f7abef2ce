/**
 * Per-row validation (types, formats, enums, lengths, required and required-if, same-row
 * semantics) plus feeding the cross-row index. Allocation-free on valid rows.
 * @module
 */
import { addDaysYmd, type Issue } from '../core/index.js';
import type { ColumnSpec, FileSpec } from '../schema/index.js';
import type { CellVersions } from './cell-versions.js';
import { CHECK_ISSUE_CODES, type CheckIssueCode } from './codes.js';
import {
  type ColumnRule,
  compileRule,
  DEFAULT_DUMMY_PHONES,
  type PhoneRuleOptions,
  type RowAccess,
} from './column-rules.js';
import { type CrossRowColumns, CrossRowFeeder } from './cross-row-feed.js';
import { describeFinding } from './cross-row-findings.js';
import { CrossRowIndex, type PartitionHelper, packFindings } from './cross-row-index.js';
import { bindHeader } from './header-check.js';
import { condIndex, RowScreen } from './row-screen.js';
import { type AddIssue, type SemanticColumns, sameRowSemantics, semanticColumns } from './row-semantics.js';
import type { CrossRowSink } from './xrow-offload.js';

/** Options of a checker. */
export interface CheckerOptions {
  /** The day the vendor will import, YYYY-MM-DD (next-bill and expiry warnings are relative to it). */
  readonly importDate: string;
  /** Next bill dates within this many days after the import date are "imminent". */
  readonly imminentDays: number;
  /**
   * Phone numbers treated as dummy fill (not used for duplicate detection, never PHONE_NANP_INVALID).
   * Default {@link DEFAULT_DUMMY_PHONES}.
   */
  readonly dummyPhones?: readonly string[];
  /**
   * Warn PHONE_NANP_INVALID on US/CA phone numbers that cannot be dialled. Default true; the build
   * turns it off when its phone normalizer has judged the column (with the configured dummy).
   */
  readonly phoneNanp?: boolean;
  readonly file?: string;
  readonly headerLine?: number;
  /**
   * Send the cross-row feed here instead of to the checker's own index (e.g. a worker thread's,
   * see xrow-offload.ts); {@link RowChecker.finish} then takes the findings it computed.
   */
  readonly crossRowSink?: CrossRowSink;
  /**
   * Leave the one-row-per-customer rule of an Additional Customer Details file to the caller (the
   * build keeps a customer's first written row and skips the others before checking, so a rejected
   * row must not count as the customer's row). Default false.
   */
  readonly detailsDuplicatesElsewhere?: boolean;
}

const EMPTY: readonly Issue[] = [];

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 160;
}

interface Bound {
  readonly column: ColumnSpec;
  readonly rule: ColumnRule;
  readonly index: number;
  readonly condIndex: number;
}

/** Field i of `fields` as ranges of one joined text (to feed the range-based cross-row feeder). */
function joinCells(fields: readonly string[], starts: Int32Array, ends: Int32Array): string {
  let at = 0;
  for (let i = 0; i < fields.length; i++) {
    starts[i] = at;
    at += (fields[i] as string).length;
    ends[i] = at;
  }
  for (let i = fields.length; i < starts.length; i++) {
    starts[i] = 0;
    ends[i] = 0;
  }
  return fields.join('');
}

function dummyPhones(options: CheckerOptions): string[] {
  return [...new Set(options.dummyPhones ?? DEFAULT_DUMMY_PHONES)];
}

/** How the phone rule of a checker with `options` judges US/CA numbers (string and range rules alike). */
function phoneRuleOptions(options: CheckerOptions): PhoneRuleOptions {
  return { nanp: options.phoneNanp ?? true, dummies: dummyPhones(options) };
}

/** What a {@link CrossRowFeeder} outside a checker needs to feed exactly as the checker would. */
export function crossRowSetupFor(
  spec: FileSpec,
  header: readonly string[],
  options: CheckerOptions,
): { columns: CrossRowColumns; dummyPhones: string[] } {
  const binding = bindHeader(spec, header, options.headerLine ?? 1);
  return { columns: semanticColumns(binding.index), dummyPhones: dummyPhones(options) };
}

/** A reusable checker for one file: header binding, row rules, cross-row rules. */
export class RowChecker {
  readonly headerIssues: readonly Issue[];
  readonly #bound: Bound[] = [];
  readonly #missingCond: Bound[] = [];
  readonly #idx: ReadonlyMap<string, number>;
  readonly #opts: CheckerOptions;
  readonly #xrow: CrossRowIndex | null;
  readonly #feeder: CrossRowSink;
  /** A details file whose one-row-per-customer rule this checker enforces. */
  readonly #feedsDetails: boolean;
  readonly #lineAt = new Map<number, number>();
  /** Vault tokens seen per sensitive column (reported once per column in finish()). */
  readonly #tokens = new Map<string, number>();
  readonly #kind: FileSpec['kind'];
  readonly #imminentLimit: string;
  readonly #screen: RowScreen;
  #fields: readonly string[] = [];
  readonly #cols: SemanticColumns;
  #cellStarts: Int32Array;
  #cellEnds: Int32Array;
  #row = 0;
  #line = 0;
  #out: Issue[] | null = null;
  readonly #get: RowAccess = (name) => {
    const i = this.#idx.get(name);
    return i === undefined ? '' : (this.#fields[i] ?? '');
  };

  constructor(spec: FileSpec, header: readonly string[], options: CheckerOptions) {
    const binding = bindHeader(spec, header, options.headerLine ?? 1);
    this.headerIssues = binding.issues;
    this.#idx = binding.index;
    this.#opts = options;
    this.#kind = spec.kind;
    this.#feedsDetails = spec.kind === 'details' && options.detailsDuplicatesElsewhere !== true;
    this.#cols = semanticColumns(binding.index);
    this.#imminentLimit = addDaysYmd(options.importDate, options.imminentDays);
    if (options.crossRowSink === undefined) {
      this.#xrow = new CrossRowIndex();
      const kind = spec.kind === 'details' ? 'details' : 'transactions';
      this.#feeder = new CrossRowFeeder(this.#xrow, this.#cols, dummyPhones(options), kind);
    } else {
      this.#xrow = null;
      this.#feeder = options.crossRowSink;
    }
    this.#cellStarts = new Int32Array(header.length);
    this.#cellEnds = new Int32Array(header.length);
    const phone = phoneRuleOptions(options);
    binding.columns.forEach((column, index) => {
      if (column)
        this.#bound.push({
          column,
          rule: compileRule(column, phone),
          index,
          condIndex: condIndex(column, binding.index),
        });
    });
    this.#screen = new RowScreen(spec, binding, {
      importDate: options.importDate,
      imminentLimit: this.#imminentLimit,
      phone,
    });
    for (const column of spec.columns) {
      if (!binding.index.has(column.name) && column.requiredIf) {
        this.#missingCond.push({
          column,
          rule: () => null,
          index: -1,
          condIndex: condIndex(column, binding.index),
        });
      }
    }
  }

  /** Check one record; returns its row-level issues (an empty shared array when clean). */
  check(fields: readonly string[], row: number, line: number): readonly Issue[] {
    return this.#check(fields, row, line, true);
  }

  /**
   * {@link check} without feeding the cross-row rules, for a caller that writes only some of the
   * rows it checks (the build: a rejected row, or a record of several products that is not written
   * whole, must not count as a duplicate's first row): {@link feed} the rows it writes.
   */
  validate(fields: readonly string[], row: number, line: number): readonly Issue[] {
    return this.#check(fields, row, line, false);
  }

  /** Feed a row checked with {@link validate} to the cross-row rules (once, when it is written). */
  feed(fields: readonly string[], row: number, line: number): void {
    if (this.#kind !== 'transactions' && !this.#feedsDetails) return;
    this.#fields = fields;
    if (line !== row + 1) this.#lineAt.set(row, line);
    this.#feedCrossRow(row);
  }

  #check(fields: readonly string[], row: number, line: number, feed: boolean): readonly Issue[] {
    this.#fields = fields;
    this.#row = row;
    this.#line = line;
    this.#out = null;
    if (line !== row + 1) this.#lineAt.set(row, line);
    const add = this.#add;
    const bound = this.#bound;
    for (let k = 0; k < bound.length; k++) {
      const b = bound[k]!;
      let value = fields[b.index] ?? '';
      if (value === '') {
        this.#checkEmpty(b, fields, add);
        continue;
      }
      if (isSpace(value.charCodeAt(0)) || isSpace(value.charCodeAt(value.length - 1))) {
        value = value.trim();
        if (value === '') {
          this.#checkEmpty(b, fields, add);
          continue;
        }
        add('VALUE_WHITESPACE', `${b.column.name} has leading or trailing spaces.`, b.column.name);
      }
      const failure = b.rule(value, this.#get);
      if (failure === null) continue;
      if (failure.code === 'VAULT_TOKEN') this.#countToken(b.column.name);
      else add(failure.code, failure.message, b.column.name, failure.received);
    }
    for (const b of this.#missingCond) this.#checkEmpty(b, fields, add);
    if (this.#kind === 'transactions')
      sameRowSemantics(fields, this.#cols, this.#opts, this.#imminentLimit, add);
    if (feed && (this.#kind === 'transactions' || this.#feedsDetails)) this.#feedCrossRow(this.#row);
    return this.#out ?? EMPTY;
  }

  readonly #add = (code: CheckIssueCode, message: string, column: string | null, received?: string): void => {
    this.#out ??= [];
    this.#out.push(this.#issue(code, message, this.#row, this.#line, column, received));
  };

  #checkEmpty(b: Bound, fields: readonly string[], add: AddIssue): void {
    if (b.column.required) {
      add('REQUIRED_MISSING', `${b.column.name} is required.`, b.column.name);
    } else if (
      b.column.requiredIf &&
      b.condIndex >= 0 &&
      (fields[b.condIndex] ?? '').trim() === b.column.requiredIf.equals
    ) {
      const r = b.column.requiredIf;
      add('REQUIRED_IF_MISSING', `${b.column.name} is required when ${r.column}=${r.equals}.`, b.column.name);
    }
  }

  /** Feed the cross-row index from a string row (via one joined text, see {@link joinCells}). */
  #feedCrossRow(row: number): void {
    const f = this.#fields;
    if (f.length > this.#cellStarts.length) {
      this.#cellStarts = new Int32Array(f.length);
      this.#cellEnds = new Int32Array(f.length);
    }
    const text = joinCells(f, this.#cellStarts, this.#cellEnds);
    this.#feeder.feed(text, this.#cellStarts, this.#cellEnds, 0, row);
  }

  /**
   * The fast path: check one record given as field ranges (`text[starts[base + i], ends[base + i])`
   * for header index i, one range per header column). Returns the issues, exactly as `check` would,
   * when the row is certainly clean of column and same-row issues; returns null (having changed
   * nothing) when it is not sure: then call `check` with the fields as strings. A caller that
   * knows which cells changed from row to row passes `versions` (see RowScreen.cleanSince).
   */
  checkRange(
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    base: number,
    row: number,
    line: number,
    versions?: CellVersions,
  ): readonly Issue[] | null {
    const clean =
      versions === undefined
        ? this.#screen.clean(text, starts, ends, base)
        : this.#screen.cleanSince(text, starts, ends, base, versions);
    if (!clean) return null;
    return this.acceptRange(text, starts, ends, base, row, line, versions);
  }

  /** Columns where a row {@link checkRange} accepts may hold `char` (see RowScreen). */
  columnsAdmitting(char: string): number[] {
    return this.#screen.columnsAdmitting(char, this.#cellStarts.length);
  }

  /**
   * The side-effect half of {@link RowChecker.checkRange}, for a record a {@link RowScreen} of
   * this file (see {@link rowScreenFor}) found clean, possibly on another thread.
   */
  acceptRange(
    text: string,
    starts: Int32Array,
    ends: Int32Array,
    base: number,
    row: number,
    line: number,
    versions?: CellVersions,
  ): readonly Issue[] {
    if (this.#kind === 'transactions' || this.#feedsDetails)
      this.#feeder.feed(text, starts, ends, base, row, versions);
    if (line !== row + 1) this.#lineAt.set(row, line);
    return EMPTY;
  }

  #countToken(column: string): void {
    this.#tokens.set(column, (this.#tokens.get(column) ?? 0) + 1);
  }

  /** One file-level VAULT_TOKEN warning per column, with the count (not one per row). */
  #tokenIssues(): Issue[] {
    return [...this.#tokens].map(([column, n]) => ({
      code: 'VAULT_TOKEN',
      severity: CHECK_ISSUE_CODES.VAULT_TOKEN.severity,
      message: `${n} value(s) in ${column} are kmigrate vault tokens, not card numbers: deliver this file only through kmigrate detokenize --encrypt-to.`,
      row: null,
      line: null,
      column,
      ...(this.#opts.file === undefined ? {} : { file: this.#opts.file }),
    }));
  }

  /**
   * Evaluate the cross-row rules; call once after the last row. Issues are built as iterated.
   * With a `crossRowSink`, pass the findings its index computed as (kind, row, firstRow) triples.
   */
  finish(external?: Int32Array): Iterable<Issue> {
    const tokens = this.#tokenIssues();
    const findings = external ?? packFindings(this.#xrow?.finish() ?? []);
    const issue = (kind: number, row: number, firstRow: number): Issue => {
      const [code, column, message] = describeFinding(kind, firstRow);
      return this.#issue(code, message, row, this.#lineAt.get(row) ?? row + 1, column);
    };
    // Lazily: a file with hundreds of thousands of findings never holds them all as issues.
    return {
      *[Symbol.iterator]() {
        yield* tokens;
        for (let i = 0; i < findings.length; i += 3)
          yield issue(findings[i]!, findings[i + 1]!, findings[i + 2]!);
      },
    };
  }

  /**
   * The cross-row findings as (kind, row, firstRow) triples, with `helper` scanning half of the
   * index's partition files meanwhile; pass them to {@link finish}.
   */
  async crossRowFindings(helper: PartitionHelper): Promise<Int32Array> {
    return packFindings((await this.#xrow?.finishShared(helper)) ?? []);
  }

  /** Release temp files without evaluating (on abort). */
  dispose(): void {
    this.#xrow?.dispose();
  }

  #issue(
    code: CheckIssueCode,
    message: string,
    row: number,
    line: number,
    column: string | null,
    received?: string,
  ): Issue {
    const base = { code, severity: CHECK_ISSUE_CODES[code].severity, message, row, line, column };
    const withFile = this.#opts.file === undefined ? base : { ...base, file: this.#opts.file };
    return received === undefined ? withFile : { ...withFile, received };
  }
}

/** A {@link RowScreen} for a file with this spec and header, as a checker with `options` uses. */
export function rowScreenFor(spec: FileSpec, header: readonly string[], options: CheckerOptions): RowScreen {
  const binding = bindHeader(spec, header, options.headerLine ?? 1);
  const imminentLimit = addDaysYmd(options.importDate, options.imminentDays);
  return new RowScreen(spec, binding, {
    importDate: options.importDate,
    imminentLimit,
    phone: phoneRuleOptions(options),
  });
}
