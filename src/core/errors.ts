/**
 * Operational failures (the second error channel). Data problems are never thrown: they are
 * {@link Issue} values. Every code here is listed in docs/error-codes.md (a test checks it).
 * @module
 */

/** The closed catalog of operational error codes, with the exit code each maps to. */
export const ERROR_CODES = {
  USAGE: 'Wrong command-line arguments or options.',
  INTERNAL: 'A bug in kmigrate: please report it with the command you ran.',
  INTERRUPTED:
    'Stopped by a signal (SIGINT, SIGTERM, SIGHUP): the partial output files and temp folders of the run were removed.',
  FILE_NOT_FOUND: 'An input file does not exist or is not a regular file.',
  FILE_UNREADABLE: 'An input file could not be read (permissions, I/O error).',
  FILE_UNWRITABLE: 'An output file or folder could not be written.',
  CSV_EMPTY_FILE: 'The file is empty: there is no header row.',
  CSV_BINARY_FILE: 'The file holds binary data (NUL bytes or control characters), not CSV text.',
  CSV_ENCRYPTED_FILE: 'The file is an OpenPGP message: decrypt it first.',
  CSV_RECORD_TOO_LARGE: 'One record is larger than the configured limit (hostile or broken file).',
  CSV_NO_HEADER: 'No header row could be found in the first lines of the file.',
  CSV_HEADER_TOO_LONG:
    'The header row is longer than the 1 MiB read to find it (tens of thousands of columns): it cannot be read.',
  CSV_INVALID_OPTION: 'A CSV reader option is invalid (delimiter, encoding, limits).',
  CONFIG_NOT_FOUND: 'The migration.yaml file does not exist.',
  CONFIG_INVALID: 'migration.yaml is not valid: see the listed problems.',
  CONFIG_YAML_SYNTAX: 'migration.yaml is not well-formed YAML.',
  WORKSPACE_EXISTS: 'The folder already holds a migration.yaml: init never overwrites a migration.',
  SPEC_INVALID: 'A target spec or template is invalid.',
  TEMPLATE_INVALID: 'A vendor template CSV could not be used (no header, duplicate columns).',
  PGP_NOT_PGP: 'The input is not an OpenPGP encrypted message (armored or binary).',
  PGP_MALFORMED: 'The OpenPGP data could not be parsed (damaged packets or an unsupported format).',
  PGP_WRONG_KEY: 'No key in the keyring can decrypt this message (it was encrypted to other keys).',
  PGP_PASSPHRASE_MISSING:
    'A private key is needed but no passphrase was given (KMIGRATE_PGP_PASSPHRASE or --passphrase-file).',
  PGP_PASSPHRASE_WRONG: 'The passphrase does not unlock the private key.',
  PGP_TRUNCATED: 'The encrypted file ends early (incomplete download or copy): no plaintext was kept.',
  PGP_TAMPERED: 'The integrity check failed: the file was modified or damaged. No plaintext was kept.',
  PGP_NO_INTEGRITY:
    'The message has no integrity protection (no MDC): refused. Ask the sender to re-encrypt with a current tool.',
  PGP_UNSIGNED: 'A signature was required but the message carries no signature from an accepted key.',
  PGP_BAD_SIGNATURE:
    'The message signature does not verify: it was not made by the expected key or was altered.',
  PGP_TOO_LARGE: 'The decrypted data exceeds the size cap (--max-size): refused as a possible zip bomb.',
  PGP_KEY_NOT_FOUND: 'No key in the keyring matches the given fingerprint, e-mail or file.',
  PGP_KEY_AMBIGUOUS: 'More than one key matches: give a longer fingerprint prefix.',
  PGP_KEY_MISMATCH: 'The key does not have the expected fingerprint: refused.',
  PGP_KEY_INVALID:
    'The key file is not a usable OpenPGP key (unreadable, expired, revoked or lacks a capability).',
  PGP_SECRET_TO_TTY: 'Refused to print a private key to a terminal: write it to a file with -o.',
  VAULT_KEK_MISSING:
    'No vault key-encryption key: set KMIGRATE_VAULT_KEK (or KMIGRATE_VAULT_NEW_KEK to rotate) or use --kek-file / --new-kek-file.',
  VAULT_KEK_INVALID: 'The vault key-encryption key is not 32 bytes written as 64 hex digits or base64.',
  VAULT_KEK_WRONG: 'The key-encryption key does not unlock this vault (wrong key, or the vault was rotated).',
  VAULT_NOT_FOUND: 'The vault file does not exist: create it with `kmigrate vault init`.',
  VAULT_EXISTS: 'A vault already exists at that path: refused to overwrite it.',
  VAULT_CORRUPT: 'The file is not a kmigrate vault, or the vault database is damaged.',
  VAULT_BUSY: 'Another process holds the vault for writing: try again when it has finished.',
  VAULT_TOKEN_UNKNOWN: 'A token is not in this vault (wrong vault, or a damaged file).',
  VAULT_TAMPERED: 'A stored card record failed its integrity check: the vault was modified.',
  TOKENIZE_NO_CARD_COLUMN: 'No card-number column was configured (--columns) or detected in the file.',
  TOKENIZE_COLUMN_NOT_FOUND: 'A column given with --columns is not in the file header.',
  TOKENIZE_PAN_OUTSIDE_CARD_COLUMN:
    'A card number appeared in a column that is not being tokenized: refused to write it in clear.',
  TOKENIZE_PLAINTEXT_OUTPUT_REFUSED:
    'Card numbers leave the vault only PGP-encrypted to a file: standard output and plaintext are refused.',
  SCAN_LEAK_DETECTED: 'A written file contains a card number outside the vault: the output was removed.',
  HANDOFF_SFTP_MISSING:
    'The SFTP destination (host and user) is missing: use flags or environment variables.',
  HANDOFF_PASSWORD_MISSING: '--include-password was given but KMIGRATE_SFTP_PASSWORD is not set.',
  SFTP_URL_INVALID: 'The SFTP address is not of the form sftp://USER@HOST[:PORT]/PATH.',
  SFTP_CREDENTIALS_MISSING:
    'No SFTP credentials: set KMIGRATE_SFTP_PASSWORD, or give --password-file or --identity.',
  SFTP_CONNECT_FAILED: 'The SFTP server could not be reached, or the connection dropped.',
  SFTP_HOST_KEY_UNKNOWN:
    'The server host key is not pinned: pass its fingerprint with --host-key or list it in --known-hosts.',
  SFTP_HOST_KEY_MISMATCH: 'The server host key differs from the pinned one: possible interception, refused.',
  SFTP_AUTH_FAILED: 'The SFTP server refused the login (wrong user, password or key, or locked out).',
  SFTP_NOT_FOUND: 'The remote file or folder does not exist.',
  SFTP_PERMISSION_DENIED: 'The remote server refused the operation (permissions or intake policy).',
  SFTP_TRANSFER_FAILED: 'A transfer failed after all retries.',
  SFTP_VERIFY_FAILED: 'The transferred file does not match the source (size or SHA-256) after all retries.',
  INTAKE_CONFIG_INVALID: 'intake.yaml is missing, not well-formed or not valid: see the listed problems.',
  INTAKE_LISTEN_FAILED: 'The intake server could not listen on the configured address and port.',
  INTAKE_PASSWORD_MISSING: 'No password to hash: set KMIGRATE_SFTP_PASSWORD or pipe it on standard input.',
  SAMPLE_MISSING_COLUMN: 'The file to sample has no customerId column: it is not a Transactions file.',
  SAMPLE_EMPTY: 'The file to sample, or the sample to verify, has no rows: nothing would be proven.',
  SAMPLE_INPUT_BROKEN:
    'The file to sample has records the CSV reader could not read (an unclosed quote, a ragged row, bytes that are not UTF-8): nothing is written.',
  API_CREDENTIALS_MISSING:
    'No CRM API credentials: set KMIGRATE_API_LOGIN_ID and KMIGRATE_API_PASSWORD, or use --credentials-file.',
  API_REMOTE_REFUSED:
    'The API URL is not on this machine (loopback): add --allow-remote to reach a real CRM.',
  API_AUTH_FAILED: 'The CRM refused the API login (wrong loginId/password, or this IP is not allow-listed).',
  API_RATE_LIMITED:
    'The CRM kept answering "rate limit" after every retry: lower --concurrency or --max-rps.',
  API_UNREACHABLE: 'The CRM API could not be reached (connection refused, timeout, or an HTTP error status).',
  API_BAD_RESPONSE: 'The CRM API answered with something that is not its JSON envelope.',
  API_ERROR:
    'The CRM API answered with an ERROR that is neither "no results" nor an auth or rate-limit error.',
  LIVE_TEST_REFUSED:
    '--live-test charges real cards on anything but the sandbox: refused without --i-understand-this-charges-real-cards.',
  SANDBOX_DB_FAILED: 'The sandbox database could not be opened or written.',
  SANDBOX_IMPORT_REFUSED:
    "The file has errors the vendor's import would refuse (see kmigrate check); nothing was imported.",
  SANDBOX_LISTEN_FAILED:
    'The sandbox could not listen on 127.0.0.1 at the given port (in use, or not allowed).',
  MAP_SOURCE_UNKNOWN: '`kmigrate map --source` names a source that migration.yaml does not list.',
} as const;

/** An operational error code. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** Structured, non-sensitive context attached to an error. */
export type ErrorContext = Readonly<Record<string, string | number | boolean | null>>;

/** Options for {@link ToolkitError}. */
export interface ToolkitErrorOptions {
  readonly cause?: unknown;
  readonly context?: ErrorContext;
}

/** The one error family kmigrate throws. Messages never carry sensitive values. */
export class ToolkitError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, options: ToolkitErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ToolkitError';
    this.code = code;
    this.context = options.context ?? {};
  }
}

/** True when `value` is a {@link ToolkitError}. */
export function isToolkitError(value: unknown): value is ToolkitError {
  return value instanceof ToolkitError;
}
