/**
 * `receive`: the hardened SFTP intake server for processors' exports (see
 * docs/decisions/0007-sftp.md).
 *
 * ```ts
 * const server = await startIntakeServer(await readIntakeConfig('intake.yaml'));
 * console.log(server.port, server.fingerprint);
 * await server.close();
 * ```
 * @module
 */

export type { AuditEvent, AuditLog } from './audit-log.js';
export { openAuditLog } from './audit-log.js';
export type { HostKey } from './host-key-file.js';
export { loadOrCreateHostKey } from './host-key-file.js';
export type { IntakeAccount, IntakeConfig } from './intake-config.js';
export { readIntakeConfig, validateIntakeConfig } from './intake-config.js';
export type { IntakeServer } from './intake-server.js';
export { startIntakeServer } from './intake-server.js';
export type { LockoutPolicy } from './lockout.js';
export { LoginGuard } from './lockout.js';
export { hashPassword, isPasswordHash, verifyPassword } from './password-hash.js';
