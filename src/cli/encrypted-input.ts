/**
 * Encrypted inputs: a CSV that is an OpenPGP message (by its first bytes, whatever its name) is
 * decrypted in a stream, so a plaintext export never touches the disk. The plaintext is
 * untrusted until the stream ends: an integrity failure throws at the end, and callers discard
 * everything they built from it (check reports nothing; build writes only `.partial` files).
 * @module
 */
import { open, stat } from 'node:fs/promises';
import type { CliIo } from './io.js';

/**
 * OpenPGP.js is loaded only for inputs that may be OpenPGP messages: a binary packet starts with
 * a byte that has its top bit set; an armored one with "-----BEGIN PGP" (after a BOM or
 * whitespace). Anything else is plaintext without asking the library.
 */
function mayBePgp(start: Uint8Array): boolean {
  if ((start[0] ?? 0) >= 0x80 && !(start[0] === 0xef && start[1] === 0xbb && start[2] === 0xbf)) return true;
  return Buffer.from(start)
    .toString('latin1')
    .replace(/^\xEF\xBB\xBF/, '')
    .trimStart()
    .startsWith('-----BEGIN PGP');
}

/** Keyring and passphrase options shared by commands that read inputs. */
export interface PgpInputOptions {
  readonly keyring?: string;
  readonly passphraseFile?: string;
}

async function head(path: string): Promise<Uint8Array | null> {
  try {
    // a named pipe or a device is not opened: opening a FIFO waits for a writer (for ever), and a
    // blocked open keeps even a stopped process from exiting; the CSV reader refuses such a path
    if (!(await stat(path)).isFile()) return null;
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

/**
 * True when the file starts like an OpenPGP encrypted message: an armor line, or a binary first
 * packet that parses as one (its tag byte alone is not enough: a Windows-1252 export starting
 * with É, Á or Ò has the byte of an encryption packet's tag).
 */
export async function isEncryptedFile(path: string): Promise<boolean> {
  const start = await head(path);
  if (start === null || start.length === 0 || !mayBePgp(start)) return false;
  const { classifyStart, startsEncryptedMessage } = await import('../pgp/index.js');
  try {
    if (classifyStart(start) === 'armored') return true;
  } catch {
    return false;
  }
  return startsEncryptedMessage(start);
}

/** The path itself, or a decrypting byte stream when the file is an OpenPGP message. */
export async function openInput(
  path: string,
  io: CliIo,
  opts: PgpInputOptions,
): Promise<string | AsyncIterable<Uint8Array>> {
  if (!(await isEncryptedFile(path))) return path;
  const { decryptToStream, Keyring, readPassphrase, resolveKeyringDir } = await import('../pgp/index.js');
  const keyring = new Keyring(resolveKeyringDir(opts.keyring, io.env));
  const passphrase = await readPassphrase({ env: io.env, file: opts.passphraseFile });
  return decryptToStream(path, { keyring, passphrase }).plaintext;
}
