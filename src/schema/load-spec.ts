/**
 * The built-in, versioned Konnektive spec, validated once at load.
 * @module
 */

import raw from '../../spec/konnektive-legacy-import.v1.json' with { type: 'json' };
import { ToolkitError } from '../core/index.js';
import type { ColumnSpec, ColumnType, FileKind, FileSpec, TargetSpec } from './spec-types.js';

const COLUMN_TYPES: ReadonlySet<string> = new Set<ColumnType>([
  'varchar',
  'text',
  'datetime',
  'date',
  'integer',
  'decimal',
  'bit',
  'enum',
  'digits',
  'month',
  'year',
  'email',
  'phone',
  'state',
  'postal',
  'country',
]);
export const FILE_KINDS: readonly FileKind[] = ['transactions', 'notes', 'details'];

interface RawKind {
  title: string;
  defaultFileName: string;
  columns: ColumnSpec[];
}

function checkFileSpec(kind: FileKind, spec: RawKind | undefined): FileSpec {
  if (!spec || !Array.isArray(spec.columns)) {
    throw new ToolkitError('SPEC_INVALID', `The spec has no columns for the ${kind} file.`);
  }
  const names = new Set<string>();
  for (const column of spec.columns) {
    if (!COLUMN_TYPES.has(column.type)) {
      throw new ToolkitError('SPEC_INVALID', `Column ${column.name} has unknown type ${column.type}.`);
    }
    if (names.has(column.name))
      throw new ToolkitError('SPEC_INVALID', `Column ${column.name} is listed twice.`);
    names.add(column.name);
  }
  for (const column of spec.columns) {
    if (column.requiredIf && !names.has(column.requiredIf.column)) {
      throw new ToolkitError(
        'SPEC_INVALID',
        `Column ${column.name} depends on unknown column ${column.requiredIf.column}.`,
      );
    }
  }
  return { kind, title: spec.title, defaultFileName: spec.defaultFileName, columns: spec.columns };
}

/** Validate a parsed spec document. */
export function parseSpec(doc: unknown): TargetSpec {
  const d = doc as { format?: string; version?: string; source?: string; kinds?: Record<string, RawKind> };
  if (typeof d?.format !== 'string' || typeof d.version !== 'string' || !d.kinds) {
    throw new ToolkitError('SPEC_INVALID', 'The spec needs format, version and kinds.');
  }
  const kinds = {} as Record<FileKind, FileSpec>;
  for (const kind of FILE_KINDS) kinds[kind] = checkFileSpec(kind, d.kinds[kind]);
  return { format: d.format, version: d.version, source: d.source ?? '', kinds };
}

let cached: TargetSpec | undefined;

/** The built-in Konnektive Legacy Data Import spec. */
export function builtinSpec(): TargetSpec {
  cached ??= parseSpec(raw);
  return cached;
}
