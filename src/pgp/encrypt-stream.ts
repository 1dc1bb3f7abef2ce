/**
 * `encryptToStream`: encrypt bytes to one or more public keys, optionally signed, as a stream.
 * Writes v4 + SEIPDv1 (MDC) unless every recipient advertises SEIPDv2.
 * @module
 */
import { createMessage, encrypt, type Key, type PrivateKey } from 'openpgp';
import { ToolkitError } from '../core/index.js';
import { asPlainBytes, type ByteInput, openBytes } from './byte-input.js';
import { describeKey } from './key-info.js';
import { writeConfig } from './pgp-config.js';
import { toPgpError } from './pgp-error.js';

/** Options for {@link encryptToStream}. */
export interface EncryptOptions {
  readonly recipients: readonly Key[];
  /** An unlocked private key to sign with (see `unlockKey`). */
  readonly signWith?: PrivateKey | undefined;
  readonly armor?: boolean | undefined;
}

/** The ciphertext stream and the format chosen. */
export interface EncryptedStream {
  readonly ciphertext: AsyncIterable<Uint8Array | string>;
  /** `seipdv1` (GnuPG-readable) or `seipdv2` (RFC 9580 AEAD). */
  readonly format: 'seipdv1' | 'seipdv2';
}

/** Throw PGP_KEY_INVALID unless `key` can encrypt now (not expired, not revoked, an encryption key). */
export async function assertCanEncrypt(key: Key): Promise<void> {
  try {
    await key.getEncryptionKey();
  } catch (cause) {
    throw new ToolkitError(
      'PGP_KEY_INVALID',
      `Key ${key.getFingerprint().toUpperCase()} cannot encrypt (expired, revoked or no encryption subkey).`,
      { cause },
    );
  }
}

async function* bytesOf(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) yield asPlainBytes(chunk);
}

/** Encrypt `input` (path or bytes). Nothing is read until `ciphertext` is iterated. */
export async function encryptToStream(input: ByteInput, options: EncryptOptions): Promise<EncryptedStream> {
  if (options.recipients.length === 0) throw new ToolkitError('USAGE', 'Give at least one recipient key.');
  for (const key of options.recipients) await assertCanEncrypt(key);
  const infos = await Promise.all(options.recipients.map(describeKey));
  const useSeipdv2 = infos.every((i) => i.advertisesSeipdv2);
  const source = await openBytes(input);
  const binary = ReadableStream.from(bytesOf(source));
  try {
    const message = await createMessage({ binary, format: 'binary' });
    const common = {
      message,
      encryptionKeys: [...options.recipients],
      ...(options.signWith ? { signingKeys: options.signWith } : {}),
      config: writeConfig(useSeipdv2),
    };
    const ciphertext = options.armor
      ? await encrypt({ ...common, format: 'armored' })
      : await encrypt({ ...common, format: 'binary' });
    return {
      ciphertext: ciphertext as AsyncIterable<Uint8Array | string>,
      format: useSeipdv2 ? 'seipdv2' : 'seipdv1',
    };
  } catch (error) {
    throw toPgpError(error, 'PGP_KEY_INVALID');
  }
}
