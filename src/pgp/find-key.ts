/**
 * Resolve a KEY argument: a path to a key file, a fingerprint or a unique fingerprint prefix
 * (spaces and `0x` allowed), a key ID, or an e-mail address from a user ID.
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { type Key, readKeys } from 'openpgp';
import { ToolkitError } from '../core/index.js';
import type { Keyring } from './keyring.js';

/** Normalise a fingerprint as people type it: upper-case hex, no spaces or `0x`. */
export function normalizeFingerprint(text: string): string {
  return text.replace(/^0x/i, '').replace(/[\s:]/g, '').toUpperCase();
}

/** Read every key in an armored or binary key file. */
export async function readKeyFile(path: string): Promise<Key[]> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new ToolkitError('FILE_NOT_FOUND', `Cannot read the key file ${path}.`, { cause });
  }
  try {
    const text = bytes.toString('latin1');
    return text.includes('-----BEGIN PGP')
      ? await readKeys({ armoredKeys: text })
      : await readKeys({ binaryKeys: new Uint8Array(bytes) });
  } catch (cause) {
    throw new ToolkitError('PGP_KEY_INVALID', `${path} holds no readable OpenPGP key.`, { cause });
  }
}

async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

function matches(key: Key, spec: string): boolean {
  if (spec.includes('@')) {
    const email = spec.toLowerCase();
    return key.users.some((u) => u.userID?.email.toLowerCase() === email);
  }
  const hex = normalizeFingerprint(spec);
  if (!/^[0-9A-F]{8,64}$/.test(hex)) return false;
  const fingerprints = [key.getFingerprint(), ...key.subkeys.map((s) => s.getFingerprint())];
  return fingerprints.some((f) => f.toUpperCase().startsWith(hex) || f.toUpperCase().endsWith(hex));
}

/** Find exactly one key for `spec`; a file path wins over keyring lookups. */
export async function findKey(keyring: Keyring, spec: string): Promise<Key> {
  if (await isFile(spec)) {
    const keys = await readKeyFile(spec);
    if (keys.length !== 1)
      throw new ToolkitError(
        'PGP_KEY_AMBIGUOUS',
        `${spec} holds ${keys.length} keys: import it and pick one.`,
      );
    return keys[0]!;
  }
  const found = (await keyring.list()).filter((k) => matches(k.key, spec));
  if (found.length === 0)
    throw new ToolkitError('PGP_KEY_NOT_FOUND', `No key in ${keyring.dir} matches "${spec}".`, {
      context: { keyring: keyring.dir },
    });
  if (found.length > 1)
    throw new ToolkitError(
      'PGP_KEY_AMBIGUOUS',
      `"${spec}" matches ${found.length} keys: ${found.map((k) => k.fingerprint).join(', ')}.`,
    );
  return found[0]!.key;
}
