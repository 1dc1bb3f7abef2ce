/**
 * Generate a v4 key pair GnuPG 2.2/2.4 can use: ed25519 + cv25519 (legacy curve encodings,
 * which every GnuPG 2.2+ reads) or RSA-4096. The private key is always passphrase-protected.
 * @module
 */
import { generateKey, type PrivateKey } from 'openpgp';
import { ToolkitError } from '../core/index.js';
import type { Passphrase } from './passphrase.js';
import { writeConfig } from './pgp-config.js';

/** Options for {@link generateKeyPair}. */
export interface GenerateKeyOptions {
  readonly name: string;
  readonly email: string;
  readonly passphrase: Passphrase;
  readonly rsa?: boolean | undefined;
  /** Key lifetime in days; 0 or undefined = no expiry. */
  readonly expiresDays?: number | undefined;
}

/** A new private key (encrypted with the passphrase). */
export async function generateKeyPair(options: GenerateKeyOptions): Promise<PrivateKey> {
  if (!/^[^\s@<>]+@[^\s@<>]+$/.test(options.email))
    throw new ToolkitError('USAGE', 'The e-mail address is not valid.');
  // a name holding <…> makes a user ID ("A <x@y> <e@f>") in which neither address is found
  if (options.name.trim() === '' || /[<>@]/.test(options.name))
    throw new ToolkitError(
      'USAGE',
      'The name must be plain text (no <, > or @; the e-mail goes in --email).',
    );
  if (options.passphrase.reveal().length < 8)
    throw new ToolkitError('USAGE', 'The passphrase must be at least 8 characters long.');
  const { privateKey } = await generateKey({
    userIDs: [{ name: options.name, email: options.email }],
    ...(options.rsa
      ? { type: 'rsa' as const, rsaBits: 4096 }
      : { type: 'ecc' as const, curve: 'curve25519Legacy' as const }),
    passphrase: options.passphrase.reveal(),
    keyExpirationTime: (options.expiresDays ?? 0) * 86_400,
    format: 'object',
    config: writeConfig(false),
  });
  return privateKey;
}
