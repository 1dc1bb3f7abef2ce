/**
 * `keys import`: add keys from a file to the keyring, optionally refusing any key whose
 * fingerprint is not the one the owner told us out of band.
 * @module
 */
import { encryptKey, type Key } from 'openpgp';
import { ToolkitError } from '../core/index.js';
import { normalizeFingerprint, readKeyFile } from './find-key.js';
import type { Keyring, StoredKey } from './keyring.js';
import type { Passphrase } from './passphrase.js';

/** Options for {@link importKeys}. */
export interface ImportKeysOptions {
  readonly expectFingerprint?: string | undefined;
  /** Used only to protect an unprotected private key before it is stored. */
  readonly passphrase?: Passphrase | undefined;
}

/** Refuse unless `key`'s primary fingerprint is `expected` (both shown on mismatch). */
export function assertFingerprint(key: Key, expected: string): void {
  const want = normalizeFingerprint(expected);
  const got = key.getFingerprint().toUpperCase();
  if (want !== got)
    throw new ToolkitError(
      'PGP_KEY_MISMATCH',
      `Fingerprint mismatch: expected ${want}, the key has ${got}.`,
      {
        context: { expected: want, actual: got },
      },
    );
}

async function protect(key: Key, passphrase: Passphrase | undefined): Promise<Key> {
  if (!key.isPrivate() || !key.isDecrypted()) return key;
  if (passphrase === undefined)
    throw new ToolkitError(
      'PGP_PASSPHRASE_MISSING',
      'The private key in the file is not passphrase-protected: set KMIGRATE_PGP_PASSPHRASE to protect it on import.',
    );
  return encryptKey({ privateKey: key, passphrase: passphrase.reveal() });
}

/** Import every key in `file` (or only the expected one); returns what was stored. */
export async function importKeys(
  keyring: Keyring,
  file: string,
  options: ImportKeysOptions,
): Promise<StoredKey[]> {
  let keys = await readKeyFile(file);
  if (options.expectFingerprint !== undefined) {
    const want = normalizeFingerprint(options.expectFingerprint);
    const match = keys.filter((k) => k.getFingerprint().toUpperCase() === want);
    if (match.length === 0) {
      const got = keys.map((k) => k.getFingerprint().toUpperCase()).join(', ');
      throw new ToolkitError(
        'PGP_KEY_MISMATCH',
        `Fingerprint mismatch: expected ${want}, the file has ${got}.`,
        {
          context: { expected: want, actual: got },
        },
      );
    }
    keys = match;
  }
  const stored: StoredKey[] = [];
  for (const key of keys) stored.push(await keyring.add(await protect(key, options.passphrase)));
  return stored;
}
