/**
 * The JSON Schema of migration.yaml, generated from the valibot schema (docs/migration.schema.json
 * is a committed copy guarded by a test).
 * @module
 */
import { toJsonSchema } from '@valibot/to-json-schema';
import { MigrationConfigSchema } from './migration-schema.js';

/** The JSON Schema document for editors (yaml-language-server). */
export function configJsonSchema(): Record<string, unknown> {
  const schema = toJsonSchema(MigrationConfigSchema, { errorMode: 'ignore' }) as Record<string, unknown>;
  return { ...schema, title: 'kmigrate migration.yaml' };
}
