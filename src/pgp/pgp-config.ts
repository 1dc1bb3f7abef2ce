/**
 * The OpenPGP.js settings kmigrate uses, in one place (see docs/decisions/0005-pgp.md).
 * @module
 */
import { enums, type PartialConfig } from 'openpgp';

/** Default cap on decrypted (decompressed) size: 64 GiB. */
export const DEFAULT_MAX_SIZE = 64 * 1024 ** 3;

/**
 * Reading: stream SEIPDv1 plaintext before the MDC is checked (memory stays flat), never
 * accept messages without integrity protection, and cap decompression.
 */
export function readConfig(maxSize: number): PartialConfig {
  return {
    allowUnauthenticatedStream: true,
    allowUnauthenticatedMessages: false,
    maxDecompressedMessageSize: maxSize,
  };
}

/**
 * Writing: v4 keys and SEIPDv1 with MDC (what GnuPG 2.2/2.4 read) unless every recipient
 * advertises SEIPDv2; no compression (the exports are encrypted once and decrypted once).
 */
export function writeConfig(useSeipdv2: boolean): PartialConfig {
  return {
    aeadProtect: useSeipdv2,
    v6Keys: false,
    preferredCompressionAlgorithm: enums.compression.uncompressed,
  };
}
