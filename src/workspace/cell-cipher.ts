/**
 * Encryption of sensitive cells (card and account numbers) in the staging database, and the
 * keyed hash used to compare card numbers, emails and phones without storing them.
 * AES-256-GCM per cell with a random IV; HMAC-SHA-256 for the keyed hash. The key comes from
 * KMIGRATE_STAGING_KEY (64 hex digits) or is random per process; it is never written to disk.
 * @module
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { ToolkitError } from '../core/index.js';

/** Marks an encrypted cell. */
const SEALED = '\u0001';

/** Encrypts, decrypts and hashes cells with one key. */
export interface CellCipher {
  seal(plain: string): string;
  open(sealed: string): string;
  keyedHash(text: string): string;
  /** A value derived from the key that tells whether staged data was sealed with this key. */
  readonly keyCheck: string;
}

function stagingKey(env: NodeJS.ProcessEnv): Buffer {
  const hex = env.KMIGRATE_STAGING_KEY;
  if (hex === undefined || hex === '') return randomBytes(32);
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new ToolkitError('CONFIG_INVALID', 'KMIGRATE_STAGING_KEY must be 64 hex digits (a 256-bit key).');
  return Buffer.from(hex, 'hex');
}

/** Create the cipher of one build. */
export function createCellCipher(env: NodeJS.ProcessEnv = process.env): CellCipher {
  const key = stagingKey(env);
  const mac = (text: string): string =>
    createHmac('sha256', key).update(text).digest('base64url').slice(0, 22);
  return {
    keyCheck: mac('kmigrate staging key check'),
    keyedHash: mac,
    seal: (plain) => {
      if (plain === '') return '';
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return SEALED + Buffer.concat([iv, c.getAuthTag(), body]).toString('base64');
    },
    open: (sealed) => {
      if (!sealed.startsWith(SEALED)) return sealed;
      const raw = Buffer.from(sealed.slice(1), 'base64');
      const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
      d.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([d.update(raw.subarray(28)), d.final()]).toString('utf8');
    },
  };
}
