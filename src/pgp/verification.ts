/**
 * Signature verification results, computed from OpenPGP.js's per-signature promises once the
 * plaintext has been read to the end.
 * @module
 */
import type { decrypt, Key } from 'openpgp';

type OpenPgpVerification = Awaited<ReturnType<typeof decrypt>>['signatures'][number];

/** What we know about the message's signatures. */
export type VerificationStatus =
  /** At least one signature verifies with an accepted key. */
  | 'valid'
  /** The message carries no signature. */
  | 'unsigned'
  /** Signed, but by none of the accepted keys. */
  | 'unknown-signer'
  /** A signature from an accepted key does not verify. */
  | 'bad'
  /** Decryption failed or the plaintext was not read to the end: nothing is known. */
  | 'incomplete';

/** The outcome of signature verification. */
export interface VerificationResult {
  readonly status: VerificationStatus;
  /** Fingerprint of the accepted key that made a valid signature, else `null`. */
  readonly signerFingerprint: string | null;
  /** Key IDs (hex) named by the message's signatures. */
  readonly signerKeyIds: readonly string[];
}

/** The result when nothing could be checked. */
export const INCOMPLETE: VerificationResult = {
  status: 'incomplete',
  signerFingerprint: null,
  signerKeyIds: [],
};

type Outcome = 'valid' | 'unknown' | 'bad';

function settle(signature: OpenPgpVerification): Promise<Outcome> {
  return signature.verified.then(
    () => 'valid' as const,
    (error: unknown) =>
      error instanceof Error && /could not find signing key/i.test(error.message) ? 'unknown' : 'bad',
  );
}

/**
 * Start settling the signatures now (so no promise is left unhandled) and return a function
 * that yields the result; call it only after the data stream has ended.
 */
export function watchSignatures(
  signatures: readonly OpenPgpVerification[],
  acceptedKeys: readonly Key[],
): () => Promise<VerificationResult> {
  const outcomes = Promise.all(signatures.map(settle));
  return async () => {
    const results = await outcomes;
    const signerKeyIds = signatures.map((s) => s.keyID.toHex().toUpperCase());
    const validIndex = results.indexOf('valid');
    if (validIndex >= 0) {
      const keyId = signatures[validIndex]!.keyID;
      const signer = acceptedKeys.find((k) => k.getKeys(keyId).length > 0);
      return {
        status: 'valid',
        signerFingerprint: signer?.getFingerprint().toUpperCase() ?? null,
        signerKeyIds,
      };
    }
    if (results.length === 0) return { status: 'unsigned', signerFingerprint: null, signerKeyIds };
    const status = results.includes('bad') ? 'bad' : 'unknown-signer';
    return { status, signerFingerprint: null, signerKeyIds };
  };
}
