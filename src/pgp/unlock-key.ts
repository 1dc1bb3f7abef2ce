/**
 * Unlock a private key with the passphrase, with coded errors for the two ways it fails.
 * @module
 */
import { decryptKey, type Key, type PrivateKey } from 'openpgp';
import { ToolkitError } from '../core/index.js';
import type { Passphrase } from './passphrase.js';
import { installStreamingS2k } from './streaming-s2k.js';

/** A usable (decrypted) private key for signing or decrypting. */
export async function unlockKey(key: Key, passphrase: Passphrase | undefined): Promise<PrivateKey> {
  const fingerprint = key.getFingerprint().toUpperCase();
  if (!key.isPrivate())
    throw new ToolkitError('PGP_KEY_INVALID', `Key ${fingerprint} has no private part in the keyring.`);
  if (key.isDecrypted()) return key;
  if (passphrase === undefined)
    throw new ToolkitError(
      'PGP_PASSPHRASE_MISSING',
      `The private key ${fingerprint} is protected: set KMIGRATE_PGP_PASSPHRASE or use --passphrase-file.`,
    );
  installStreamingS2k(key);
  try {
    return await decryptKey({ privateKey: key, passphrase: passphrase.reveal() });
  } catch (cause) {
    throw new ToolkitError('PGP_PASSPHRASE_WRONG', `The passphrase does not unlock key ${fingerprint}.`, {
      cause,
    });
  }
}
