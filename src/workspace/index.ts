/**
 * The migration workspace: `kmigrate init`, the SQLite staging database and the cipher that
 * keeps card numbers sealed in it.
 * @module
 */

export { type CellCipher, createCellCipher } from './cell-cipher.js';
export { type InitOptions, type InitResult, initWorkspace } from './init-workspace.js';
export { openStagingDb, type StagingDb, WORKSPACE_DIR } from './staging-db.js';
