/**
 * Build the hand-off kit: a deterministic zip (fixed timestamps, fixed order) with the AOC,
 * the receiving side's public key, FINGERPRINT.txt, SFTP.txt and REQUEST-LETTER.txt.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { strToU8, type Zippable, zipSync } from 'fflate';
import { ToolkitError } from '../core/index.js';
import {
  assertCanEncrypt,
  assertFingerprint,
  describeKey,
  groupFingerprint,
  readKeyFile,
  writeAtomically,
} from '../pgp/index.js';
import { fingerprintText, requestLetter, type SftpDestination, sftpText } from './request-letter.js';

/** Options for {@link buildHandoffKit}. */
export interface HandoffOptions {
  readonly aoc: string;
  readonly key: string;
  readonly expectFingerprint: string;
  readonly sftp: SftpDestination;
  readonly merchant?: string | undefined;
  readonly output: string;
}

/** What went into the kit (never the password). */
export interface HandoffResult {
  readonly output: string;
  readonly files: readonly string[];
  readonly fingerprint: string;
  readonly passwordIncluded: boolean;
  /** The SFTP server's host key fingerprint written into SFTP.txt, or null (none given). */
  readonly hostKey: string | null;
}

/** DOS time has no zone: this Date's *local* fields are 1980-01-01 00:00 everywhere. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

const KEY_FILE = 'PGP-PUBLIC-KEY.asc';
/** The files the kit makes itself, beside the AOC. */
const KIT_FILES = ['REQUEST-LETTER.txt', KEY_FILE, 'FINGERPRINT.txt', 'SFTP.txt'];

async function readAoc(path: string): Promise<Uint8Array> {
  const bytes = await readFile(path).catch((cause: unknown) => {
    throw new ToolkitError('FILE_NOT_FOUND', `Cannot read the AOC ${path}.`, { cause });
  });
  if (bytes.length === 0) throw new ToolkitError('FILE_UNREADABLE', `The AOC ${path} is empty.`);
  // the PCI SSC's Attestation of Compliance is a PDF: anything else (a card export by mistake)
  // would travel in clear inside the kit
  if (bytes.subarray(0, 5).toString('latin1') !== '%PDF-')
    throw new ToolkitError('USAGE', `The AOC ${path} is not a PDF (the Attestation of Compliance is one).`);
  return new Uint8Array(bytes);
}

/** Check the key, assemble the files and write the zip atomically. */
export async function buildHandoffKit(options: HandoffOptions): Promise<HandoffResult> {
  const keys = await readKeyFile(options.key);
  if (keys.length !== 1)
    throw new ToolkitError(
      'PGP_KEY_INVALID',
      `${options.key} must hold exactly one key (it holds ${keys.length}).`,
    );
  const key = keys[0]!;
  assertFingerprint(key, options.expectFingerprint);
  const info = await describeKey(key);
  // the processor will encrypt to it: a revoked or expired key, or one without an encryption
  // (sub)key, would make a kit nobody can use (the same check as kmigrate encrypt)
  await assertCanEncrypt(key);
  const facts = {
    fingerprint: info.fingerprint,
    groupedFingerprint: groupFingerprint(info.fingerprint),
    userId: info.userIds[0] ?? '(no user ID)',
    algorithm: info.algorithm,
    keyFile: KEY_FILE,
  };
  const aocName = basename(options.aoc);
  // an AOC named like one of the kit's own files would be replaced by it in the zip (a kit
  // without the AOC); compared ignoring case, as the processor's Windows or macOS unzip does
  if (KIT_FILES.some((name) => name.toLowerCase() === aocName.toLowerCase()))
    throw new ToolkitError(
      'USAGE',
      `The AOC ${options.aoc} has the name of a file the kit writes itself (${KIT_FILES.join(', ')}): rename it, e.g. AOC.pdf.`,
    );
  const entries: [string, Uint8Array][] = [
    [
      'REQUEST-LETTER.txt',
      strToU8(
        requestLetter({ merchant: options.merchant, key: facts, sftp: options.sftp, aocFile: aocName }),
      ),
    ],
    [aocName, await readAoc(options.aoc)],
    [KEY_FILE, strToU8(key.toPublic().armor())],
    ['FINGERPRINT.txt', strToU8(fingerprintText(facts))],
    ['SFTP.txt', strToU8(sftpText(options.sftp, info.fingerprint))],
  ];
  const zippable: Zippable = {};
  for (const [name, data] of entries) zippable[name] = [data, { mtime: FIXED_MTIME, level: 6 }];
  const zip = zipSync(zippable);
  await writeAtomically(
    (async function* () {
      yield zip;
    })(),
    options.output,
    [options.aoc, options.key],
  );
  return {
    output: options.output,
    files: entries.map(([name]) => name),
    fingerprint: info.fingerprint,
    passwordIncluded: options.sftp.password !== undefined,
    hostKey: options.sftp.hostKey ?? null,
  };
}
