/**
 * The vault's key wrapping (AES-256-GCM under the KEK, both formats), and the format-1 working
 * keys: AES-256-GCM sealing of each card under the data key and the keyed HMAC-SHA256
 * fingerprint that finds a card's random token. Format 2 is in token-cipher.ts.
 * @module
 */
import { createCipheriv, createDecipheriv, createHmac, createSecretKey, type KeyObject } from 'node:crypto';
import { ToolkitError } from '../core/index.js';
import type { VaultKek } from './kek.js';

const IV = 12;
const TAG = 16;
const WRAP_VERSION = 1;

/** Encrypt `key` under the KEK; `label` (vault id + purpose) is bound as associated data. */
export function wrapKey(kek: VaultKek, key: Buffer, label: string, iv: Buffer): Buffer {
  const cipher = createCipheriv('aes-256-gcm', kek.reveal(), iv);
  cipher.setAAD(Buffer.from(label));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([Buffer.of(WRAP_VERSION), iv, cipher.getAuthTag(), body]);
}

/** Decrypt a wrapped key; a wrong KEK fails the GCM tag → VAULT_KEK_WRONG. */
export function unwrapKey(kek: VaultKek, wrapped: Buffer, label: string): Buffer {
  if (wrapped.length !== 1 + IV + TAG + 32 || wrapped[0] !== WRAP_VERSION)
    throw new ToolkitError('VAULT_CORRUPT', 'A wrapped vault key has an unknown format.');
  const decipher = createDecipheriv('aes-256-gcm', kek.reveal(), wrapped.subarray(1, 1 + IV));
  decipher.setAAD(Buffer.from(label));
  decipher.setAuthTag(wrapped.subarray(1 + IV, 1 + IV + TAG));
  try {
    return Buffer.concat([decipher.update(wrapped.subarray(1 + IV + TAG)), decipher.final()]);
  } catch (cause) {
    throw new ToolkitError('VAULT_KEK_WRONG', 'The key-encryption key does not unlock this vault.', {
      cause,
    });
  }
}

/** The unwrapped working keys of an open vault (held only in memory). */
export class VaultKeys {
  readonly #dek: KeyObject;
  readonly #hmac: KeyObject;

  constructor(dek: Buffer, hmacKey: Buffer) {
    this.#dek = createSecretKey(dek);
    this.#hmac = createSecretKey(hmacKey);
  }

  /** Keyed HMAC-SHA256 of the digits: equal cards, equal fingerprints; useless without the key. */
  fingerprint(pan: string): Buffer {
    return createHmac('sha256', this.#hmac).update(pan, 'latin1').digest();
  }

  /** AES-256-GCM of the digits, bound to its token: iv ‖ tag ‖ ciphertext. */
  seal(pan: string, token: string, iv: Buffer): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.#dek, iv);
    cipher.setAAD(Buffer.from(token, 'latin1'));
    const body = cipher.update(pan, 'latin1');
    cipher.final();
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** Reverse {@link seal}; a modified record or a record moved to another token → VAULT_TAMPERED. */
  open(sealed: Buffer, token: string): string {
    const decipher = createDecipheriv('aes-256-gcm', this.#dek, sealed.subarray(0, IV));
    decipher.setAAD(Buffer.from(token, 'latin1'));
    decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
    try {
      return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]).toString('latin1');
    } catch (cause) {
      throw new ToolkitError('VAULT_TAMPERED', 'A stored card record failed its integrity check.', { cause });
    }
  }
}
