/**
 * The workspace keyring: a folder (mode 0700) of armored keys, one file per key named by its
 * fingerprint (`<FPR>.asc`, mode 0600). A file holds the private key (still passphrase-encrypted)
 * when we have it, else the public key.
 * @module
 */
import { chmod, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { type Key, readKey } from 'openpgp';
import { ToolkitError } from '../core/index.js';

/** The environment variable that overrides the keyring folder. */
export const KEYRING_ENV = 'KMIGRATE_KEYRING';

/** The keyring folder: `--keyring`, else KMIGRATE_KEYRING, else `.kmigrate/keys` under `cwd`. */
export function resolveKeyringDir(
  flag: string | undefined,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): string {
  return resolve(cwd, flag ?? env[KEYRING_ENV] ?? join('.kmigrate', 'keys'));
}

/** A key stored in the keyring. */
export interface StoredKey {
  readonly fingerprint: string;
  readonly key: Key;
  readonly path: string;
}

/** A keyring folder. Reads are fresh each time: the folder is the only state. */
export class Keyring {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  /** Every key in the folder, sorted by fingerprint. Unreadable files are a coded error. */
  async list(): Promise<StoredKey[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    const files = names.filter((n) => /^[0-9A-F]{40,64}\.asc$/.test(n)).sort();
    return Promise.all(files.map((name) => this.#load(join(this.dir, name))));
  }

  async #load(path: string): Promise<StoredKey> {
    try {
      const key = await readKey({ armoredKey: await readFile(path, 'utf8') });
      return { fingerprint: key.getFingerprint().toUpperCase(), key, path };
    } catch (cause) {
      throw new ToolkitError('PGP_KEY_INVALID', `The keyring file ${path} is not a readable key.`, { cause });
    }
  }

  /**
   * Store a key (merging nothing: a private key replaces a public one, a public key never
   * replaces a stored private key). Returns the stored entry.
   */
  async add(key: Key): Promise<StoredKey> {
    const fingerprint = key.getFingerprint().toUpperCase();
    const path = join(this.dir, `${fingerprint}.asc`);
    const existing = (await this.list()).find((k) => k.fingerprint === fingerprint);
    if (existing?.key.isPrivate() && !key.isPrivate()) return existing;
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    await chmod(this.dir, 0o700);
    const temp = `${path}.${process.pid}.tmp`;
    try {
      await writeFile(temp, key.armor(), { mode: 0o600, flag: 'wx' });
      await rename(temp, path);
    } catch (cause) {
      throw new ToolkitError('FILE_UNWRITABLE', `Cannot write to the keyring ${this.dir}.`, { cause });
    }
    return { fingerprint, key, path };
  }
}
