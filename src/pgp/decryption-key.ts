/**
 * Pick and unlock the keyring's private key that the message was encrypted to.
 * @module
 */
import type { Message, PrivateKey } from 'openpgp';
import { ToolkitError } from '../core/index.js';
import type { Keyring } from './keyring.js';
import type { Passphrase } from './passphrase.js';
import { unlockKey } from './unlock-key.js';

/** The unlocked private keys able to decrypt `message` (usually one). */
export async function decryptionKeysFor(
  message: Message<ReadableStream<Uint8Array>>,
  keyring: Keyring,
  passphrase: Passphrase | undefined,
): Promise<PrivateKey[]> {
  const ids = message.getEncryptionKeyIDs();
  if (ids.length === 0)
    throw new ToolkitError('PGP_WRONG_KEY', 'The message is encrypted with a password, not to a key.');
  const secrets = (await keyring.list()).filter((k) => k.key.isPrivate());
  const wildcard = ids.some((id) => /^0+$/.test(id.toHex()));
  const matching = secrets.filter((k) => wildcard || ids.some((id) => k.key.getKeys(id).length > 0));
  if (matching.length === 0)
    throw new ToolkitError(
      'PGP_WRONG_KEY',
      `The message is encrypted to key ID(s) ${ids.map((id) => id.toHex().toUpperCase()).join(', ')}; ` +
        `no private key for them in ${keyring.dir}.`,
      { context: { keyring: keyring.dir } },
    );
  // Several keys may match (a hidden recipient matches every private key): the passphrase need
  // open only one of them. A key it does not open fails the run only when none opens.
  const unlocked: PrivateKey[] = [];
  let failure: unknown;
  for (const stored of matching)
    await unlockKey(stored.key, passphrase).then(
      (key) => unlocked.push(key),
      (error: unknown) => {
        failure ??= error;
      },
    );
  if (unlocked.length === 0) throw failure;
  return unlocked;
}
