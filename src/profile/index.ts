/**
 * Profiling source exports: dialect, per-column types, formats with evidence, masked examples,
 * spreadsheet damage, likely duplicates and the source the header most likely comes from.
 * @module
 */

export type { ValueKind } from './classify-value.js';
export { classifyValue } from './classify-value.js';
export type { SourceGuess } from './detect-source.js';
export { detectSource } from './detect-source.js';
export type { DuplicateReport } from './duplicate-finder.js';
export { headerKey, headerTokens } from './header-key.js';
export { maskExample } from './mask-example.js';
export type { FileProfile, ProfileOptions } from './profile-file.js';
export { profileFile } from './profile-file.js';
export { renderProfileHtml, renderProfileText } from './render-profile.js';
export type { SourceFormat } from './source-formats.js';
export { SOURCE_FORMATS } from './source-formats.js';
export type { ColumnDamage, ColumnProfile, ColumnType } from './summarize-column.js';
