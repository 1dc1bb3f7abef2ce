/**
 * The declarative target format: the Konnektive import files as versioned data.
 * @module
 */

export type { TemplatedSpec } from './apply-template.js';
export { applyTemplate, columnLetter } from './apply-template.js';
export { detectKind } from './detect-kind.js';
export { builtinSpec, FILE_KINDS, parseSpec } from './load-spec.js';
export type { ColumnSpec, ColumnType, FileKind, FileSpec, RequiredIf, TargetSpec } from './spec-types.js';
