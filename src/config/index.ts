/**
 * migration.yaml: schema, validation, reading.
 * @module
 */

export type { DeriveConfig, JoinConfig } from './join-schema.js';
export { configJsonSchema } from './json-schema.js';
export {
  type ColumnMapping,
  DATE_FORMATS,
  type MigrationConfig,
  MigrationConfigSchema,
  NORMALIZERS,
  type NormalizerName,
  type OutputFileConfig,
  type SkipRule,
  type SourceConfig,
} from './migration-schema.js';
export { buildOutputFiles, isPlainFileName } from './output-files.js';
export {
  type ConfigProblem,
  type ConfigResult,
  keepNumberKeysAsWritten,
  type LoadedConfig,
  readConfig,
  validateConfig,
  yamlKeyText,
} from './parse-config.js';
export { refColumn, refSource } from './validate-joins.js';
