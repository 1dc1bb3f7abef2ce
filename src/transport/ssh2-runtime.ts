/**
 * ssh2 is CommonJS and Node's ESM loader cannot see its named exports, so its runtime values are
 * loaded once here through `createRequire` (types still come from `import type`).
 * @module
 */
import { createRequire } from 'node:module';

type Ssh2 = typeof import('ssh2');
const ssh2 = createRequire(import.meta.url)('ssh2') as Ssh2;

/** The ssh2 client class. */
export const SshClient: Ssh2['Client'] = ssh2.Client;
/** The ssh2 server class. */
export const SshServer: Ssh2['Server'] = ssh2.Server;
/** ssh2's key parsing, key generation and SFTP constants. */
export const sshUtils: Ssh2['utils'] = ssh2.utils;
