/**
 * SFTP credentials from the environment or files only, never argv. The secret values are wrapped
 * so that printing, logging or JSON-serialising them shows `[redacted]`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';
import { sshUtils } from './ssh2-runtime.js';

/** The environment variable holding the SFTP password. */
export const SFTP_PASSWORD_ENV = 'KMIGRATE_SFTP_PASSWORD';
/** The environment variable holding the passphrase of an encrypted `--identity` key. */
export const SFTP_KEY_PASSPHRASE_ENV = 'KMIGRATE_SFTP_KEY_PASSPHRASE';

/** A secret string that never shows itself by accident. */
export class SecretText {
  readonly #value: string;
  constructor(value: string) {
    this.#value = value;
  }
  /** The secret itself: pass it straight to the library that needs it. */
  reveal(): string {
    return this.#value;
  }
  toString(): string {
    return '[redacted]';
  }
  toJSON(): string {
    return '[redacted]';
  }
}

/** What the client logs in with. */
export interface SftpCredentials {
  readonly password?: SecretText;
  readonly privateKey?: Buffer;
  readonly passphrase?: SecretText;
}

/** Where credentials may come from. */
export interface CredentialSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly passwordFile?: string | undefined;
  readonly identityFile?: string | undefined;
}

async function readSecretFile(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (cause) {
    throw new ToolkitError('FILE_UNREADABLE', `Cannot read the ${what} file ${path}.`, { cause });
  }
}

/**
 * Refuse an --identity file that is not a private key ssh2 can use, before any connection: an
 * encrypted key without its passphrase, a wrong passphrase, or a file that is no key at all.
 */
function checkIdentity(key: Buffer, passphrase: string | undefined, path: string): void {
  const parsed = sshUtils.parseKey(key, passphrase);
  if (!(parsed instanceof Error)) return;
  const encrypted = /encrypted|passphrase/i.test(parsed.message);
  const why = encrypted
    ? passphrase === undefined
      ? `it is encrypted: set ${SFTP_KEY_PASSPHRASE_ENV} to its passphrase`
      : `the passphrase in ${SFTP_KEY_PASSPHRASE_ENV} does not open it`
    : 'it is not an SSH private key ssh2 can read (OpenSSH, PEM or PuTTY format)';
  throw new ToolkitError('SFTP_CREDENTIALS_MISSING', `The identity file ${path} cannot be used: ${why}.`, {
    context: { path },
  });
}

/** Gather credentials; at least a password or a key is required. */
export async function loadSftpCredentials(sources: CredentialSources): Promise<SftpCredentials> {
  const fromFile =
    sources.passwordFile === undefined
      ? undefined
      : (await readSecretFile(sources.passwordFile, 'password')).toString('utf8').replace(/\r?\n$/, '');
  const password = fromFile ?? sources.env[SFTP_PASSWORD_ENV];
  const privateKey =
    sources.identityFile === undefined ? undefined : await readSecretFile(sources.identityFile, 'identity');
  const passphrase = sources.env[SFTP_KEY_PASSPHRASE_ENV];
  if (privateKey !== undefined) checkIdentity(privateKey, passphrase, sources.identityFile ?? '');
  if ((password === undefined || password === '') && privateKey === undefined)
    throw new ToolkitError(
      'SFTP_CREDENTIALS_MISSING',
      `No credentials: set ${SFTP_PASSWORD_ENV}, or give --password-file or --identity.`,
    );
  return {
    ...(password ? { password: new SecretText(password) } : {}),
    ...(privateKey ? { privateKey } : {}),
    ...(passphrase ? { passphrase: new SecretText(passphrase) } : {}),
  };
}
