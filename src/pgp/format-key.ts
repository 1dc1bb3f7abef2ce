/**
 * Human-readable renderings of {@link KeyInfo} for `keys list` and `keys show`.
 * @module
 */
import type { KeyInfo } from './key-info.js';

/** Group a fingerprint in blocks of four, as GnuPG prints it. */
export function groupFingerprint(fingerprint: string): string {
  return fingerprint.replace(/(.{4})(?=.)/g, '$1 ');
}

/** One line per key. */
export function formatKeyLine(info: KeyInfo): string {
  const kind = info.hasSecret ? 'sec' : 'pub';
  const expiry = info.expires ? ` expires ${info.expires.slice(0, 10)}` : '';
  return `${kind} ${info.fingerprint}  ${info.algorithm}  v${info.version}  ${info.userIds[0] ?? '(no user ID)'}${expiry}`;
}

/** The full description. */
export function formatKeyDetails(info: KeyInfo): string {
  const lines = [
    `fingerprint  ${groupFingerprint(info.fingerprint)}`,
    `version      v${info.version}${info.version === 4 ? ' (GnuPG 2.2/2.4 compatible)' : ' (GnuPG 2.2/2.4 cannot use it)'}`,
    `type         ${info.hasSecret ? 'private key (passphrase-protected) + public key' : 'public key'}`,
    `algorithm    ${info.algorithm}`,
    `created      ${info.created}`,
    `expires      ${info.expires ?? 'never'}`,
    `capabilities ${info.capabilities.join(', ') || '(none)'}`,
    ...info.userIds.map((u) => `user ID      ${u}`),
    ...info.subkeys.map(
      (s) => `subkey       ${s.fingerprint}  ${s.algorithm}  ${s.capabilities.join(', ') || '(no flags)'}`,
    ),
    `features     ${info.features.join(', ') || '(none advertised)'}`,
    `AEAD         ${
      info.advertisesSeipdv2
        ? 'advertises SEIPDv2: kmigrate encrypts to it with AEAD (GnuPG cannot read that)'
        : 'no SEIPDv2: kmigrate encrypts to it with SEIPDv1 + MDC (GnuPG-compatible)'
    }`,
  ];
  return `${lines.join('\n')}\n`;
}
