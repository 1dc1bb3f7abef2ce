/**
 * Encrypted inputs: a CSV that is an OpenPGP message (by its first bytes, whatever its name) is
 * decrypted in a stream, so a plaintext export never touches the disk. The plaintext is
 * untrusted until the stream ends: an integrity failure throws at the end, and callers discard
 * everything they built from it (check reports nothing; build writes only `.partial` files).
 * @module
 */
import { open } from 'node:fs/promises';
import { classifyStart, decryptToStream, Keyring, readPassphrase, resolveKeyringDir } from '../pgp/index.js';
import type { CliIo } from './io.js';

/** Keyring and passphrase options shared by commands that read inputs. */
export interface PgpInputOptions {
  readonly keyring?: string;
  readonly passphraseFile?: string;
}

async function head(path: string): Promise<Uint8Array | null> {
  try {
    const fh = await open(path, 'r');
    try {
      const buf = new Uint8Array(256);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      return buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch {
    return null; // the CSV reader reports missing or unreadable files with its own codes
  }
}

/** True when the file starts like an OpenPGP encrypted message (armored or binary). */
export async function isEncryptedFile(path: string): Promise<boolean> {
  const start = await head(path);
  if (start === null || start.length === 0) return false;
  try {
    classifyStart(start);
    return true;
  } catch {
    return false;
  }
}

/** The path itself, or a decrypting byte stream when the file is an OpenPGP message. */
export async function openInput(
  path: string,
  io: CliIo,
  opts: PgpInputOptions,
): Promise<string | AsyncIterable<Uint8Array>> {
  if (!(await isEncryptedFile(path))) return path;
  const keyring = new Keyring(resolveKeyringDir(opts.keyring, io.env));
  const passphrase = await readPassphrase({ env: io.env, file: opts.passphraseFile });
  return decryptToStream(path, { keyring, passphrase }).plaintext;
}
