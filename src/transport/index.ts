/**
 * Moving files to and from remote stores: the `RemoteStore` port, its SFTP (ssh2) and local
 * folder adapters, and verified, resumable, retried transfers (see docs/decisions/0007-sftp.md).
 *
 * ```ts
 * const session = remoteSession(() =>
 *   openSftpStore({ host, port, user, root: '/in', credentials, pins: { fingerprints: [pin], knownHosts: [] } }),
 * );
 * const results = await pushFiles(session, [await fileSource('out.csv.gpg')]);
 * await (await session.store()).close();
 * ```
 * @module
 */

export { confinePath } from './confine-path.js';
export { downloadFile } from './download-file.js';
export type { HostKeyPins } from './host-key.js';
export { checkHostKey, fingerprintOf } from './host-key.js';
export type { KnownHostEntry } from './known-hosts.js';
export { knownHostName, loadHostKeyPins, parseKnownHosts, readKnownHosts } from './known-hosts.js';
export { openLocalDirStore } from './local-dir-store.js';
export { formatProgress, progressReporter } from './progress-meter.js';
export type { RemoteSession } from './remote-session.js';
export { remoteSession } from './remote-session.js';
export type { ReadOptions, RemoteEntry, RemoteEntryKind, RemoteStore, WriteOptions } from './remote-store.js';
export { baseName, dirName, joinRemote } from './remote-store.js';
export type { RetryOptions } from './retry.js';
export { isRetryable, withRetry } from './retry.js';
export type { SftpConnection, SftpConnectOptions } from './sftp-connect.js';
export { connectSftp } from './sftp-connect.js';
export type { CredentialSources, SftpCredentials } from './sftp-credentials.js';
export {
  loadSftpCredentials,
  SecretText,
  SFTP_KEY_PASSPHRASE_ENV,
  SFTP_PASSWORD_ENV,
} from './sftp-credentials.js';
export type { SftpStoreOptions } from './sftp-store.js';
export { openSftpStore } from './sftp-store.js';
export type { SftpAddress } from './sftp-url.js';
export { formatSftpAddress, parseSftpUrl } from './sftp-url.js';
export { hashBytes, parseSidecar, sidecarText } from './sha256.js';
export { SshClient, SshServer, sshUtils } from './ssh2-runtime.js';
export type { BatchOptions } from './transfer-files.js';
export { pullFiles, pushFiles } from './transfer-files.js';
export type { TransferOptions, TransferResult, UploadOptions, VerifyMode } from './upload-file.js';
export { partName, uploadFile } from './upload-file.js';
export type { UploadSource } from './upload-source.js';
export { fileSource, streamSource } from './upload-source.js';
