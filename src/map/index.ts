/**
 * Mapping proposals: source columns → Konnektive target columns (preset, alias table, fuzzy
 * matching with value-shape evidence), the merchant's assignment to-do and the migration.yaml edit.
 * @module
 */

export { ALIASES } from './alias-table.js';
export type { AssignmentTodo, EnumTodo, LookupTodo } from './assignment-todo.js';
export { assignmentTodo } from './assignment-todo.js';
export type { Candidate, MatchStrategy } from './column-candidates.js';
export { enumMapFor } from './enum-vocabulary.js';
export type { MapResult, MapSourceOptions } from './map-source.js';
export { mapSource } from './map-source.js';
export { PRESET_TABLES } from './preset-tables.js';
export type { MappingProposal, ProposedEntry, ProposeOptions } from './propose-mapping.js';
export { proposeMapping, TRANSACTION_TARGETS } from './propose-mapping.js';
export { renderMapText } from './render-map.js';
export type { Role, RoleTarget } from './roles.js';
export { ROLES } from './roles.js';
export type { WriteResult } from './write-proposal.js';
export { writeProposal } from './write-proposal.js';
