/**
 * Host key fingerprints in OpenSSH's form (`SHA256:` + unpadded base64 of the key blob's hash)
 * and the pin check: a pinned fingerprint or known_hosts entries decide, anything else refuses.
 * @module
 */
import { createHash } from 'node:crypto';
import { ToolkitError } from '../core/index.js';
import type { KnownHostEntry } from './known-hosts.js';

/** The OpenSSH SHA-256 fingerprint of a public key blob. */
export function fingerprintOf(blob: Uint8Array): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** What the client trusts for one host. */
export interface HostKeyPins {
  /** Accepted fingerprints (`SHA256:…`), e.g. from `--host-key`. */
  readonly fingerprints: readonly string[];
  /** known_hosts entries that name this host. */
  readonly knownHosts: readonly KnownHostEntry[];
}

function sameFingerprint(a: string, b: string): boolean {
  return a.replace(/=+$/, '') === b.replace(/=+$/, '');
}

/** Throws `SFTP_HOST_KEY_UNKNOWN` or `SFTP_HOST_KEY_MISMATCH` unless `blob` is pinned. */
export function checkHostKey(host: string, blob: Uint8Array, pins: HostKeyPins): void {
  const seen = fingerprintOf(blob);
  if (pins.fingerprints.some((f) => sameFingerprint(f, seen))) return;
  if (pins.knownHosts.some((k) => Buffer.compare(k.blob, blob) === 0)) return;
  const context = { host, fingerprint: seen };
  if (pins.fingerprints.length > 0 || pins.knownHosts.length > 0)
    throw new ToolkitError(
      'SFTP_HOST_KEY_MISMATCH',
      `The host key of ${host} is ${seen}, which is not the pinned key: refused (possible interception).`,
      { context },
    );
  throw new ToolkitError(
    'SFTP_HOST_KEY_UNKNOWN',
    `The host key of ${host} is ${seen}. Check it with the server's owner, then pass --host-key ${seen}.`,
    { context },
  );
}
