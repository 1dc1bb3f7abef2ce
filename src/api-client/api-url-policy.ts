/**
 * Where the client may send credentials: loopback by default; a remote CRM only when asked, and
 * only over https.
 * @module
 */
import { ToolkitError } from '../core/index.js';

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** Parse and check an API base URL; returns it without a trailing slash. */
export function checkApiUrl(url: string, allowRemote: boolean): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch (cause) {
    throw new ToolkitError('USAGE', `--api is not a URL.`, { cause });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new ToolkitError('USAGE', '--api must be an http:// or https:// URL.');
  if (parsed.username || parsed.password || parsed.search)
    throw new ToolkitError('USAGE', '--api must not carry credentials or a query string.');
  if (!isLoopbackHost(parsed.hostname)) {
    if (!allowRemote)
      throw new ToolkitError(
        'API_REMOTE_REFUSED',
        `${parsed.host} is not on this machine: add --allow-remote.`,
      );
    if (parsed.protocol !== 'https:')
      throw new ToolkitError('API_REMOTE_REFUSED', 'A remote CRM is reached over https only.');
  }
  return `${parsed.origin}${parsed.pathname.replace(/\/+$/, '')}`;
}
