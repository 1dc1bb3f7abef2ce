/**
 * The hand-off kit the merchant sends to the old processor (AOC, public key, fingerprint,
 * SFTP destination, request letter), as a deterministic zip.
 * @module
 */

export type { HandoffOptions, HandoffResult } from './build-kit.js';
export { buildHandoffKit } from './build-kit.js';
export type { KitKeyFacts, LetterFacts, SftpDestination } from './request-letter.js';
export { fingerprintText, requestLetter, sftpText } from './request-letter.js';
