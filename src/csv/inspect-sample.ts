/**
 * First look at the bytes: refuse empty, encrypted and binary files; decide the encoding.
 * @module
 */
import { isUtf8 } from 'node:buffer';
import { ToolkitError } from '../core/index.js';
import type { CsvEncoding } from './chunk-decoder.js';
import { completeUtf8Length, mostlyUtf8 } from './chunk-decoder.js';

/** Bytes used to decide the encoding. */
export const SAMPLE_BYTES = 65_536;

/** The encoding decision. */
export interface EncodingChoice {
  readonly encoding: CsvEncoding;
  readonly bom: boolean;
  /** True when 'auto' fell back to windows-1252. */
  readonly fallback: boolean;
}

// OpenPGP packet tags a message can start with (old and new format): PKESK, SKESK, compressed, literal, SEIPD.
const PGP_FIRST_BYTES = new Set([
  0x84, 0x85, 0x86, 0x8c, 0x8d, 0x8e, 0xa3, 0xa8, 0xa9, 0xc1, 0xc3, 0xc8, 0xcb, 0xd2,
]);
const ARMOR = Buffer.from('-----BEGIN PGP MESSAGE');

function hasBom(bytes: Uint8Array): boolean {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

function controlShare(bytes: Uint8Array): { nul: boolean; share: number } {
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return { nul: true, share: 1 };
    if (b < 0x20 && b !== 9 && b !== 10 && b !== 13 && b !== 12 && b !== 0x1a) control++;
  }
  return { nul: false, share: bytes.length === 0 ? 0 : control / bytes.length };
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = hasBom(bytes) ? 3 : 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 9 && b !== 10 && b !== 13) return false;
  }
  return true;
}

function startsWithArmor(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 256)).toString(
    'latin1',
  );
  return text
    .replace(/^\uFEFF|^ï»¿/, '')
    .trimStart()
    .startsWith(ARMOR.toString('latin1'));
}

/** Throw CSV_EMPTY_FILE, CSV_ENCRYPTED_FILE or CSV_BINARY_FILE when the sample is not CSV text. */
export function guardSample(sample: Uint8Array, complete: boolean): void {
  if (complete && isBlank(sample)) {
    throw new ToolkitError(
      'CSV_EMPTY_FILE',
      'The file is empty (no bytes, or only blanks and a byte-order mark).',
    );
  }
  const head = sample.subarray(0, SAMPLE_BYTES);
  const { nul, share } = controlShare(head);
  if (startsWithArmor(head) || (PGP_FIRST_BYTES.has(head[0] ?? 0) && (nul || share > 0.01))) {
    throw new ToolkitError('CSV_ENCRYPTED_FILE', 'The file looks like an OpenPGP message: decrypt it first.');
  }
  if (nul || share > 0.01) {
    const utf16 = (head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff);
    const hint = utf16 ? ' It looks like UTF-16 text: save it as UTF-8 CSV.' : '';
    throw new ToolkitError('CSV_BINARY_FILE', `The file holds binary data, not CSV text.${hint}`, {
      context: { nulBytes: nul },
    });
  }
}

/**
 * Decide the encoding: a BOM, else strict UTF-8 over the first 64 KiB, else windows-1252 — unless
 * most of the sample's characters that are not ASCII are UTF-8: then UTF-8, and the records with
 * the other bytes are rejected with CSV_INVALID_UTF8 (reading the file as Windows-1252 would
 * garble every UTF-8 character in it).
 */
export function chooseEncoding(sample: Uint8Array, requested: 'auto' | CsvEncoding): EncodingChoice {
  const bom = hasBom(sample);
  if (requested !== 'auto')
    return { encoding: requested, bom: bom && requested === 'utf-8', fallback: false };
  if (bom) return { encoding: 'utf-8', bom: true, fallback: false };
  const head = sample.subarray(0, SAMPLE_BYTES);
  const complete = head.subarray(0, completeUtf8Length(head));
  if (isUtf8(complete)) return { encoding: 'utf-8', bom: false, fallback: false };
  return mostlyUtf8(complete)
    ? { encoding: 'utf-8', bom: false, fallback: false }
    : { encoding: 'windows-1252', bom: false, fallback: true };
}
