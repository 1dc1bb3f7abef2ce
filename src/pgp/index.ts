/**
 * OpenPGP for kmigrate: a folder keyring, GnuPG-compatible key generation, and streaming
 * encrypt/decrypt with integrity gating (see docs/decisions/0005-pgp.md).
 *
 * Decrypting inside the pipeline:
 * ```ts
 * const keyring = new Keyring(resolveKeyringDir(undefined, process.env));
 * const passphrase = await readPassphrase({ env: process.env });
 * const { plaintext, verified } = decryptToStream('vault.csv.gpg', { keyring, passphrase });
 * // plaintext is UNTRUSTED until iteration ends without throwing (integrity is checked last).
 * ```
 * @module
 */

export type { ByteInput, MessageEncoding } from './byte-input.js';
export { classifyStart } from './byte-input.js';
export type { DecryptedStream, DecryptOptions } from './decrypt-stream.js';
export { decryptToStream } from './decrypt-stream.js';
export type { EncryptedStream, EncryptOptions } from './encrypt-stream.js';
export { assertCanEncrypt, encryptToStream } from './encrypt-stream.js';
export { findKey, normalizeFingerprint, readKeyFile } from './find-key.js';
export { formatKeyDetails, formatKeyLine, groupFingerprint } from './format-key.js';
export type { GenerateKeyOptions } from './generate-key.js';
export { generateKeyPair } from './generate-key.js';
export type { ImportKeysOptions } from './import-keys.js';
export { assertFingerprint, importKeys } from './import-keys.js';
export type { KeyInfo, KeyPartInfo } from './key-info.js';
export { describeKey } from './key-info.js';
export type { StoredKey } from './keyring.js';
export { KEYRING_ENV, Keyring, resolveKeyringDir } from './keyring.js';
export { startsEncryptedMessage } from './message-start.js';
export type { PassphraseSource } from './passphrase.js';
export { PASSPHRASE_ENV, Passphrase, readPassphrase, requirePassphrase } from './passphrase.js';
export { DEFAULT_MAX_SIZE } from './pgp-config.js';
export { toPgpError } from './pgp-error.js';
export { unlockKey } from './unlock-key.js';
export type { VerificationResult, VerificationStatus } from './verification.js';
export { writeAtomically } from './write-atomic.js';
