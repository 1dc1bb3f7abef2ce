/**
 * The decrypt fast path for the common shape — PKESK + SEIPDv1 (MDC) + [ZIP|ZLIB] + literal
 * data — with node:crypto and node:zlib; OpenPGP.js only decrypts the session key. Anything
 * else throws {@link FastPathDeclined} before a byte of plaintext is released, and the caller
 * replays the input into the OpenPGP.js path (see docs/decisions/0005-pgp.md).
 * @module
 */
import { decryptSessionKeys, Message, PacketList, PublicKeyEncryptedSessionKeyPacket } from 'openpgp';
import { ToolkitError } from '../core/index.js';
import { classifyStart, peekHead } from './byte-input.js';
import { dearmor } from './dearmor.js';
import { decryptionKeysFor } from './decryption-key.js';
import { FastPathDeclined, type ReplayableInput } from './fast-path-declined.js';
import { inflateChunks } from './inflate-chunks.js';
import type { Keyring } from './keyring.js';
import { ByteReader, type PacketHeader, packetBody, readBody, readHeader } from './packet-reader.js';
import type { Passphrase } from './passphrase.js';
import { toPgpError } from './pgp-error.js';
import { decryptSeipdV1, supportsCipher } from './seipd-v1.js';

/** What the fast path needs. */
export interface FastDecryptOptions {
  readonly keyring: Keyring;
  readonly passphrase?: Passphrase | undefined;
  readonly maxSize: number;
}

/** PKESKs are small (a 16384-bit RSA one is ~2 KB): anything bigger goes to OpenPGP.js. */
const MAX_SESSION_PACKET = 64 * 1024;

const TAG = { pkesk: 1, signature: 2, onePass: 4, compressed: 8, marker: 10, literal: 11, seipd: 18 };

/** Peek the first bytes to classify, then hand back every byte (the peeked ones first). */
async function binaryStream(input: ReplayableInput): Promise<AsyncIterable<Uint8Array>> {
  const it = input[Symbol.asyncIterator]();
  const head = await peekHead(it);
  const rest = async function* (): AsyncGenerator<Uint8Array> {
    yield head;
    for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
  };
  if (head.length === 0) throw new FastPathDeclined('empty input');
  return classifyStart(head) === 'armored' ? dearmor(rest()) : rest();
}

async function sessionKey(
  pkesks: readonly Uint8Array[],
  options: FastDecryptOptions,
): Promise<{ algorithm: string; key: Uint8Array }> {
  const list = new PacketList<PublicKeyEncryptedSessionKeyPacket>();
  for (const body of pkesks) {
    const packet = new PublicKeyEncryptedSessionKeyPacket();
    try {
      packet.read(body);
    } catch {
      throw new FastPathDeclined('unsupported PKESK');
    }
    list.push(packet);
  }
  const message = new Message(list) as unknown as Message<ReadableStream<Uint8Array>>;
  const keys = await decryptionKeysFor(message, options.keyring, options.passphrase);
  const found = await decryptSessionKeys({ message, decryptionKeys: keys }).catch((error: unknown) => {
    throw toPgpError(error, 'PGP_WRONG_KEY');
  });
  const first = found[0];
  if (first?.algorithm == null || !supportsCipher(first.algorithm)) throw new FastPathDeclined('cipher');
  return { algorithm: first.algorithm, key: first.data };
}

/** Read PKESKs up to the SEIPD packet; decline anything else. */
async function readHead(r: ByteReader): Promise<{ pkesks: Uint8Array[]; seipd: PacketHeader }> {
  const pkesks: Uint8Array[] = [];
  for (;;) {
    const header = await readHeader(r);
    if (!header) throw new FastPathDeclined('no encrypted data packet');
    if (header.tag === TAG.seipd) return { pkesks, seipd: header };
    if (header.tag !== TAG.pkesk && header.tag !== TAG.marker)
      throw new FastPathDeclined(`tag ${header.tag}`);
    if (header.length.kind !== 'definite' || header.length.size > MAX_SESSION_PACKET)
      throw new FastPathDeclined('session key packet length');
    const body = await readBody(r, header);
    if (header.tag === TAG.pkesk) pkesks.push(body);
  }
}

/** Fail unless `r` has nothing left (reading to its end runs the enclosing MDC check). */
async function expectEnd(r: ByteReader): Promise<void> {
  if (await r.more())
    throw new ToolkitError('PGP_TAMPERED', 'The integrity check failed: the file was modified or damaged.');
}

function tooLarge(maxSize: number): ToolkitError {
  return new ToolkitError('PGP_TOO_LARGE', `The plaintext exceeds the size cap of ${maxSize} bytes.`, {
    context: { maxSize },
  });
}

async function* literalData(
  r: ByteReader,
  header: PacketHeader,
  input: ReplayableInput,
  maxSize: number,
): AsyncGenerator<Uint8Array> {
  const body = new ByteReader(packetBody(r, header), 'PGP_TAMPERED');
  await body.byte(); // format: b, t, u… — the bytes are passed on as they are, like OpenPGP.js
  const nameLength = await body.byte();
  await body.bytes(nameLength + 4); // file name and date
  input.commit();
  let total = 0;
  for await (const piece of body.rest()) {
    total += piece.length;
    if (total > maxSize) throw tooLarge(maxSize);
    yield piece;
  }
}

/** Literal data, directly or inside one compressed packet; decline signed or other shapes. */
async function* innerPackets(
  content: ByteReader,
  input: ReplayableInput,
  maxSize: number,
): AsyncGenerator<Uint8Array> {
  const header = await readHeader(content);
  if (header?.tag === TAG.literal) {
    yield* literalData(content, header, input, maxSize);
    await expectEnd(content);
    return;
  }
  if (header?.tag !== TAG.compressed) throw new FastPathDeclined(`inner tag ${header?.tag}`);
  const algorithm = await content.byte();
  if (algorithm !== 1 && algorithm !== 2) throw new FastPathDeclined(`compression ${algorithm}`);
  const inflated = new ByteReader(
    inflateChunks(packetBody(content, header), algorithm === 1),
    'PGP_TAMPERED',
  );
  try {
    const literal = await readHeader(inflated);
    if (literal?.tag !== TAG.literal) throw new FastPathDeclined(`compressed tag ${literal?.tag}`);
    yield* literalData(inflated, literal, input, maxSize);
    await expectEnd(inflated);
  } finally {
    await inflated.close();
  }
  await expectEnd(content);
}

/**
 * Decrypt `input` on the fast path. Throws {@link FastPathDeclined} before the first plaintext
 * byte when the message is not of the common shape; coded ToolkitErrors otherwise, integrity
 * failures from the last `next()`.
 */
export async function* fastDecrypt(
  input: ReplayableInput,
  options: FastDecryptOptions,
): AsyncGenerator<Uint8Array> {
  const r = new ByteReader(await binaryStream(input), 'PGP_TRUNCATED');
  const { pkesks, seipd } = await readHead(r);
  if (pkesks.length === 0) throw new FastPathDeclined('no PKESK');
  const body = new ByteReader(packetBody(r, seipd), 'PGP_TRUNCATED');
  if ((await body.byte()) !== 1) throw new FastPathDeclined('SEIPD version');
  const { algorithm, key } = await sessionKey(pkesks, options);
  const content = new ByteReader(decryptSeipdV1(body.rest(), algorithm, key), 'PGP_TAMPERED');
  yield* innerPackets(content, input, options.maxSize);
  // Nothing may follow the message (an armored one must still show its END line, else
  // PGP_TRUNCATED): a second message joined on (`cat a.gpg b.gpg`) would be dropped without a
  // word, and gpg refuses both that and trailing garbage.
  if (await r.more())
    throw new ToolkitError(
      'PGP_MALFORMED',
      'Data follows the end of the encrypted message (two messages joined, or trailing garbage): refused, as gpg does.',
    );
}
