/**
 * The shape of a target spec: the Konnektive import formats as data.
 * @module
 */

/** Value types a target column can have. */
export type ColumnType =
  | 'varchar'
  | 'text'
  | 'datetime'
  | 'date'
  | 'integer'
  | 'decimal'
  | 'bit'
  | 'enum'
  | 'digits'
  | 'month'
  | 'year'
  | 'email'
  | 'phone'
  | 'state'
  | 'postal'
  | 'country';

/** "Required when another column of the same row equals a value." */
export interface RequiredIf {
  readonly column: string;
  readonly equals: string;
}

/** One column of a target file. */
export interface ColumnSpec {
  readonly letter: string;
  readonly name: string;
  readonly type: ColumnType;
  readonly required: boolean;
  readonly description: string;
  readonly requiredIf?: RequiredIf;
  readonly maxLength?: number;
  readonly minLength?: number;
  readonly enum?: readonly string[];
  /** Holds card/account data or tokens: values never appear in any message or report. */
  readonly sensitive?: boolean;
  /** Not stated by the vendor; our best reading (reference: [prov]). */
  readonly provisional?: boolean;
  /** Check digit rule for digit columns: a failure is a warning (tokens may not carry one). */
  readonly checksum?: 'luhn' | 'aba';
  /** For state/postal columns: the column holding the country of the same address. */
  readonly countryColumn?: string;
  /** True for a column that came from a vendor template and has no built-in rule. */
  readonly unknown?: boolean;
  /**
   * The vendor template's spelling of a built-in column when it differs from `name` (case): the
   * header is written and read that way; `name` stays the built-in name every rule refers to.
   */
  readonly spelled?: string;
}

/** The kinds of Konnektive import file. */
export type FileKind = 'transactions' | 'notes' | 'details';

/** One file format. */
export interface FileSpec {
  readonly kind: FileKind;
  readonly title: string;
  readonly defaultFileName: string;
  readonly columns: readonly ColumnSpec[];
  /** True when a vendor template decided the columns: a file must have exactly them, in order. */
  readonly template?: boolean;
}

/** A whole versioned target spec. */
export interface TargetSpec {
  readonly format: string;
  readonly version: string;
  readonly source: string;
  readonly kinds: Readonly<Record<FileKind, FileSpec>>;
}
