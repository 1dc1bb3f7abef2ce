/**
 * Operational failures (the second error channel). Data problems are never thrown: they are
 * {@link Issue} values. Every code here is listed in docs/error-codes.md (a test checks it).
 * @module
 */

/** The closed catalog of operational error codes, with the exit code each maps to. */
export const ERROR_CODES = {
  USAGE: 'Wrong command-line arguments or options.',
  INTERNAL: 'A bug in kmigrate: please report it with the command you ran.',
  FILE_NOT_FOUND: 'An input file does not exist or is not a regular file.',
  FILE_UNREADABLE: 'An input file could not be read (permissions, I/O error).',
  FILE_UNWRITABLE: 'An output file or folder could not be written.',
  CSV_EMPTY_FILE: 'The file is empty: there is no header row.',
  CSV_BINARY_FILE: 'The file holds binary data (NUL bytes or control characters), not CSV text.',
  CSV_ENCRYPTED_FILE: 'The file is an OpenPGP message: decrypt it first.',
  CSV_RECORD_TOO_LARGE: 'One record is larger than the configured limit (hostile or broken file).',
  CSV_NO_HEADER: 'No header row could be found in the first lines of the file.',
  CSV_INVALID_OPTION: 'A CSV reader option is invalid (delimiter, encoding, limits).',
  CONFIG_NOT_FOUND: 'The migration.yaml file does not exist.',
  CONFIG_INVALID: 'migration.yaml is not valid: see the listed problems.',
  CONFIG_YAML_SYNTAX: 'migration.yaml is not well-formed YAML.',
  SPEC_INVALID: 'A target spec or template is invalid.',
  TEMPLATE_INVALID: 'A vendor template CSV could not be used (no header, duplicate columns).',
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
