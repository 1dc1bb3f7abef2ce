/**
 * API credentials from the environment or a file (never argv). The password is kept out of
 * toString/JSON/inspection.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';

/** A loginId and a password that does not print. */
export class ApiCredentials {
  readonly loginId: string;
  readonly #password: string;

  constructor(loginId: string, password: string) {
    this.loginId = loginId;
    this.#password = password;
  }

  /** The password, for the form body only. */
  revealPassword(): string {
    return this.#password;
  }

  toString(): string {
    return `ApiCredentials(${this.loginId}, ***)`;
  }

  toJSON(): { loginId: string; password: string } {
    return { loginId: this.loginId, password: '***' };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return this.toString();
  }
}

/**
 * From `file` (lines `KMIGRATE_API_LOGIN_ID=…` / `KMIGRATE_API_PASSWORD=…`, or JSON
 * `{"loginId","password"}`) when given, else from the environment.
 */
export async function loadApiCredentials(
  env: Readonly<Record<string, string | undefined>>,
  file?: string,
): Promise<ApiCredentials> {
  let loginId = env.KMIGRATE_API_LOGIN_ID;
  let password = env.KMIGRATE_API_PASSWORD;
  if (file !== undefined) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (cause) {
      throw new ToolkitError('FILE_UNREADABLE', `Cannot read the credentials file ${file}.`, { cause });
    }
    const parsed = parseCredentials(text);
    if (parsed === null)
      throw new ToolkitError('API_CREDENTIALS_MISSING', `The credentials file ${file} is not valid JSON.`);
    loginId = parsed.loginId;
    password = parsed.password;
    if (!loginId || !password)
      throw new ToolkitError(
        'API_CREDENTIALS_MISSING',
        `The credentials file ${file} lacks ${loginId ? 'the password' : 'the login ID'}: write KMIGRATE_API_LOGIN_ID=… and KMIGRATE_API_PASSWORD=… lines, or JSON {"loginId": …, "password": …}.`,
      );
  }
  if (!loginId || !password)
    throw new ToolkitError(
      'API_CREDENTIALS_MISSING',
      'Set KMIGRATE_API_LOGIN_ID and KMIGRATE_API_PASSWORD, or give --credentials-file.',
    );
  return new ApiCredentials(loginId, password);
}

/** The file's login ID and password (either may be missing); null for a file that is broken JSON. */
function parseCredentials(text: string): { loginId?: string; password?: string } | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      const obj = JSON.parse(trimmed) as Record<string, unknown>;
      // the JSON keys, or the environment variables' names
      const login = obj.loginId ?? obj.KMIGRATE_API_LOGIN_ID;
      const password = obj.password ?? obj.KMIGRATE_API_PASSWORD;
      return {
        ...(typeof login === 'string' ? { loginId: login } : {}),
        ...(typeof password === 'string' ? { password } : {}),
      };
    } catch {
      return null;
    }
  }
  const out: { loginId?: string; password?: string } = {};
  for (const line of trimmed.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Z_]+)\s*=\s*(.*?)\s*$/.exec(line);
    const value = m?.[2]?.replace(/^(['"])(.*)\1$/, '$2');
    if (m?.[1] === 'KMIGRATE_API_LOGIN_ID' && value) out.loginId = value;
    if (m?.[1] === 'KMIGRATE_API_PASSWORD' && value) out.password = value;
  }
  return out;
}
