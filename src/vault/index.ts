/**
 * The token vault: card numbers become opaque tokens (AES-256 of the card under a token key, the
 * same card always the same token); cards are sealed in blocks with AES-256-GCM under a data key;
 * both keys are wrapped by a key-encryption key that never touches the vault (see
 * docs/decisions/0008-vault.md).
 *
 * ```ts
 * const kek = await readKek({ env: process.env });
 * const vault = openSqliteVault('.kmigrate/vault.db', kek, { auditFile: '.kmigrate/vault.db.audit.jsonl' });
 * const [token] = await vault.tokenize(['4111111111111111']);
 * ```
 * @module
 */

export { appendAuditLine, currentUser } from './audit-file.js';
export type { KekSource } from './kek.js';
export { KEK_ENV, NEW_KEK_ENV, parseKek, readKek, VaultKek } from './kek.js';
export type { MemoryVaultStore } from './memory-vault.js';
export { createMemoryVaultStore, initMemoryVault, openMemoryVault } from './memory-vault.js';
export { TOKEN_PATTERN } from './new-token.js';
export { initSqliteVault, openSqliteVault } from './sqlite-vault.js';
export type { AuditAction, AuditEntry, AuditRecord, TokenVault } from './token-vault.js';
export type { VaultOptions } from './vault-base.js';
