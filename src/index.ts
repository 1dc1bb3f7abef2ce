/**
 * kmigrate as a library: the same functions the CLI uses, one namespace per capability.
 * @module
 */
export * as apiClient from './api-client/index.js';
export type { CheckFileOptions, CheckResult } from './check/index.js';
export { checkFile } from './check/index.js';
export { readConfig, validateConfig } from './config/index.js';
export type { Issue } from './core/index.js';
export { ToolkitError } from './core/index.js';
export { openCsv } from './csv/index.js';
export * as forecast from './forecast/index.js';
export * as handoff from './handoff/index.js';
export * as intake from './intake/index.js';
export * as pgp from './pgp/index.js';
export { runBuild } from './pipeline/index.js';
export * as sample from './sample/index.js';
export * as sandbox from './sandbox/index.js';
export { builtinSpec } from './schema/index.js';
export * as transport from './transport/index.js';
export * as verify from './verify/index.js';
