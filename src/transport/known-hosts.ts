/**
 * Read OpenSSH known_hosts files: plain (`host,[host]:port type key`) and hashed (`|1|salt|hash`)
 * host fields; `@cert-authority` and `@revoked` lines are skipped (never trusted).
 * @module
 */
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ToolkitError } from '../core/index.js';

/** One key listed for a host. */
export interface KnownHostEntry {
  readonly keyType: string;
  readonly blob: Buffer;
}

/** How known_hosts names a host on a port. */
export function knownHostName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function patternMatches(pattern: string, name: string): boolean {
  if (pattern.startsWith('|1|')) {
    const [, , salt, hash] = pattern.split('|');
    if (!salt || !hash) return false;
    const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return mac === hash;
  }
  return pattern.split(',').some((p) => p === name);
}

/** The keys listed for `host`:`port` in known_hosts text. */
export function parseKnownHosts(text: string, host: string, port: number): KnownHostEntry[] {
  const name = knownHostName(host, port);
  const entries: KnownHostEntry[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith('@')) continue;
    const [hosts, keyType, key] = line.split(/\s+/);
    if (!hosts || !keyType || !key || !patternMatches(hosts, name)) continue;
    entries.push({ keyType, blob: Buffer.from(key, 'base64') });
  }
  return entries;
}

/** Read a known_hosts file and keep the entries for `host`:`port`. */
export async function readKnownHosts(path: string, host: string, port: number): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readFile(path, 'utf8'), host, port);
  } catch (cause) {
    throw new ToolkitError('FILE_UNREADABLE', `Cannot read the known_hosts file ${path}.`, { cause });
  }
}

/** Pins for one host from `--host-key` fingerprints and an optional known_hosts file. */
export async function loadHostKeyPins(
  host: string,
  port: number,
  sources: { readonly fingerprints?: readonly string[]; readonly knownHostsFile?: string | undefined },
): Promise<{ fingerprints: readonly string[]; knownHosts: readonly KnownHostEntry[] }> {
  const fingerprints = sources.fingerprints ?? [];
  for (const f of fingerprints)
    if (!/^SHA256:[A-Za-z0-9+/]{43}=?$/.test(f))
      throw new ToolkitError(
        'USAGE',
        `--host-key ${f} is not an OpenSSH SHA256 fingerprint (SHA256:…, 43 characters).`,
      );
  const knownHosts = sources.knownHostsFile ? await readKnownHosts(sources.knownHostsFile, host, port) : [];
  return { fingerprints, knownHosts };
}
