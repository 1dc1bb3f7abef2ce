/**
 * Staging the joined sources of a config: which key columns each needs, which columns are
 * sensitive (sealed in the staging database), which one is checked for duplicate customers.
 * @module
 */
import type { LoadedConfig, SourceConfig } from '../config/index.js';
import { refColumn, refSource } from '../config/index.js';
import { ToolkitError } from '../core/index.js';
import { findPresetFile } from '../presets/index.js';
import type { CellCipher, StagingDb } from '../workspace/index.js';
import { sha256File } from './sha256-file.js';
import { findSourceColumn } from './source-columns.js';
import { openSource, sourcePath } from './source-reader.js';
import { type StagedSource, stageSource } from './stage-source.js';

const SENSITIVE_TARGETS = new Set(['cardNumber', 'achAccountNumber']);

/** The key columns (join `to` columns) of a joined source, in slot order. */
export function keyColumns(loaded: LoadedConfig, name: string): string[] {
  const keys: string[] = [];
  for (const j of loaded.config.joins ?? []) {
    for (const to of [j.to, j.else?.to]) {
      if (to !== undefined && refSource(to) === name && !keys.includes(refColumn(to)))
        keys.push(refColumn(to));
    }
  }
  return keys;
}

function sensitiveColumns(loaded: LoadedConfig, source: SourceConfig): string[] {
  const preset = source.preset ? findPresetFile(source.preset) : undefined;
  const names = new Set([...(source.sensitive ?? preset?.sensitive ?? [])]);
  for (const section of [loaded.config.transactions, loaded.config.notes, loaded.config.details]) {
    for (const [target, m] of Object.entries(section?.columns ?? {})) {
      if (!SENSITIVE_TARGETS.has(target)) continue;
      for (const from of Array.isArray(m.from) ? m.from : [m.from ?? '']) {
        if (from.startsWith(`${source.name}.`)) names.add(from.slice(source.name.length + 1));
      }
    }
  }
  return [...names];
}

/** Every string of the config (mapping refs, join refs, derive refs…), walked once. */
function configStrings(value: unknown, out: Set<string>): Set<string> {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) configStrings(v, out);
  else if (value !== null && typeof value === 'object')
    for (const v of Object.values(value)) configStrings(v, out);
  return out;
}

/**
 * The header indexes of a joined source that the config reads: `name.Column` anywhere in the
 * config, its key, its join keys, the `prefer` columns of joins to it, its duplicate columns.
 */
function keptColumns(loaded: LoadedConfig, source: SourceConfig, header: readonly string[]): number[] {
  const { config } = loaded;
  const names = new Set<string>(keyColumns(loaded, source.name));
  const prefix = `${source.name}.`;
  for (const s of configStrings(config, new Set()))
    if (s.startsWith(prefix)) names.add(s.slice(prefix.length));
  if (source.key) names.add(source.key);
  for (const j of config.joins ?? []) {
    if (refSource(j.to) !== source.name || !j.prefer) continue;
    names.add(j.prefer.column);
    if (j.prefer.equalsColumn) names.add(j.prefer.equalsColumn);
  }
  const dup = config.derive?.duplicates;
  if (dup?.source === source.name) for (const c of [dup.email, dup.phone, dup.card]) if (c) names.add(c);
  const at = new Set<number>();
  for (const n of names) {
    const i = findSourceColumn(header, n);
    if (i >= 0) at.add(i);
  }
  return [...at].sort((a, b) => a - b);
}

function resolve(
  header: readonly string[],
  names: readonly string[],
  source: string,
  strict: boolean,
): number[] {
  const out: number[] = [];
  for (const n of names) {
    const i = findSourceColumn(header, n);
    if (i < 0 && strict)
      throw new ToolkitError(
        'CONFIG_INVALID',
        `Column "${n}" (a join key of source ${source}) is not in its header.`,
      );
    if (i >= 0) out.push(i);
  }
  return out;
}

/** Stage every joined source (reusing unchanged ones). */
export async function stageJoinedSources(
  loaded: LoadedConfig,
  sdb: StagingDb,
  cipher: CellCipher,
): Promise<Map<string, StagedSource>> {
  const staged = new Map<string, StagedSource>();
  const dup = loaded.config.derive?.duplicates;
  for (const j of loaded.config.joins ?? []) {
    const name = refSource(j.to);
    const source = loaded.config.sources.find((s) => s.name === name);
    if (!source || staged.has(name)) continue;
    const keys = keyColumns(loaded, name);
    const sensitive = sensitiveColumns(loaded, source);
    const pick = (header: readonly string[], col: string | undefined): number | undefined => {
      if (col === undefined) return undefined;
      const i = findSourceColumn(header, col);
      if (i < 0)
        throw new ToolkitError('CONFIG_INVALID', `derive.duplicates: no column "${col}" in source ${name}.`);
      return i;
    };
    const duplicates =
      dup?.source === name
        ? (header: readonly string[]) => {
            const key = pick(header, source.key) ?? -1;
            const email = pick(header, dup.email);
            const phone = pick(header, dup.phone);
            const card = pick(header, dup.card);
            return {
              key,
              ...(email === undefined ? {} : { email }),
              ...(phone === undefined ? {} : { phone }),
              ...(card === undefined ? {} : { card }),
            };
          }
        : undefined;
    staged.set(
      name,
      await stageSource(sdb, cipher, {
        name,
        sha256: await sha256File(sourcePath(loaded, source)),
        open: () => openSource(loaded, source),
        keys: (header) => resolve(header, keys, name, true),
        sensitive: (header) => resolve(header, sensitive, name, false),
        keep: (header) => keptColumns(loaded, source, header),
        id: (header) => (source.key ? findSourceColumn(header, source.key) : -1),
        ...(duplicates ? { duplicates } : {}),
      }),
    );
  }
  return staged;
}
