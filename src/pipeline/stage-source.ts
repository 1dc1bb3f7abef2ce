/**
 * Staging one source into the SQLite staging database: every record (the fields the config reads,
 * as JSON, sensitive cells sealed), its key columns indexed for joins, and its canonical customer id when the source
 * is checked for duplicate customers. A source whose file hash and layout did not change since
 * the last run is reused as staged.
 * @module
 */
import type { Issue } from '../core/index.js';
import type { CellCipher, StagingDb } from '../workspace/index.js';

import { cleanKey } from './clean-key.js';
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
  /**
   * The columns the config reads (ascending header indexes), or null for all: only these are
   * stored, so lookups decode (and the database holds) no more than the build needs.
   */
  readonly keep?: (header: readonly string[]) => number[] | null;
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
  /**
   * The rows of many keys in one query (keys trimmed, non-blank, distinct): key → rows in file
   * order; a key without rows is absent. Probing the keys in sorted order keeps the index pages hot.
   */
  findMany(slot: number, keys: readonly string[]): Map<string, StagedRow[]>;
  /**
   * Every row's rid, source row, line and first key, in file order (for the accounting); `bad`:
   * the CSV door's issues (JSON) of a record it found broken (a ragged row, a stray quote, bytes
   * that are not UTF-8), which is staged without keys so that nothing joins its misread cells.
   */
  each(): IterableIterator<{ rid: number; row: number; line: number; id: string; bad: string | null }>;
  /** The CSV door's file-level issues of the source (read when it was staged). */
  readonly fileIssues: readonly Issue[];
  /** The fields of row `rid` (by header index; columns not kept are empty). */
  fieldsOf(rid: number): readonly string[];
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
  const kept = req.keep?.(header) ?? null;
  // a card column no mapping reads is not staged at all
  const sensitive = req.sensitive(header).filter((i) => kept === null || kept.includes(i));
  const dup = req.duplicates?.(header);
  const idAt = req.id(header);
  // sealed cells and keyed hashes are only readable with the same key: they bind the layout to it
  const keyed = sensitive.length > 0 || dup !== undefined ? cipher.keyCheck : null;
  const layout = JSON.stringify({
    // 6: join keys lose a spreadsheet's leading apostrophe (cleanKey); 7: duplicates' keys too
    v: 7,
    sha: req.sha256,
    header,
    keys,
    sensitive,
    kept,
    dup,
    id: idAt,
    key: keyed,
  });
  const known = db.prepare('SELECT layout, rows FROM staged WHERE name = ?').get(req.name) as
    | { layout: string; rows: number }
    | undefined;
  let rows = known?.rows ?? 0;
  const reused = known?.layout === layout;
  if (reused) await reader.close();
  if (!reused) {
    db.prepare('DELETE FROM staged WHERE name = ?').run(req.name);
    db.exec(
      `DROP TABLE IF EXISTS ${table}; DROP TABLE IF EXISTS ${table}_dup; DROP TABLE IF EXISTS ${table}_merges; DROP TABLE IF EXISTS ${table}_issues`,
    );
    const kcols = keys.map((_, i) => `, k${i} TEXT`).join('');
    db.exec(
      `CREATE TABLE ${table} (rid INTEGER PRIMARY KEY, row INTEGER, line INTEGER, f TEXT, canon TEXT, id TEXT, bad TEXT${kcols})`,
    );
    db.exec(`CREATE TABLE ${table}_issues (issues TEXT)`);
    db.exec(`CREATE TABLE ${table}_merges (customer TEXT PRIMARY KEY, merged_into TEXT, by TEXT)`);
    const tracker = dup ? new DuplicateTracker(db, `${table}_dup`, `${table}_merges`, dup, cipher) : null;
    const marks = keys.map((_, i) => `, @k${i}`).join('');
    const insert = db.prepare(
      `INSERT INTO ${table} VALUES (@rid, @row, @line, @f, @canon, @id, @bad${marks})`,
    );
    const sealed = new Set(sensitive);
    const cell = (v: string | undefined, i: number): string =>
      sealed.has(i) ? cipher.seal(v ?? '') : (v ?? '');
    rows = 0;
    const load = db.transaction(
      (
        batch: readonly {
          fields: readonly string[];
          row: number;
          line: number;
          issues?: readonly Issue[];
        }[],
      ) => {
        for (const r of batch) {
          rows++;
          // a record the CSV door found broken: its cells may be shifted — no keys, no duplicates
          const broken = r.issues?.some((i) => i.severity === 'error') === true;
          const at = kept ?? r.fields.map((_, i) => i);
          const f = sealed.size === 0 && kept === null ? r.fields : at.map((i) => cell(r.fields[i], i));
          const params: Record<string, string | number | null> = {
            rid: rows,
            row: r.row,
            line: r.line,
            f: JSON.stringify(f),
            canon: tracker && !broken ? tracker.canonOf(r.fields) : null,
            // a broken record's cells may be shifted: its key column could hold any other cell
            id: idAt < 0 || broken ? null : (r.fields[idAt] ?? '').trim(),
            bad: broken ? JSON.stringify(r.issues) : null,
          };
          keys.forEach((k, i) => {
            params[`k${i}`] = broken ? '' : cleanKey(r.fields[k]);
          });
          insert.run(params);
        }
      },
    );
    for await (const batch of reader.batches()) load(batch);
    // read after the records: the file's issues grow while it is read
    db.prepare(`INSERT INTO ${table}_issues VALUES (?)`).run(JSON.stringify(reader.fileIssues));
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
  const batched = keys.map((_, i) =>
    db
      .prepare(
        `SELECT k${i}, rid, f, canon FROM ${table} WHERE k${i} IN (SELECT value FROM json_each(?)) ORDER BY k${i}, rid`,
      )
      .raw(true),
  );
  const byRid = db.prepare(`SELECT rid, f, canon FROM ${table} WHERE rid = ?`).raw(true);
  const sealedCols = sensitive;
  const sealedSet = new Set(sealedCols);
  const open = (r: unknown[]): StagedRow => {
    const stored = JSON.parse(r[1] as string) as string[];
    let fields = stored;
    if (kept === null) {
      for (const i of sealedCols) fields[i] = cipher.open(fields[i] ?? '');
    } else {
      fields = new Array<string>(header.length).fill('');
      for (let j = 0; j < kept.length; j++) {
        const i = kept[j] ?? 0;
        const v = stored[j] ?? '';
        fields[i] = sealedSet.has(i) ? cipher.open(v) : v;
      }
    }
    return { rid: r[0] as number, fields, canon: (r[2] as string | null) ?? '' };
  };
  const fileIssues = JSON.parse(
    (db.prepare(`SELECT issues FROM ${table}_issues`).get() as { issues: string } | undefined)?.issues ??
      '[]',
  ) as Issue[];
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
    fileIssues,
    find: (slot, value) => {
      const stmt = finders[slot];
      const key = cleanKey(value);
      if (!stmt || key === '') return [];
      if (unique[slot]) {
        const one = stmt.get(key) as unknown[] | undefined;
        return one === undefined ? [] : [open(one)];
      }
      return (stmt.all(key) as unknown[][]).map(open);
    },
    findMany: (slot, wanted) => {
      const out = new Map<string, StagedRow[]>();
      const stmt = batched[slot];
      if (!stmt || wanted.length === 0) return out;
      const sorted = [...wanted].sort();
      for (const r of stmt.all(JSON.stringify(sorted)) as unknown[][]) {
        const key = r[0] as string;
        const row = open(r.slice(1));
        const list = out.get(key);
        if (list) list.push(row);
        else out.set(key, [row]);
      }
      return out;
    },
    fieldsOf: (rid) => {
      const r = byRid.get(rid) as unknown[] | undefined;
      return r === undefined ? [] : open(r).fields;
    },
    each: () =>
      db
        .prepare(
          `SELECT rid, row, line, coalesce(id, ${keys.length > 0 ? 'k0' : "''"}) AS id, bad FROM ${table} ORDER BY rid`,
        )
        .iterate() as IterableIterator<{
        rid: number;
        row: number;
        line: number;
        id: string;
        bad: string | null;
      }>,
  };
}
