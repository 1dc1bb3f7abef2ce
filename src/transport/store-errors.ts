/**
 * Map Node and SFTP status errors onto the `SFTP_*` codes, so every adapter fails alike.
 * @module
 */
import { ToolkitError } from '../core/index.js';

const NOT_FOUND = new Set(['ENOENT', 'ENOTDIR', 2]);
const DENIED = new Set(['EACCES', 'EPERM', 'EISDIR', 'ELOOP', 3]);
const DROPPED = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNREFUSED', 6, 7]);

function codeOf(error: unknown): string | number | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const code = (error as { code: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? code : undefined;
}

/** A `ToolkitError` for a failed operation on `path` (the path is shown, never file contents). */
export function storeError(error: unknown, operation: string, path: string): ToolkitError {
  if (error instanceof ToolkitError) return error;
  const code = codeOf(error);
  const context = { operation, path };
  // '' is the store's root: the folder of the sftp:// URL (`mkdir : no such file` said nothing)
  const shown = path === '' ? '(the destination folder)' : path;
  if (code !== undefined && NOT_FOUND.has(code))
    return new ToolkitError('SFTP_NOT_FOUND', `${operation} ${shown}: no such file or folder.`, {
      cause: error,
      context,
    });
  if (code !== undefined && DENIED.has(code))
    return new ToolkitError('SFTP_PERMISSION_DENIED', `${operation} ${shown}: refused by the server.`, {
      cause: error,
      context,
    });
  const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
  const dropped =
    (code !== undefined && DROPPED.has(code)) || /No response|not connected|closed|ended/i.test(detail ?? '');
  return new ToolkitError(
    dropped ? 'SFTP_CONNECT_FAILED' : 'SFTP_TRANSFER_FAILED',
    `${operation} ${shown} failed: ${detail}`,
    { cause: error, context },
  );
}
