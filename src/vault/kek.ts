/**
 * The key-encryption key (KEK): 32 bytes from an environment variable or a key file, never argv.
 * It wraps the vault's data key and fingerprint key; it is never stored in the vault.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';

const REDACTED = '[redacted vault key]';

/** The environment variable holding the vault KEK. */
export const KEK_ENV = 'KMIGRATE_VAULT_KEK';
/** The environment variable holding the new KEK for `vault rotate`. */
export const NEW_KEK_ENV = 'KMIGRATE_VAULT_NEW_KEK';

/** A 32-byte key-encryption key that never prints, serialises or inspects. */
export class VaultKek {
  readonly #bytes: Buffer;

  constructor(bytes: Uint8Array) {
    if (bytes.length !== 32)
      throw new ToolkitError('VAULT_KEK_INVALID', 'The vault key-encryption key must be 32 bytes.');
    this.#bytes = Buffer.from(bytes);
  }

  /** The key bytes: pass them only to node:crypto. */
  reveal(): Buffer {
    return this.#bytes;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

/** Parse 64 hex digits or base64 (standard or URL-safe) of exactly 32 bytes. */
export function parseKek(text: string): VaultKek {
  const value = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(value)) return new VaultKek(Buffer.from(value, 'hex'));
  if (/^[A-Za-z0-9+/_-]{43}=?$/.test(value)) {
    const bytes = Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (bytes.length === 32) return new VaultKek(bytes);
  }
  throw new ToolkitError(
    'VAULT_KEK_INVALID',
    'The vault key-encryption key must be 32 bytes written as 64 hex digits or base64.',
  );
}

/** Where a KEK may come from. */
export interface KekSource {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly file?: string | undefined;
  /** Default {@link KEK_ENV}. */
  readonly envName?: string | undefined;
}

/** Read the KEK from a key file (text: hex/base64, or 32 raw bytes) or the environment. */
export async function readKek(source: KekSource): Promise<VaultKek> {
  const envName = source.envName ?? KEK_ENV;
  if (source.file !== undefined) {
    let bytes: Buffer;
    try {
      bytes = await readFile(source.file);
    } catch (cause) {
      throw new ToolkitError('FILE_UNREADABLE', `Cannot read the vault key file ${source.file}.`, { cause });
    }
    return bytes.length === 32 ? new VaultKek(bytes) : parseKek(bytes.toString('latin1'));
  }
  const value = source.env[envName];
  if (value === undefined || value.trim() === '')
    throw new ToolkitError(
      'VAULT_KEK_MISSING',
      `No vault key-encryption key: set ${envName} or use a key file.`,
    );
  return parseKek(value);
}
