/**
 * The PGP passphrase as a branded secret: it never prints, never serialises, and is read only
 * from the environment or a file, never from argv.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';

const REDACTED = '[redacted passphrase]';

/** A passphrase that refuses to show itself in logs, messages or JSON. */
export class Passphrase {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The secret itself: pass it only to OpenPGP.js. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return REDACTED;
  }
}

/** Where a passphrase may come from. */
export interface PassphraseSource {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly file?: string | undefined;
}

/** The environment variable holding the passphrase. */
export const PASSPHRASE_ENV = 'KMIGRATE_PGP_PASSPHRASE';

/**
 * Read the passphrase from `--passphrase-file` (first line, trailing newline dropped) or
 * KMIGRATE_PGP_PASSPHRASE; `undefined` when neither is set.
 */
export async function readPassphrase(source: PassphraseSource): Promise<Passphrase | undefined> {
  if (source.file !== undefined) {
    let text: string;
    try {
      text = await readFile(source.file, 'utf8');
    } catch (cause) {
      throw new ToolkitError('FILE_UNREADABLE', `Cannot read the passphrase file ${source.file}.`, { cause });
    }
    const line = text.split(/\r?\n/)[0] ?? '';
    if (line === '')
      throw new ToolkitError('PGP_PASSPHRASE_MISSING', `The passphrase file ${source.file} is empty.`);
    return new Passphrase(line);
  }
  const value = source.env[PASSPHRASE_ENV];
  return value === undefined || value === '' ? undefined : new Passphrase(value);
}

/** Like {@link readPassphrase} but a missing passphrase is a coded error. */
export async function requirePassphrase(source: PassphraseSource, why: string): Promise<Passphrase> {
  const passphrase = await readPassphrase(source);
  if (passphrase === undefined)
    throw new ToolkitError(
      'PGP_PASSPHRASE_MISSING',
      `${why} needs a passphrase: set ${PASSPHRASE_ENV} or use --passphrase-file.`,
    );
  return passphrase;
}
