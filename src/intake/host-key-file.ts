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

/** Load `path`, generating it when it does not exist. */
export async function loadOrCreateHostKey(path: string): Promise<HostKey> {
  let privateKey: string;
  let generated = false;
  try {
    privateKey = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new ToolkitError('FILE_UNREADABLE', `Cannot read the host key ${path}.`, { cause: error });
    privateKey = utils.generateKeyPairSync('ed25519').private;
    await writeFile(path, privateKey, { mode: 0o600, flag: 'wx' });
    generated = true;
  }
  const parsed = utils.parseKey(privateKey);
  if (parsed instanceof Error || Array.isArray(parsed))
    throw new ToolkitError('INTAKE_CONFIG_INVALID', `${path} is not an unencrypted OpenSSH private key.`, {
      cause: parsed,
    });
  return { privateKey, fingerprint: fingerprintOf(parsed.getPublicSSH()), generated };
}
