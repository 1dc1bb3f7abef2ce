/**
 * What `keys show` and `keys list` print about a key: no secret material, ever.
 * @module
 */
import { enums, type Key, type Subkey } from 'openpgp';

/** One primary key or subkey. */
export interface KeyPartInfo {
  readonly fingerprint: string;
  readonly algorithm: string;
  readonly created: string;
  /** Certify, sign, encrypt, authenticate: from the self-signature's key flags. */
  readonly capabilities: readonly string[];
}

/** A key as shown to people. */
export interface KeyInfo extends KeyPartInfo {
  readonly version: number;
  readonly userIds: readonly string[];
  readonly emails: readonly string[];
  readonly hasSecret: boolean;
  /** ISO date, `null` when the key never expires. */
  readonly expires: string | null;
  readonly subkeys: readonly KeyPartInfo[];
  /** Features advertised by the primary self-signature, e.g. `seipdv1-mdc`, `seipdv2`. */
  readonly features: readonly string[];
  /** True when the key advertises SEIPDv2 (RFC 9580 AEAD): only then does kmigrate write AEAD. */
  readonly advertisesSeipdv2: boolean;
}

const FLAG_NAMES: readonly (readonly [number, string])[] = [
  [enums.keyFlags.certifyKeys, 'certify'],
  [enums.keyFlags.signData, 'sign'],
  [enums.keyFlags.encryptCommunication | enums.keyFlags.encryptStorage, 'encrypt'],
  [enums.keyFlags.authentication, 'authenticate'],
];

/** RFC 9580 §5.2.3.32 feature bits (OpenPGP.js does not export them in its types). */
const FEATURE_NAMES: readonly (readonly [number, string])[] = [
  [0x01, 'seipdv1-mdc'],
  [0x02, 'librepgp-ocb'],
  [0x08, 'seipdv2'],
];

function flagsToNames(flags: number | undefined, table: readonly (readonly [number, string])[]): string[] {
  if (flags === undefined) return [];
  return table.filter(([bit]) => (flags & bit) !== 0).map(([, name]) => name);
}

function algorithmName(part: Key | Subkey): string {
  const info = part.getAlgorithmInfo();
  if (info.bits) return `${info.algorithm}-${info.bits}`;
  return info.curve ? `${info.algorithm} (${info.curve})` : info.algorithm;
}

function subkeyInfo(subkey: Subkey): KeyPartInfo {
  const sig = subkey.bindingSignatures[subkey.bindingSignatures.length - 1];
  return {
    fingerprint: subkey.getFingerprint().toUpperCase(),
    algorithm: algorithmName(subkey),
    created: subkey.getCreationTime().toISOString(),
    capabilities: flagsToNames(sig?.keyFlags?.[0], FLAG_NAMES),
  };
}

/** Describe a key (primary + subkeys, flags, expiry, features). */
export async function describeKey(key: Key): Promise<KeyInfo> {
  const primary = await key.getPrimaryUser().catch(() => undefined);
  const selfSig = primary?.selfCertification;
  const expiry = await key.getExpirationTime().catch(() => null);
  const features = flagsToNames(selfSig?.features?.[0], FEATURE_NAMES);
  const userIds = key.getUserIDs();
  return {
    fingerprint: key.getFingerprint().toUpperCase(),
    version: key.keyPacket.version,
    algorithm: algorithmName(key),
    created: key.getCreationTime().toISOString(),
    capabilities: flagsToNames(selfSig?.keyFlags?.[0], FLAG_NAMES),
    userIds,
    emails: key.users.map((u) => u.userID?.email ?? '').filter((e) => e !== ''),
    hasSecret: key.isPrivate(),
    expires: expiry instanceof Date ? expiry.toISOString() : null,
    subkeys: key.subkeys.map(subkeyInfo),
    features,
    advertisesSeipdv2: features.includes('seipdv2'),
  };
}
