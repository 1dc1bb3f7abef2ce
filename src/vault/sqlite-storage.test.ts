import { describe, expect, it } from 'vitest';
import { sqliteError } from './sqlite-storage.js';

describe('sqliteError: a failing disk is not a damaged vault', () => {
  it.each([
    ['SQLITE_FULL', 'FILE_UNWRITABLE', 'the disk is full'],
    ['SQLITE_READONLY', 'FILE_UNWRITABLE', 'read-only'],
    ['SQLITE_READONLY_DBMOVED', 'FILE_UNWRITABLE', 'read-only'],
    ['SQLITE_IOERR_WRITE', 'FILE_UNWRITABLE', 'disk error'],
    ['SQLITE_BUSY', 'VAULT_BUSY', 'locked'],
    ['SQLITE_CANTOPEN', 'VAULT_NOT_FOUND', 'No vault'],
    ['SQLITE_NOTADB', 'VAULT_CORRUPT', 'damaged'],
    ['SQLITE_CORRUPT', 'VAULT_CORRUPT', 'damaged'],
  ])('%s → %s', (sqlite, code, words) => {
    const error = sqliteError(Object.assign(new Error('x'), { code: sqlite }), 'v.db');
    expect(error.code).toBe(code);
    expect(error.message).toContain(words);
  });
});
