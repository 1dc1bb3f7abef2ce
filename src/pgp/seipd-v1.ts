/**
 * SEIPDv1 (tag 18, version 1) with node:crypto: AES-CFB with a zero IV over the whole body
 * (no resync), the 2-byte quick check in the random prefix, and the SHA-1 MDC over
 * prefix + plaintext + 0xD3 0x14, checked when the body ends.
 * @module
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ToolkitError } from '../core/index.js';
import { CfbDecipher } from './cfb-decipher.js';

/** node:crypto ECB names (see cfb-decipher.ts) for the session key algorithms handled here. */
const CIPHERS: Readonly<Record<string, string>> = {
  aes128: 'aes-128-ecb',
  aes192: 'aes-192-ecb',
  aes256: 'aes-256-ecb',
};

const BLOCK = 16;
const PREFIX = BLOCK + 2;
/** The MDC packet: 0xD3 0x14 and a 20-byte SHA-1. */
const MDC = 22;
/** Plaintext is handed on in batches of about this size (gpg writes 8 KiB partial chunks). */
const BATCH = 256 * 1024;

/** True when the fast path can decrypt this session key algorithm. */
export function supportsCipher(algorithm: string): boolean {
  return CIPHERS[algorithm] !== undefined;
}

function tampered(): ToolkitError {
  return new ToolkitError('PGP_TAMPERED', 'The integrity check failed: the file was modified or damaged.');
}

/**
 * Decrypt a SEIPDv1 body (the bytes after the version octet) and yield the inner packet
 * stream. The final `next()` throws PGP_TAMPERED unless the MDC matches.
 */
export async function* decryptSeipdV1(
  body: AsyncIterable<Uint8Array>,
  algorithm: string,
  key: Uint8Array,
): AsyncGenerator<Uint8Array> {
  const name = CIPHERS[algorithm];
  if (name === undefined) throw new ToolkitError('PGP_MALFORMED', 'Unsupported cipher.');
  const decipher = new CfbDecipher(name, key, Buffer.alloc(BLOCK));
  const hash = createHash('sha1');
  let prefix: Buffer = Buffer.alloc(0);
  let tail: Buffer = Buffer.alloc(0);
  let pending: Buffer[] = [];
  let pendingSize = 0;
  const emit = (piece: Buffer): void => {
    if (piece.length === 0) return;
    hash.update(piece);
    pending.push(piece);
    pendingSize += piece.length;
  };
  /** The batch: big pieces as they are, many small ones (8 KiB partial chunks) joined. */
  const take = (): Buffer[] => {
    const out = pendingSize / pending.length >= BATCH / 4 ? pending : [Buffer.concat(pending, pendingSize)];
    pending = [];
    pendingSize = 0;
    return out;
  };
  const accept = (decrypted: Buffer): void => {
    let plain = decrypted;
    if (prefix.length < PREFIX) {
      const need = PREFIX - prefix.length;
      prefix = Buffer.concat([prefix, plain.subarray(0, need)]);
      plain = plain.subarray(need);
      if (prefix.length < PREFIX) return;
      if (prefix[BLOCK - 2] !== prefix[BLOCK] || prefix[BLOCK - 1] !== prefix[BLOCK + 1]) throw tampered();
      hash.update(prefix);
    }
    if (plain.length >= MDC) {
      emit(tail);
      emit(plain.subarray(0, plain.length - MDC));
      tail = plain.subarray(plain.length - MDC);
    } else {
      const joined = Buffer.concat([tail, plain]);
      emit(joined.subarray(0, Math.max(0, joined.length - MDC)));
      tail = joined.subarray(Math.max(0, joined.length - MDC));
    }
  };
  for await (const encrypted of body) {
    for (const decrypted of decipher.update(encrypted)) accept(decrypted);
    if (pendingSize >= BATCH) yield* take();
  }
  accept(decipher.final());
  if (prefix.length < PREFIX || tail.length < MDC || tail[0] !== 0xd3 || tail[1] !== 0x14) throw tampered();
  hash.update(tail.subarray(0, 2));
  if (!timingSafeEqual(hash.digest(), tail.subarray(2))) throw tampered();
  if (pendingSize > 0) yield* take();
}
