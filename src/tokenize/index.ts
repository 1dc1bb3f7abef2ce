/**
 * Card tokenization: card-number columns become vault tokens plus BIN, last 4 and brand; CVCs
 * are dropped; invalid numbers go to a masked rejects file. `detokenizeRows` is the way back,
 * for an OpenPGP encryptor only.
 * @module
 */

export type { ColumnPlan } from './card-columns.js';
export { planColumns } from './card-columns.js';
export type { InvalidPan, ValidPan } from './check-pan.js';
export { checkPan } from './check-pan.js';
export type { DetokenizeOptions, DetokenizeStats } from './detokenize-file.js';
export { detokenizeRows } from './detokenize-file.js';
export type { HashedSource } from './input-source.js';
export { hashedFile, isPgpFile } from './input-source.js';
export type { TokenizeIssueCode } from './issue-codes.js';
export { TOKENIZE_ISSUE_CODES } from './issue-codes.js';
export type { TokenizeOptions, TokenizeResult } from './tokenize-file.js';
export { tokenizeFile } from './tokenize-file.js';
