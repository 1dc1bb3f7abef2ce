/**
 * SHA-256 helpers for verified transfers, and the `.sha256` sidecar format (`sha256sum` style).
 * @module
 */
import { createHash, type Hash } from 'node:crypto';

/** Feed every chunk of `source` to `hash` as it passes, calling `onChunk` with its size. */
export async function* tapHash(
  source: AsyncIterable<Uint8Array>,
  hash: Hash,
  onChunk: (bytes: number) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    hash.update(chunk);
    onChunk(chunk.length);
    yield chunk;
  }
}

/** Hash a whole byte stream; resolves to lower-case hex and the byte count. */
export async function hashBytes(
  source: AsyncIterable<Uint8Array>,
  hash: Hash = createHash('sha256'),
): Promise<{ sha256: string; bytes: number }> {
  let bytes = 0;
  for await (const chunk of source) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** The sidecar line for a file. */
export function sidecarText(sha256: string, name: string): string {
  return `${sha256}  ${name}\n`;
}

/** The hash a sidecar declares, or undefined when the text is not a sidecar. */
export function parseSidecar(text: string): string | undefined {
  const match = /^([0-9a-f]{64})\b/i.exec(text.trim());
  return match?.[1]?.toLowerCase();
}

/** Feed a whole byte stream into `hash` without finishing it (for a resumed transfer's prefix). */
export async function updateHash(source: AsyncIterable<Uint8Array>, hash: Hash): Promise<void> {
  for await (const chunk of source) hash.update(chunk);
}
