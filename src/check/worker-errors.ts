/**
 * Errors across threads: a thrown error travels as plain data and is rebuilt on the other side
 * (a ToolkitError keeps its code and context, so the CLI reports it the same way).
 * @module
 */
import { type ErrorCode, type ErrorContext, ToolkitError } from '../core/index.js';

/** A thrown error as plain data. */
export interface ErrorData {
  readonly name: string;
  readonly message: string;
  readonly code?: string;
  readonly context?: unknown;
}

/** The plain-data form of anything thrown. */
export function errorData(error: unknown): ErrorData {
  if (!(error instanceof Error)) return { name: 'Error', message: String(error) };
  const { code, context } = error as { code?: unknown; context?: unknown };
  return typeof code === 'string'
    ? { name: error.name, message: error.message, code, context }
    : { name: error.name, message: error.message };
}

/** The error `data` describes. */
export function toError(data: ErrorData): Error {
  if (data.name === 'ToolkitError' && data.code !== undefined)
    return new ToolkitError(data.code as ErrorCode, data.message, {
      context: (data.context ?? {}) as ErrorContext,
    });
  return Object.assign(new Error(data.message), { name: data.name });
}
