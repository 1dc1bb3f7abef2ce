/**
 * The build pipeline: read → map → normalize → validate → write, with rejects and accounting.
 * @module
 */

export type { BuildOptions, BuildResult, OutputInfo, SourceAccounting } from './build.js';
export { buildInputAt, buildInputs, refuseOverwritingInputs, runBuild } from './build.js';
export { PIPELINE_ISSUE_CODES } from './codes.js';
export { sha256File } from './sha256-file.js';
export { findSourceColumn, foldHeader } from './source-columns.js';
