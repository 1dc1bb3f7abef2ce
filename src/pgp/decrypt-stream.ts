/**
 * `decryptToStream`: decrypt any OpenPGP message (armored or binary; SEIPDv1, tag-20 OCB or
 * SEIPDv2; compressed or not) as a stream, in memory flat in the message size. The common
 * shape takes a native fast path (fast-decrypt.ts); everything else goes through OpenPGP.js.
 * @module
 */
import { decrypt, type Key, type Message, readMessage } from 'openpgp';
import { ToolkitError } from '../core/index.js';
import { type ByteInput, openBytes, peekInput } from './byte-input.js';
import { decryptionKeysFor } from './decryption-key.js';
import { fastDecrypt } from './fast-decrypt.js';
import { FastPathDeclined, ReplayableInput } from './fast-path-declined.js';
import type { Keyring } from './keyring.js';
import type { Passphrase } from './passphrase.js';
import { DEFAULT_MAX_SIZE, readConfig } from './pgp-config.js';
import { toPgpError } from './pgp-error.js';
import { INCOMPLETE, type VerificationResult, watchSignatures } from './verification.js';

/** Options for {@link decryptToStream}. */
export interface DecryptOptions {
  /** Where the private key (and, by default, the accepted signers) are. */
  readonly keyring: Keyring;
  /** Unlocks the private key; see `readPassphrase`. */
  readonly passphrase?: Passphrase | undefined;
  /** Keys whose signatures are accepted; default: every key in the keyring. */
  readonly verifyWith?: readonly Key[] | undefined;
  /** Fail at the end (PGP_UNSIGNED) unless an accepted key signed the message. */
  readonly requireSignature?: boolean | undefined;
  /** Cap on plaintext bytes (PGP_TOO_LARGE beyond it); default 64 GiB. */
  readonly maxSize?: number | undefined;
}

/** The two halves of a streaming decryption. */
export interface DecryptedStream {
  /**
   * The plaintext. UNTRUSTED until iteration ends without throwing: for SEIPDv1 the integrity
   * check (MDC) runs only at the end, and a failure there (or a truncated file, a required but
   * missing signature, the size cap) throws a coded ToolkitError from the final `next()`.
   * Consumers must discard everything they derived from it when it throws.
   */
  readonly plaintext: AsyncIterable<Uint8Array>;
  /** Settles (never rejects) when `plaintext` has ended or failed. */
  readonly verified: Promise<VerificationResult>;
}

const JOINED = 'A second armored message follows the first (two messages joined): refused, as gpg does.';

/**
 * OpenPGP.js reads an armored input to its end but decodes only the first block: a second
 * message joined on (`cat a.asc b.asc`) would be dropped without a word. Text after the END
 * line is still allowed, as on the fast path (dearmor.ts).
 */
function refuseJoinedArmor(): TransformStream<string, string> {
  let seen = '';
  return new TransformStream({
    transform(chunk, controller) {
      seen = seen.slice(-64) + chunk;
      const end = seen.indexOf('-----END PGP MESSAGE-----');
      if (end >= 0 && seen.indexOf('-----BEGIN PGP', end) >= 0)
        controller.error(new ToolkitError('PGP_MALFORMED', JOINED));
      else {
        if (end >= 0) seen = seen.slice(end); // keep the END marker in view
        controller.enqueue(chunk);
      }
    },
  });
}

async function openMessage(input: ByteInput): Promise<Message<ReadableStream<Uint8Array>>> {
  const { encoding, stream } = await peekInput(await openBytes(input));
  try {
    if (encoding === 'binary') return await readMessage({ binaryMessage: stream });
    const armored = stream.pipeThrough(new TextDecoderStream('latin1')).pipeThrough(refuseJoinedArmor());
    return (await readMessage({ armoredMessage: armored })) as unknown as Message<ReadableStream<Uint8Array>>;
  } catch (error) {
    throw toPgpError(error);
  }
}

/** The OpenPGP.js path: every message shape, signatures included. */
async function* openPgpChunks(
  input: ByteInput,
  options: DecryptOptions,
  settle: (result: VerificationResult) => void,
): AsyncGenerator<Uint8Array> {
  const maxSize = options.maxSize ?? DEFAULT_MAX_SIZE;
  const message = await openMessage(input);
  const decryptionKeys = await decryptionKeysFor(message, options.keyring, options.passphrase);
  const accepted = options.verifyWith ?? (await options.keyring.list()).map((k) => k.key);
  const result = await decrypt({
    message,
    decryptionKeys,
    ...(accepted.length > 0 ? { verificationKeys: [...accepted] } : {}),
    format: 'binary',
    config: readConfig(maxSize),
  }).catch((error: unknown) => {
    throw toPgpError(error, 'PGP_WRONG_KEY');
  });
  const verification = watchSignatures(result.signatures, accepted);
  let total = 0;
  const data = result.data as ReadableStream<Uint8Array>;
  try {
    for await (const chunk of data) {
      total += chunk.length;
      if (total > maxSize)
        throw new ToolkitError('PGP_TOO_LARGE', `The plaintext exceeds the size cap of ${maxSize} bytes.`, {
          context: { maxSize },
        });
      yield chunk;
    }
  } catch (error) {
    throw toPgpError(error, 'PGP_TAMPERED');
  }
  const verdict = await verification();
  settle(verdict);
  checkSignature(verdict, options);
}

/**
 * The fast path (fast-decrypt.ts) when the message has the common shape, else the OpenPGP.js
 * path over a replay of the same input from its first byte.
 */
async function* decryptChunks(
  input: ByteInput,
  options: DecryptOptions,
  settle: (result: VerificationResult) => void,
): AsyncGenerator<Uint8Array> {
  const source = new ReplayableInput(await openBytes(input));
  try {
    let declined = false;
    try {
      yield* fastDecrypt(source, { ...options, maxSize: options.maxSize ?? DEFAULT_MAX_SIZE });
    } catch (error) {
      if (!(error instanceof FastPathDeclined)) throw toPgpError(error);
      if (!source.replayable) throw toPgpError(error);
      declined = true;
    }
    if (declined) {
      yield* openPgpChunks(source.replay(), options, settle);
      return;
    }
    const verdict: VerificationResult = { status: 'unsigned', signerFingerprint: null, signerKeyIds: [] };
    settle(verdict);
    checkSignature(verdict, options);
  } finally {
    await source.close();
  }
}

function checkSignature(verdict: VerificationResult, options: DecryptOptions): void {
  if (verdict.status === 'bad')
    throw new ToolkitError(
      'PGP_BAD_SIGNATURE',
      'The signature does not verify: the message was altered or forged.',
    );
  if (options.requireSignature && verdict.status !== 'valid')
    throw new ToolkitError(
      'PGP_UNSIGNED',
      verdict.status === 'unsigned'
        ? 'A signature is required but the message is not signed.'
        : `A signature is required but the signer (key ID ${verdict.signerKeyIds.join(', ')}) is not an accepted key.`,
    );
}

/**
 * Decrypt `input` (a file path or any async iterable of bytes) as a stream. Nothing is read
 * until `plaintext` is iterated; setup failures (not OpenPGP, wrong key, missing or wrong
 * passphrase) throw from the first `next()`, integrity failures from the last.
 *
 * @example
 * const keyring = new Keyring(resolveKeyringDir(undefined, process.env));
 * const passphrase = await readPassphrase({ env: process.env });
 * const { plaintext, verified } = decryptToStream('export.csv.gpg', { keyring, passphrase });
 * const reader = await openCsv(plaintext, { file: 'export.csv.gpg' }); // untrusted until the end
 */
export function decryptToStream(input: ByteInput, options: DecryptOptions): DecryptedStream {
  let settle: (result: VerificationResult) => void = () => {};
  const verified = new Promise<VerificationResult>((resolve) => {
    settle = resolve;
  });
  const chunks = decryptChunks(input, options, (r) => settle(r));
  const plaintext: AsyncIterable<Uint8Array> = {
    async *[Symbol.asyncIterator]() {
      try {
        yield* chunks;
      } finally {
        settle(INCOMPLETE);
      }
    },
  };
  return { plaintext, verified };
}
