/**
 * SFTP credentials from the environment or files only, never argv. The secret values are wrapped
 * so that printing, logging or JSON-serialising them shows `[redacted]`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';

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
