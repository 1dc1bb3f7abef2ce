/**
 * Turn OpenPGP.js failures (plain `Error`s with English messages) into coded ToolkitErrors.
 * The original error is kept as `cause`; messages never carry key material or plaintext.
 * @module
 */
import { type ErrorCode, isToolkitError, ToolkitError } from '../core/index.js';

const RULES: readonly (readonly [RegExp, ErrorCode, string])[] = [
  // 'Maximum decompressed message size exceeded' (ZIP/ZLIB), '… decompressed size exceeded' (bzip2)
  [/decompressed (message )?size exceeded/i, 'PGP_TOO_LARGE', 'The decompressed data exceeds the size cap.'],
  [
    /not authenticated|unauthenticated|missing mdc/i,
    'PGP_NO_INTEGRITY',
    'The message has no integrity protection (no MDC).',
  ],
  [
    /modification detected|authentication tag|unable to authenticate|mdc|integrity/i,
    'PGP_TAMPERED',
    'The integrity check failed: the file was modified or damaged.',
  ],
  [
    /unexpected end of (packet|stream|file)|premature|truncat|misformed armored text|unexpected eof/i,
    'PGP_TRUNCATED',
    'The encrypted file ends early (truncated).',
  ],
  // decrypt-stream.ts's guard, when OpenPGP.js re-wraps the error it stopped the armor with
  [
    /two messages joined/i,
    'PGP_MALFORMED',
    'A second armored message follows the first (two messages joined): refused, as gpg does.',
  ],
  // session key packets and then nothing: the file was cut right after them
  [/no encrypted data found/i, 'PGP_TRUNCATED', 'The encrypted file ends early (truncated).'],
  [
    /invalid (block type|distance|code|stored|literal)|incorrect header check|inflate|zlib|bzip|huffman|too many length/i,
    'PGP_TAMPERED',
    'The compressed data inside the message is damaged: the file was modified.',
  ],
  [
    /incorrect key passphrase|passphrase/i,
    'PGP_PASSPHRASE_WRONG',
    'The passphrase does not unlock the private key.',
  ],
  [/not signed/i, 'PGP_UNSIGNED', 'The message is not signed.'],
  [/signing key|signature/i, 'PGP_BAD_SIGNATURE', 'The message signature does not verify.'],
  [
    // the right key, but a cipher its preferences do not list (gpg --cipher-algo TWOFISH)
    /non-preferred symmetric algorithm/i,
    'PGP_MALFORMED',
    'The message uses a cipher the key does not accept (not in its preferences, e.g. Twofish): ask the sender to encrypt with AES.',
  ],
  [
    /session key decryption failed|no decryption key packets|no (valid )?decryption key/i,
    'PGP_WRONG_KEY',
    'No available key can decrypt this message.',
  ],
  [
    /error during parsing|unknown packet|unsupported|version|invalid (packet|enum|armor)|malformed/i,
    'PGP_MALFORMED',
    'The OpenPGP data could not be parsed.',
  ],
];

/** Map any error raised while reading or decrypting a message to a coded {@link ToolkitError}. */
export function toPgpError(error: unknown, fallback: ErrorCode = 'PGP_MALFORMED'): ToolkitError {
  if (isToolkitError(error)) return error;
  const text = error instanceof Error ? error.message : String(error);
  for (const [pattern, code, message] of RULES)
    if (pattern.test(text)) return new ToolkitError(code, message, { cause: error });
  return new ToolkitError(fallback, 'OpenPGP failure (set KMIGRATE_DEBUG=1 for details).', { cause: error });
}
