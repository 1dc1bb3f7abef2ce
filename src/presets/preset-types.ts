/**
 * What a source preset is: per export file of a vendor, the headers it is known to have (exactly
 * as in the reference), its key, its card-number columns, and an optional record adapter for
 * formats that need one (packed cells, vendor sentinels).
 * @module
 */

/** Adds virtual columns to every record of a file (e.g. the parts of a packed cell). */
export interface RecordAdapter {
  /** Names of the added columns, appended after the file's own header. */
  readonly extraHeader: readonly string[];
  /** The values of the added columns for one record (its source row number `row`). */
  expand(fields: readonly string[], row: number): string[];
  /**
   * The added columns' values for each further item of a record that holds several (a
   * subscription of several products): one row each, after the record's own. Empty for one item.
   * Readers that want one row per record (staging, order numbering) do not call it.
   */
  items?(fields: readonly string[], row: number): string[][];
  /**
   * A record of several products written without some of them (skipped by a rule, e.g. a free
   * gift): each product row's fields as written — the first written one takes over what the
   * record's first row carries besides its own product (its shipping, the rest of the order's tax
   * and total), so that the written rows still add up to the order — or null when a product left
   * out carries an amount of its own (the order would be imported short). `rows` are the product
   * rows' fields (the record's own row first; each starts with the file's columns and the added
   * ones, in that order), `kept` says which are written (some, not all). Unchanged rows are
   * returned as they are.
   */
  regroup?(
    rows: readonly (readonly string[])[],
    kept: readonly boolean[],
  ): readonly (readonly string[])[] | null;
  /** After the last record: what the adapter could not carry over (e.g. items past the first). */
  notes?(): readonly AdapterNote[];
}

/** A file-level warning of an adapter. */
export interface AdapterNote {
  readonly code: 'PACKED_ITEMS_DROPPED';
  readonly message: string;
}

/** One export file of a vendor. */
export interface PresetFile {
  /** `vendor.file`, e.g. `stripe.payments`; what `sources[].preset` names. */
  readonly id: string;
  readonly title: string;
  /** Header names as the vendor writes them (matched case-, space- and punctuation-insensitively). */
  readonly headers: readonly string[];
  readonly key?: string;
  /** Columns holding full card or account numbers (staged encrypted). */
  readonly sensitive?: readonly string[];
  readonly delimiter?: ',' | '\t';
  /** Build the adapter for a file's actual header, or null when the file needs none. */
  readonly adapter?: (header: readonly string[]) => RecordAdapter | null;
}

/** A vendor preset: its files and the commented migration.yaml that `kmigrate init` writes. */
export interface Preset {
  readonly id: string;
  readonly title: string;
  readonly files: readonly PresetFile[];
  /** migration.yaml for `kmigrate init --source <id>`. */
  readonly configYaml: string;
}
