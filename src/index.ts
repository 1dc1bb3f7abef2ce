/**
 * kmigrate as a library: the same functions the CLI uses.
 * @module
 */

export type { CheckFileOptions, CheckResult } from './check/index.js';
export { checkFile } from './check/index.js';
export { readConfig, validateConfig } from './config/index.js';
export type { Issue } from './core/index.js';
export { ToolkitError } from './core/index.js';
export { openCsv } from './csv/index.js';
export { runBuild } from './pipeline/index.js';
export { builtinSpec } from './schema/index.js';
