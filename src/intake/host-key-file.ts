/**
 * The intake server's host key: read it, or generate an Ed25519 key on first start (0600).
 * @module
 */
import { readFile, writeFile } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';
import { fingerprintOf, sshUtils as utils } from '../transport/index.js';

/** The private key (OpenSSH format) and its public fingerprint. */
export interface HostKey {
  readonly privateKey: string;
  readonly fingerprint: string;
  readonly generated: boolean;
}

/** Draws of a new key before giving up (each fails with probability ~1/256). */
const KEY_ATTEMPTS = 16;

/**
 * A new Ed25519 host key that ssh2 reads back. ssh2's generator strips leading zero bytes from the
 * public key, so about one key in 256 is one its own parser refuses (mscdex/ssh2 issues 1390,
 * 1513): such a key is drawn again before anything is written (a written bad key would fail
 * every later start too).
 */
export function generateHostKey(): string {
  for (let attempt = 0; attempt < KEY_ATTEMPTS; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519');
    const parsed = utils.parseKey(pair.private);
    if (parsed instanceof Error || Array.isArray(parsed)) continue;
    if (utils.parseKey(pair.public) instanceof Error) continue;
    return pair.private;
  }
  throw new ToolkitError('INTERNAL', `No readable Ed25519 host key in ${KEY_ATTEMPTS} attempts.`);
}

/** Load `path`, generating it when it does not exist. */
export async function loadOrCreateHostKey(path: string): Promise<HostKey> {
  let privateKey: string;
  let generated = false;
  try {
    privateKey = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ToolkitError('FILE_UNREADABLE', `Cannot read the host key ${path}.`, { cause: error });
    privateKey = generateHostKey();
    await writeFile(path, privateKey, { mode: 0o600, flag: 'wx' });
    generated = true;
  }
  const parsed = utils.parseKey(privateKey);
  // a public key parses too (hostKey: pointing at the .pub file), but ssh2's server throws on it
  if (parsed instanceof Error || Array.isArray(parsed) || !parsed.isPrivateKey())
    throw new ToolkitError('INTAKE_CONFIG_INVALID', `${path} is not an unencrypted OpenSSH private key.`, {
      cause: parsed,
    });
  return { privateKey, fingerprint: fingerprintOf(parsed.getPublicSSH()), generated };
}
