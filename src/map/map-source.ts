/**
 * `mapSource`: profile a configured source, propose its mapping, build the to-do and optionally
 * write it all into migration.yaml (the I/O shell around the pure planner).
 * @module
 */
import { writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { type MigrationConfig, readConfig } from '../config/index.js';
import { ToolkitError } from '../core/index.js';
import type { CsvReadOptions } from '../csv/index.js';
import type { FileProfile } from '../profile/index.js';
import { profileFile } from '../profile/index.js';
import type { AssignmentTodo } from './assignment-todo.js';
import { assignmentTodo, todoColumns } from './assignment-todo.js';
import { collectValues } from './collect-values.js';
import { PRESET_TABLES } from './preset-tables.js';
import type { MappingProposal, StaleEntry } from './propose-mapping.js';
import { proposeMapping } from './propose-mapping.js';
import { writeProposal } from './write-proposal.js';

/** Options for {@link mapSource}. */
export interface MapSourceOptions {
  readonly config: string;
  readonly source?: string;
  readonly threshold: number;
  readonly write: boolean;
  /** The bytes of a source file (e.g. a decrypting stream for an OpenPGP export); default: the path. */
  readonly openInput?: (path: string) => Promise<string | AsyncIterable<Uint8Array>>;
}

/** `kmigrate map --format json`. */
export interface MapResult {
  readonly source: string;
  readonly file: string;
  readonly records: number;
  readonly proposal: MappingProposal;
  readonly todo: AssignmentTodo;
  /** Set with --write: what was added to migration.yaml. */
  readonly written?: {
    readonly config: string;
    readonly added: readonly string[];
    readonly lookupEntries: number;
  };
  /** Why nothing was written although --write was given. */
  readonly notWritten?: string;
}

/**
 * The layout of a `sources[].preset` (`stripe.payments` → `stripe-payments`); undefined when
 * the preset has no table here (the header fingerprint decides then).
 */
export function layoutForPreset(preset: string | undefined): string | undefined {
  const id = preset?.replace('.', '-');
  return id !== undefined && PRESET_TABLES[id] !== undefined ? id : undefined;
}

/** Fold a header name as the build matches it (case, spaces and punctuation ignored). */
function fold(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/**
 * The transactions entries that read only columns this file does not have — a template's
 * placeholder (`init --source generic`), a header renamed since: the build would refuse them.
 * Entries reading a joined source or a derived column are not judged here.
 */
function staleEntries(config: MigrationConfig, name: string, header: readonly string[]): StaleEntry[] {
  const have = new Set(header.map(fold));
  const others = new Set(config.sources.map((s) => s.name).filter((s) => s !== name));
  const stale: StaleEntry[] = [];
  for (const [target, m] of Object.entries(config.transactions.columns)) {
    if (m.from === undefined) continue;
    const from = Array.isArray(m.from) ? m.from : [m.from];
    const own = from.map((f) => (f.startsWith(`${name}.`) ? f.slice(name.length + 1) : f));
    const elsewhere = own.some((f) => f.startsWith('derived.') || others.has(f.slice(0, f.indexOf('.'))));
    if (!elsewhere && own.every((f) => !have.has(fold(f)))) stale.push({ target, from });
  }
  return stale;
}

/** The first column of this file that the configured `target` reads, if any. */
function keptColumn(
  config: MigrationConfig,
  name: string,
  header: readonly string[],
  target: string,
): string | undefined {
  const from = config.transactions.columns[target]?.from;
  if (from === undefined) return undefined;
  const have = new Set(header.map(fold));
  const own = (Array.isArray(from) ? from : [from]).map((f) =>
    f.startsWith(`${name}.`) ? f.slice(name.length + 1) : f,
  );
  return own.find((f) => have.has(fold(f)));
}

/** Map one configured source. */
export async function mapSource(options: MapSourceOptions): Promise<MapResult> {
  const loaded = await readConfig(options.config);
  const { config } = loaded;
  const name = options.source ?? config.transactions.source;
  const source = config.sources.find((s) => s.name === name);
  if (source === undefined)
    throw new ToolkitError(
      'MAP_SOURCE_UNKNOWN',
      `migration.yaml has no source named '${name}' (known: ${config.sources.map((s) => s.name).join(', ')}).`,
    );
  const path = resolve(loaded.baseDir, source.file);
  const csv: CsvReadOptions = {
    ...(source.delimiter === undefined ? {} : { delimiter: source.delimiter }),
    ...(source.encoding === undefined ? {} : { encoding: source.encoding }),
    ...(source.headerLine === undefined ? {} : { headerLine: source.headerLine }),
  };
  // read twice (profile, then the to-do's values): an encrypted export is decrypted each time
  const input = async () => (options.openInput ? options.openInput(path) : path);
  const profile: FileProfile = await profileFile(path, { csv, input: await input() });
  const writesTransactions = config.transactions.source === name;
  const header = profile.columns.map((c) => c.name);
  const stale = writesTransactions ? staleEntries(config, name, header) : [];
  const existing = new Set(
    writesTransactions
      ? Object.keys(config.transactions.columns).filter((t) => !stale.some((s) => s.target === t))
      : [],
  );
  // the configured preset's table, when it has one, wins over the header fingerprint
  const layout = layoutForPreset(source.preset);
  const keptSubTotal = existing.has('subTotal') ? keptColumn(config, name, header, 'subTotal') : undefined;
  const proposal = proposeMapping(header, {
    threshold: options.threshold,
    profiles: profile.columns,
    existingTargets: existing,
    stale,
    ...(keptSubTotal === undefined ? {} : { keptSubTotal }),
    ...(layout === undefined ? {} : { layout }),
  });
  const todo = assignmentTodo(
    proposal.entries,
    await collectValues(await input(), todoColumns(proposal.entries), { ...csv, file: path }),
    existing,
  );
  const base = { source: name, file: source.file, records: profile.records, proposal, todo };
  if (!options.write) return base;
  if (!writesTransactions)
    return {
      ...base,
      notWritten: `transactions reads source '${config.transactions.source}', not '${name}': mapping several sources waits for the join configuration.`,
    };
  const result = writeProposal(loaded.text, proposal, todo);
  try {
    await writeFile(loaded.path, result.text);
  } catch (cause) {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot write ${loaded.path}.`, { cause });
  }
  return {
    ...base,
    written: { config: loaded.path, added: result.added, lookupEntries: result.lookupEntries },
  };
}
