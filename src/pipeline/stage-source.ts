/**
 * Staging one source into the SQLite staging database: every record (fields as JSON, sensitive
 * cells sealed), its key columns indexed for joins, and its canonical customer id when the source
 * is checked for duplicate customers. A source whose file hash and layout did not change since
 * the last run is reused as staged.
 * @module
 */
import type { CellCipher, StagingDb } from '../workspace/index.js';
import { type DuplicateOptions, DuplicateTracker } from './duplicate-customers.js';
import type { SectionReader } from './source-reader.js';

/** One staged row, sensitive cells opened. */
export interface StagedRow {
  readonly rid: number;
  readonly fields: readonly string[];
  readonly canon: string;
}

/** What to stage. */
export interface StageRequest {
  readonly name: string;
  readonly sha256: string;
  readonly open: () => Promise<SectionReader>;
  /** Header names of the key columns (resolved by the caller against the header). */
  readonly keys: (header: readonly string[]) => number[];
  readonly sensitive: (header: readonly string[]) => number[];
  readonly duplicates?: (header: readonly string[]) => DuplicateOptions;
  /** Index of the source's `key` column (-1 without one): names the record in the report. */
  readonly id: (header: readonly string[]) => number;
}

/** A staged source. */
export interface StagedSource {
  readonly name: string;
  readonly table: string;
  readonly header: readonly string[];
  readonly rows: number;
  readonly reused: boolean;
  /** Rows whose key column `slot` equals `value` (trimmed), in file order. */
  find(slot: number, value: string): StagedRow[];
  /** Every row's rid, source row, line and first key, in file order (for the accounting). */
  each(): IterableIterator<{ rid: number; row: number; line: number; id: string }>;
  readonly merges: readonly { customer: string; mergedInto: string; by: string }[];
}

function tableName(name: string): string {
  return `s_${name.replace(/-/g, '_')}`;
}

/** Stage a source (or reuse its staged table). */
export async function stageSource(
  sdb: StagingDb,
  cipher: CellCipher,
  req: StageRequest,
): Promise<StagedSource> {
  const { db } = sdb;
  const table = tableName(req.name);
  const reader = await req.open();
  const header = reader.header;
  const keys = req.keys(header);
  const sensitive = req.sensitive(header);
  const dup = req.duplicates?.(header);
  const idAt = req.id(header);
  // sealed cells and keyed hashes are only readable with the same key: they bind the layout to it
  const keyed = sensitive.length > 0 || dup !== undefined ? cipher.keyCheck : null;
  const layout = JSON.stringify({
    v: 2,
    sha: req.sha256,
    header,
    keys,
    sensitive,
    dup,
    id: idAt,
    key: keyed,
  });
  const known = db.prepare('SELECT layout, rows FROM staged WHERE name = ?').get(req.name) as
    | { layout: string; rows: number }
    | undefined;
  let rows = known?.rows ?? 0;
  const reused = known?.layout === layout;
  if (!reused) {
    db.prepare('DELETE FROM staged WHERE name = ?').run(req.name);
    db.exec(
      `DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_dup; DROP TABLE IF EXISTS ${table}_merges`,
    );
    const kcols = keys.map((_, i) => `, k${i} TEXT`).join('');
    db.exec(
      `CREATE TABLE ${table} (rid INTEGER PRIMARY KEY, row INTEGER, line INTEGER, f TEXT, canon TEXT, id TEXT${kcols})`,
    );
    db.exec(`CREATE TABLE ${table}_merges (customer TEXT PRIMARY KEY, merged_into TEXT, by TEXT)`);
    const tracker = dup ? new DuplicateTracker(db, `${table}_dup`, `${table}_merges`, dup, cipher) : null;
    const marks = keys.map((_, i) => `, @k${i}`).join('');
    const insert = db.prepare(`INSERT INTO ${table} VALUES (@rid, @row, @line, @f, @canon, @id${marks})`);
    const sealed = new Set(sensitive);
    rows = 0;
    const load = db.transaction(
      (batch: readonly { fields: readonly string[]; row: number; line: number }[]) => {
        for (const r of batch) {
          rows++;
          const f =
            sealed.size === 0 ? r.fields : r.fields.map((v, i) => (sealed.has(i) ? cipher.seal(v) : v));
          const params: Record<string, string | number | null> = {
            rid: rows,
            row: r.row,
            line: r.line,
            f: JSON.stringify(f),
            canon: tracker ? tracker.canonOf(r.fields) : null,
            id: idAt < 0 ? null : (r.fields[idAt] ?? '').trim(),
          };
          keys.forEach((k, i) => {
            params[`k${i}`] = (r.fields[k] ?? '').trim();
          });
          insert.run(params);
        }
      },
    );
    for await (const batch of reader.batches()) load(batch);
    keys.forEach((_, i) => {
      db.exec(`CREATE INDEX ${table}_k${i} ON ${table} (k${i})`);
    });
    db.prepare('INSERT INTO staged VALUES (?, ?, ?, ?)').run(req.name, layout, rows, JSON.stringify(header));
  }
  // a key that never repeats is read with get() (one row), the others with all() (file order)
  const unique = keys.map(
    (_, i) =>
      db
        .prepare(`SELECT 1 FROM ${table} WHERE k${i} <> '' GROUP BY k${i} HAVING COUNT(*) > 1 LIMIT 1`)
        .get() === undefined,
  );
  const finders = keys.map((_, i) =>
    db
      .prepare(`SELECT rid, f, canon FROM ${table} WHERE k${i} = ?${unique[i] ? '' : ' ORDER BY rid'}`)
      .raw(true),
  );
  const sealedCols = sensitive;
  const open = (r: unknown[]): StagedRow => {
    const fields = JSON.parse(r[1] as string) as string[];
    for (const i of sealedCols) fields[i] = cipher.open(fields[i] ?? '');
    return { rid: r[0] as number, fields, canon: (r[2] as string | null) ?? '' };
  };
  const merges = db
    .prepare(`SELECT customer, merged_into AS mergedInto, by FROM ${table}_merges ORDER BY rowid`)
    .all() as {
    customer: string;
    mergedInto: string;
    by: string;
  }[];
  return {
    name: req.name,
    table,
    header,
    rows,
    reused,
    merges,
    find: (slot, value) => {
      const stmt = finders[slot];
      const key = value.trim();
      if (!stmt || key === '') return [];
      if (unique[slot]) {
        const one = stmt.get(key) as unknown[] | undefined;
        return one === undefined ? [] : [open(one)];
      }
      return (stmt.all(key) as unknown[][]).map(open);
    },
    each: () =>
      db
        .prepare(
          `SELECT rid, row, line, coalesce(id, ${keys.length > 0 ? 'k0' : "''"}) AS id FROM ${table} ORDER BY rid`,
        )
        .iterate() as IterableIterator<{ rid: number; row: number; line: number; id: string }>,
  };
}
