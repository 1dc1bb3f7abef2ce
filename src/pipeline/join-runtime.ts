/**
 * Joins at build time: the transactions source is read as it always is (streamed from its
 * file), and each of its records gets the matching row of every joined source (staged in SQLite
 * and looked up by an index, one query per join and batch, so memory stays flat) and the derived columns appended. Mappings
 * read joined columns as `source.Column` and derived ones as `derived.name`.
 * @module
 */
import type { LoadedConfig } from '../config/index.js';
import type { Issue, IssueCollector } from '../core/index.js';
import type { CsvRecord } from '../csv/index.js';
import { createCellCipher, openStagingDb, type StagingDb } from '../workspace/index.js';
import type { SourceAccounting } from './build.js';
import { PIPELINE_ISSUE_CODES } from './codes.js';
import { type CompiledJoin, compileJoins } from './compile-joins.js';
import { DERIVED_COLUMNS } from './derive-columns.js';
import { finishJoins, type JoinReport } from './join-accounting.js';
import { stageJoinedSources } from './join-sources.js';
import { numberOrders, type OrderNumbers } from './order-numbers.js';
import type { RejectsWriter } from './rejects-writer.js';
import { openSource, type SectionReader, type SourceRecord } from './source-reader.js';
import type { StagedSource } from './stage-source.js';

/**
 * A record with the staged row ids it was joined to (0 = none), one per join. `extra`: a row
 * that is not a source record of its own (a REFUND derived from the sale before it, a further
 * product of the record before it).
 */
export type JoinedRecord = SourceRecord & {
  readonly joined?: readonly number[];
  readonly lateIssues?: readonly Issue[];
};

/** Rows that are not records of their own (derived REFUND rows, further product rows), by fate. */
export interface DerivedRefunds {
  rows: number;
  used: number;
  rejected: number;
  skipped: number;
}

/** The joins of one build. */
export interface JoinRuntime {
  /** The transactions source, whose records are joined. */
  readonly root: string;
  /** Join a reader's records; REFUND rows are derived only for the transactions output. */
  wrap(reader: SectionReader, kind: string): SectionReader;
  /**
   * Note a record's fate: a written record's joined rows count as used. Returns false for an
   * extra row (a derived REFUND, a further product), which the source's row accounting does not
   * count (it is not a record).
   */
  note(record: JoinedRecord, fate: 'used' | 'rejected' | 'skipped'): boolean;
  /** The customer id a duplicate customer was merged into (derive.duplicates), if it was. */
  mergedInto(customer: string): string | undefined;
  finish(
    rejects: RejectsWriter,
    accounting: Record<string, SourceAccounting>,
    collector: IssueCollector,
  ): Promise<JoinReport>;
  close(): Promise<void>;
}

/** Stage the joined sources and prepare the joins; null when the config has none. */
export async function prepareJoins(loaded: LoadedConfig): Promise<JoinRuntime | null> {
  const { config } = loaded;
  if (!config.joins && !config.derive) return null;
  const sdb = await openStagingDb(loaded.baseDir);
  try {
    const staged = await stageJoinedSources(loaded, sdb, createCellCipher());
    const root = config.sources.find((s) => s.name === config.transactions.source);
    let orders: OrderNumbers | null = null;
    if (config.derive?.orders && root)
      orders = await numberOrders(sdb, config.derive.orders, await openSource(loaded, root));
    return createRuntime(loaded, sdb, staged, orders);
  } catch (error) {
    await sdb.close();
    throw error;
  }
}

function createRuntime(
  loaded: LoadedConfig,
  sdb: StagingDb,
  staged: Map<string, StagedSource>,
  orders: OrderNumbers | null,
): JoinRuntime {
  const used = new Map([...staged].map(([name, s]) => [name, new Uint8Array(s.rows + 1)] as const));
  let joins: CompiledJoin[] = [];
  const refunds: DerivedRefunds = { rows: 0, used: 0, rejected: 0, skipped: 0 };
  let merged: Map<string, string> | null = null;
  return {
    root: loaded.config.transactions.source,
    wrap: (reader, kind) => {
      const compiled = compileJoins(loaded, reader.header, staged, orders);
      joins = compiled.joins;
      async function* batches(): AsyncGenerator<readonly CsvRecord[]> {
        for await (const batch of reader.batches()) {
          const out: JoinedRecord[] = [];
          const joined = compiled.joinBatch(batch);
          for (let i = 0; i < joined.length; i++) {
            const sale = joined[i] as JoinedRecord;
            // the record's further products follow it (an adapter expands a record in one batch)
            let end = i + 1;
            while (joined[end]?.extra === 'item') end++;
            out.push(sale);
            // the refunded amount is the record's: one REFUND row per record (after its first
            // product's row), compared with what all of its products charged
            const refund =
              kind === 'transactions' && sale.extra !== 'item'
                ? compiled.refundOf(sale, joined.slice(i, end))
                : null;
            if (refund !== null) out.push(refund);
            for (let k = i + 1; k < end; k++) out.push(joined[k] as JoinedRecord);
            i = end - 1;
          }
          yield out;
        }
      }
      return {
        header: compiled.header,
        // the joined columns come after the source's: the adapter's indexes still hold
        ...(reader.regroup === undefined ? {} : { regroup: reader.regroup }),
        // read after the records: the reader's file issues grow while it is read
        get fileIssues() {
          return reader.fileIssues;
        },
        batches,
        close: () => reader.close(),
      };
    },
    note: (record, fate) => {
      if (record.extra === 'refund') {
        refunds.rows++;
        refunds[fate]++;
      }
      const ids = record.joined;
      if (fate !== 'used' || !ids) return record.extra === undefined;
      for (let j = 0; j < ids.length; j++) {
        const rid = ids[j] ?? 0;
        const join = joins[j];
        if (rid > 0 && join) {
          const bits = used.get(join.source);
          if (bits) bits[rid] = 1;
        }
      }
      return record.extra === undefined;
    },
    mergedInto: (customer) => {
      merged ??= new Map(
        [...staged.values()].flatMap((s) => s.merges.map((m) => [m.customer, m.mergedInto] as const)),
      );
      return merged.get(customer);
    },
    finish: (rejects, accounting, collector) => {
      const absent = orders?.absentBy ?? null;
      if (absent !== null) {
        const names = absent.map((c) => `"${c}"`).join(', ');
        collector.add({
          code: 'JOIN_ORDER_KEY_ABSENT',
          severity: PIPELINE_ISSUE_CODES.JOIN_ORDER_KEY_ABSENT.severity,
          message: `derive.orders.by: the transactions source has no column ${names}: every transaction was made an order of its own.`,
          row: null,
          line: null,
          column: null,
        });
      }
      return finishJoins({ loaded, sdb, staged, used, joins, refunds, rejects, accounting, collector });
    },
    close: () => sdb.close(),
  };
}

export type { JoinReport };
export { DERIVED_COLUMNS };
