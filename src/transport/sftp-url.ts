/**
 * Parse `sftp://USER@HOST[:PORT]/PATH`. A password in the URL is refused: secrets come only from
 * the environment or files.
 * @module
 */
import { ToolkitError } from '../core/index.js';

/** A parsed SFTP address. */
export interface SftpAddress {
  readonly user: string;
  readonly host: string;
  readonly port: number;
  /** Absolute (`/in`), or relative to the login folder when the URL says `/~/in`. */
  readonly path: string;
}

/** Percent-decode a URL part; a malformed escape (`%zz`) is SFTP_URL_INVALID. */
function decoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch (cause) {
    throw new ToolkitError('SFTP_URL_INVALID', `Malformed %-escape in the sftp:// URL: ${part}`, { cause });
  }
}

/** Parse an `sftp://` URL. */
export function parseSftpUrl(text: string): SftpAddress {
  let url: URL;
  try {
    url = new URL(text);
  } catch (cause) {
    throw new ToolkitError('SFTP_URL_INVALID', `Not a URL: expected sftp://USER@HOST[:PORT]/PATH.`, {
      cause,
    });
  }
  if (url.protocol !== 'sftp:' || url.hostname === '' || url.username === '')
    throw new ToolkitError(
      'SFTP_URL_INVALID',
      'Expected sftp://USER@HOST[:PORT]/PATH (the user is required).',
    );
  if (url.password !== '')
    throw new ToolkitError(
      'SFTP_URL_INVALID',
      'Never put a password in the URL: use KMIGRATE_SFTP_PASSWORD or --password-file.',
    );
  // a raw ? or # ends the path (`/in/a#1.csv` is `/in/a`): another file would be fetched
  if (/[?#]/.test(text))
    throw new ToolkitError(
      'SFTP_URL_INVALID',
      'A ? or # in an sftp:// URL ends the path: write them in a file name as %3F and %23.',
    );
  const raw = decoded(url.pathname) || '/';
  // As curl does: the path is absolute; /~/x is relative to the login folder.
  const path = raw === '/~' || raw.startsWith('/~/') ? raw.slice(3) || '.' : raw;
  return {
    user: decoded(url.username),
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port === '' ? 22 : Number(url.port),
    path,
  };
}

/** The address as text, without secrets. */
export function formatSftpAddress(a: SftpAddress): string {
  const path = a.path.startsWith('/') ? a.path : `/~/${a.path === '.' ? '' : a.path}`;
  return `sftp://${a.user}@${a.host}${a.port === 22 ? '' : `:${a.port}`}${path}`;
}
