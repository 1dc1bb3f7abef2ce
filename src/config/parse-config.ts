/**
 * Config validation as a pure function (`validateConfig`) and a thin I/O wrapper (`readConfig`).
 * @module
 */
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import * as v from 'valibot';
import { type Document, isScalar, type ParsedNode, parseDocument, visit } from 'yaml';
import { ToolkitError } from '../core/index.js';
import { LookupSchema, type MigrationConfig, MigrationConfigSchema } from './migration-schema.js';
import { BUILD_OWN_FILES, isPlainFileName, OUTPUT_SECTIONS, sectionFile } from './output-files.js';
import { validateColumns } from './validate-columns.js';
import { validateJoins } from './validate-joins.js';

/** A config problem with its path in the document. */
export interface ConfigProblem {
  readonly path: string;
  readonly message: string;
}

/** Result of validating a parsed document. */
export type ConfigResult =
  | { readonly ok: true; readonly config: MigrationConfig }
  | { readonly ok: false; readonly problems: readonly ConfigProblem[] };

/** valibot's wording of an unknown key, in ours. */
function readable(message: string): string {
  const unknown = /^Invalid key: Expected never but received "(.*)"$/.exec(message);
  if (unknown) return `unknown key "${unknown[1]}" (a typo? see docs/migration-config.md)`;
  if (/^Invalid key: Expected ".*" but received undefined$/.test(message))
    return 'missing: this key is required';
  if (/^Invalid length: Expected >=1 but received 0$/.test(message)) return 'must not be empty';
  const type = /^Invalid type: Expected (.*) but received (.*)$/.exec(message);
  return type ? `expected ${type[1]}, found ${type[2]}` : message;
}

/**
 * Why a section's `file` cannot name its output (null: it can). The build writes its outputs
 * into the output folder together (staged, then moved into place): a file is a plain name there,
 * not a path, and no two outputs share one.
 */
function outputFileProblem(file: string, taken: ReadonlySet<string>): string | null {
  if (!isPlainFileName(file))
    return `${JSON.stringify(file)} is not a file name: give a plain name such as transactions.csv (the file is written into the build's --out folder)`;
  if (taken.has(file))
    return `${file} is already an output of this build (${BUILD_OWN_FILES.join(', ')} and each section's file must differ)`;
  return null;
}

/** Keys a record schema drops (prototype pollution guard) that are plain lookup keys here. */
const OBJECT_KEYS = ['__proto__', 'constructor', 'prototype'];

/**
 * A lookup entry under such a key (a plan or gateway really named `constructor`, as `kmigrate map
 * --write` writes it) is kept as an own property: the record schema dropped it silently, and the
 * build then asked for an entry the file has.
 */
function keepObjectKeyEntries(doc: unknown, config: MigrationConfig): void {
  const raw = (doc as { lookups?: unknown }).lookups;
  if (typeof raw !== 'object' || raw === null) return;
  for (const [name, table] of Object.entries(config.lookups)) {
    const source = Object.hasOwn(raw, name) ? (raw as Record<string, unknown>)[name] : undefined;
    if (typeof source !== 'object' || source === null) continue;
    for (const key of OBJECT_KEYS) {
      if (!Object.hasOwn(source, key)) continue;
      const entry = v.safeParse(LookupSchema.value, (source as Record<string, unknown>)[key]);
      if (entry.success)
        Object.defineProperty(table, key, { value: entry.output, enumerable: true, writable: true });
    }
  }
}

/** Validate a parsed YAML/JSON value; also checks references between sections. */
export function validateConfig(doc: unknown): ConfigResult {
  const parsed = v.safeParse(MigrationConfigSchema, doc);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.issues.map((i) => ({
        path: v.getDotPath(i) ?? '(top level)',
        message: readable(i.message),
      })),
    };
  }
  const config = parsed.output;
  keepObjectKeyEntries(doc, config);
  const problems: ConfigProblem[] = [];
  const names = new Set<string>();
  config.sources.forEach((s, i) => {
    if (names.has(s.name))
      problems.push({ path: `sources.${i}.name`, message: `source name ${s.name} is used twice` });
    names.add(s.name);
  });
  const outputs = new Set(BUILD_OWN_FILES);
  for (const section of OUTPUT_SECTIONS) {
    const out = config[section];
    if (!out) continue;
    if (!names.has(out.source))
      problems.push({ path: `${section}.source`, message: `no source named ${out.source}` });
    const file = sectionFile(config, section) ?? '';
    const problem = outputFileProblem(file, outputs);
    if (problem !== null) problems.push({ path: `${section}.file`, message: problem });
    outputs.add(file);
    for (const [column, m] of Object.entries(out.columns)) {
      const at = `${section}.columns.${column}`;
      const kinds = [m.from !== undefined, m.value !== undefined, m.derive !== undefined].filter(
        Boolean,
      ).length;
      if (kinds !== 1) problems.push({ path: at, message: 'give exactly one of from, value or derive' });
      if (m.lookup !== undefined && !(m.lookup in config.lookups))
        problems.push({ path: `${at}.lookup`, message: `no lookup table named ${m.lookup}` });
      if (m.normalize === 'enum' && m.map === undefined)
        problems.push({ path: `${at}.map`, message: 'normalize: enum needs a map' });
    }
  }
  validateColumns(config, problems);
  if (problems.length === 0) validateJoins(config, problems);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}

/** A config with its file paths resolved against the config's folder. */
export interface LoadedConfig {
  readonly config: MigrationConfig;
  readonly path: string;
  readonly baseDir: string;
  readonly text: string;
  /**
   * How a source file's bytes are opened; set by the composition root (the CLI decrypts
   * OpenPGP files in a stream here). Default: the path itself.
   */
  readonly openInput?: (path: string) => Promise<string | AsyncIterable<Uint8Array>>;
}

/**
 * A plain key YAML reads as a number (`007:`, `1.10:`, `0x1F:` — a plan or gateway code, an enum
 * map's source value) keeps the text written: the key is compared with source text, and YAML
 * would make `007` the key "7" (the value `007` then has no entry, though the file shows one).
 */
export function keepNumberKeysAsWritten(doc: Document): void {
  visit(doc, {
    Pair(_, pair) {
      const key = pair.key;
      if (isScalar(key) && typeof key.value === 'number' && typeof key.source === 'string')
        key.value = key.source;
    },
  });
}

/**
 * The text a YAML map key stands for in migration.yaml: a plain key YAML reads as a number is the
 * text written (`007`, not 7); any other scalar its value as a string.
 */
export function yamlKeyText(key: unknown): string | null {
  if (!isScalar(key)) return null;
  if (typeof key.value === 'number' && typeof key.source === 'string') return key.source;
  return String(key.value);
}

/** Two keys of one map that are one key once read as text (`007` and `"007"`). */
function sameKey(a: ParsedNode, b: ParsedNode): boolean {
  const ta = yamlKeyText(a);
  return ta !== null ? ta === yamlKeyText(b) : a === b;
}

/** Read and validate migration.yaml. Throws CONFIG_* ToolkitErrors with every problem listed. */
export async function readConfig(path: string): Promise<LoadedConfig> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    throw new ToolkitError('CONFIG_NOT_FOUND', `Cannot read config ${path}.`, { cause });
  }
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: sameKey });
  if (doc.errors.length > 0) {
    const first = doc.errors[0];
    const where = first?.linePos?.[0]
      ? ` at line ${first.linePos[0].line}, column ${first.linePos[0].col}`
      : '';
    throw new ToolkitError(
      'CONFIG_YAML_SYNTAX',
      `${path} is not valid YAML${where}: ${first?.code ?? 'syntax error'}.`,
    );
  }
  keepNumberKeysAsWritten(doc);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (cause) {
    // aliases that expand past the limit (a "billion laughs" file): refused, not a crash
    throw new ToolkitError(
      'CONFIG_YAML_SYNTAX',
      `${path} is not usable YAML: its aliases expand too much (more than 50 uses of one anchor's content).`,
      { cause },
    );
  }
  if (data === null || data === undefined)
    throw new ToolkitError(
      'CONFIG_INVALID',
      `${path} is empty: a migration.yaml needs at least version, sources and transactions (see docs/migration-config.md, or kmigrate init).`,
    );
  const result = validateConfig(data);
  if (!result.ok) {
    const [only] = result.problems;
    // one problem on one line; several as a list under a line that counts them
    if (result.problems.length === 1 && only !== undefined)
      throw new ToolkitError('CONFIG_INVALID', `${path}: ${only.path}: ${only.message}`);
    const list = result.problems.map((p) => `  - ${p.path}: ${p.message}`).join('\n');
    throw new ToolkitError('CONFIG_INVALID', `${path} has ${result.problems.length} problems:\n${list}`);
  }
  return { config: result.config, path, baseDir: dirname(resolve(path)), text };
}
