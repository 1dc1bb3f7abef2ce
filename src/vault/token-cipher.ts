/**
 * Format-2 vault cryptography: deterministic tokens and sealed blocks (see
 * docs/decisions/0008-vault.md).
 *
 * - A card number is laid out as a 128-bit *card block*: 26 groups of 5 bits, group 1 = length,
 *   groups 2–20 = digits, all others zero. Every group is < 16, so its base32 text is letters only.
 * - Its token is AES-256 under the token key applied to that single block (a pseudorandom
 *   permutation: distinct cards can never share a token), re-applied while the result's base32
 *   text has a run of 10 digit characters (cycle walking; card blocks never have one, so the walk
 *   stays one-to-one). A whole batch is one ECB call over independent blocks.
 * - Card blocks are sealed N at a time: one AES-256-GCM message per vault block, with the vault id
 *   and the block id as associated data.
 * @module
 */
import { type Cipher, createCipheriv, createDecipheriv, createSecretKey, type KeyObject } from 'node:crypto';
import { ToolkitError } from '../core/index.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const GROUPS = 26;
/** Bytes in a card block and in a raw token. */
export const SLOT = 16;
const IV = 12;
const TAG = 16;
const MAX_DIGITS = 19;
/** base32 values ≥ 26 print as the digits 2–7. */
const DIGIT_VALUE = 26;
const LONG_RUN = 10;

function group(bytes: Uint8Array, at: number, k: number): number {
  const bit = k * 5;
  const i = at + (bit >> 3);
  const pair = ((bytes[i] ?? 0) << 8) | (i + 1 < at + SLOT ? (bytes[i + 1] ?? 0) : 0);
  return (pair >> (11 - (bit & 7))) & 31;
}

function setGroup(bytes: Uint8Array, at: number, k: number, value: number): void {
  const bit = k * 5;
  const i = at + (bit >> 3);
  const shifted = value << (11 - (bit & 7));
  bytes[i] = (bytes[i] ?? 0) | (shifted >> 8);
  if (i + 1 < at + SLOT) bytes[i + 1] = (bytes[i + 1] ?? 0) | (shifted & 255);
}

/** Copy 16 bytes (a loop: `Buffer.copy` costs more than the copy at this size). */
export function copySlot(from: Uint8Array, at: number, to: Uint8Array, into: number): void {
  for (let k = 0; k < SLOT; k++) to[into + k] = from[at + k] ?? 0;
}

/** Write the card block of `pan` (digits only, ≤ 19) at `at` in a zeroed buffer. */
export function writeCardBlock(pan: string, bytes: Uint8Array, at: number): void {
  if (pan.length === 0 || pan.length > MAX_DIGITS)
    throw new ToolkitError('INTERNAL', 'The vault was given a card number of the wrong length.');
  setGroup(bytes, at, 1, pan.length);
  for (let k = 0; k < pan.length; k++) {
    const digit = pan.charCodeAt(k) - 48;
    if (digit < 0 || digit > 9)
      throw new ToolkitError('INTERNAL', 'The vault was given a non-digit card number.');
    setGroup(bytes, at, 2 + k, digit);
  }
}

/** The digits of a card block, or undefined when it is not a well-formed card block. */
export function readCardBlock(bytes: Uint8Array, at: number): string | undefined {
  const length = group(bytes, at, 1);
  if (length === 0 || length > MAX_DIGITS || group(bytes, at, 0) !== 0) return undefined;
  let pan = '';
  for (let k = 2; k < GROUPS; k++) {
    const v = group(bytes, at, k);
    if (k < 2 + length) {
      if (v > 9) return undefined;
      pan += String.fromCharCode(48 + v);
    } else if (v !== 0) return undefined;
  }
  return pan;
}

/** True when the base32 text of the 16 bytes at `at` has a run of 10 digit characters. */
function hasDigitRun(bytes: Uint8Array, at: number): boolean {
  let run = 0;
  for (let k = 0; k < GROUPS; k++) {
    run = group(bytes, at, k) >= DIGIT_VALUE ? run + 1 : 0;
    if (run >= LONG_RUN) return true;
  }
  return false;
}

/** `tok_` + the 26 base32 characters of the 16 bytes at `at`. */
export function tokenText(bytes: Uint8Array, at: number): string {
  let out = 'tok_';
  for (let k = 0; k < GROUPS; k++) out += ALPHABET[group(bytes, at, k)];
  return out;
}

const ASCII = Buffer.from(ALPHABET, 'latin1');
const TEXT = 4 + GROUPS;

/** {@link tokenText} of `count` consecutive raw tokens, through one ASCII buffer. */
export function tokenTexts(raw: Buffer, count: number): string[] {
  const ascii = Buffer.allocUnsafe(count * TEXT);
  const out = new Array<string>(count);
  for (let t = 0; t < count; t++) {
    let o = t * TEXT;
    ascii[o++] = 0x74; // t
    ascii[o++] = 0x6f; // o
    ascii[o++] = 0x6b; // k
    ascii[o++] = 0x5f; // _
    let acc = 0;
    let bits = 0;
    for (let i = t * SLOT; i < t * SLOT + SLOT; i++) {
      acc = ((acc & 0xff) << 8) | (raw[i] ?? 0);
      bits += 8;
      while (bits >= 5) {
        bits -= 5;
        ascii[o++] = ASCII[(acc >> bits) & 31] ?? 0;
      }
    }
    ascii[o] = ASCII[(acc << (5 - bits)) & 31] ?? 0;
    out[t] = ascii.toString('latin1', t * TEXT, t * TEXT + TEXT);
  }
  return out;
}

/** The 16 bytes of a format-2 token, or undefined when `token` cannot be one. */
export function tokenBytes(token: string): Buffer | undefined {
  if (token.length !== 4 + GROUPS || !token.startsWith('tok_')) return undefined;
  const bytes = Buffer.alloc(SLOT);
  for (let k = 0; k < GROUPS; k++) {
    const v = ALPHABET.indexOf(token[4 + k] ?? '');
    if (v < 0) return undefined;
    setGroup(bytes, 0, k, v);
  }
  // The last group holds 3 bits of the block; its 2 low bits must be zero.
  return tokenText(bytes, 0) === token ? bytes : undefined;
}

/** The unwrapped format-2 working keys: the token key (PRP) and the data key (GCM). */
export class TokenCipher {
  readonly #dek: KeyObject;
  readonly #prp: Cipher;

  constructor(dek: Buffer, tokenKey: Buffer) {
    this.#dek = createSecretKey(dek);
    this.#prp = createCipheriv('aes-256-ecb', createSecretKey(tokenKey), null).setAutoPadding(false);
  }

  /**
   * The raw tokens (16 bytes each) of the card blocks in `blocks`, in one pass.
   * One-to-one: if cards x ≠ x' walked to E^k(x) = E^j(x') with k > j, then x' = E^(k−j)(x) would
   * be a point the walk from x passed over, i.e. one whose text has a digit run; card blocks have
   * none (letters only). So k = j, and x = x' since E is a permutation.
   */
  tokensOf(blocks: Buffer): Buffer {
    const out = this.#prp.update(blocks);
    for (let at = 0; at < out.length; at += SLOT)
      while (hasDigitRun(out, at)) this.#prp.update(out.subarray(at, at + SLOT)).copy(out, at);
    return out;
  }

  /** AES-256-GCM of a block of card blocks: iv ‖ tag ‖ ciphertext. */
  seal(plain: Buffer, aad: Buffer, iv: Buffer): Buffer {
    const cipher = createCipheriv('aes-256-gcm', this.#dek, iv);
    cipher.setAAD(aad);
    const body = cipher.update(plain);
    cipher.final();
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  }

  /** Reverse {@link seal}; a modified or moved block → VAULT_TAMPERED. */
  open(sealed: Buffer, aad: Buffer): Buffer {
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.#dek, sealed.subarray(0, IV));
      decipher.setAAD(aad);
      decipher.setAuthTag(sealed.subarray(IV, IV + TAG));
      return Buffer.concat([decipher.update(sealed.subarray(IV + TAG)), decipher.final()]);
    } catch (cause) {
      throw new ToolkitError('VAULT_TAMPERED', 'A stored card block failed its integrity check.', { cause });
    }
  }
}
