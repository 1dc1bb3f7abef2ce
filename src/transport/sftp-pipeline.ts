/**
 * The pipelining ladder: how many SFTP requests of what size are kept in flight. Verified
 * transfers start at the top and step down when a server mangles pipelined requests.
 * @module
 */

/** One step of the ladder. */
export interface PipelineLevel {
  /** Requests in flight. */
  readonly depth: number;
  /** Bytes per request (ssh2 splits what exceeds the server's limit). */
  readonly chunk: number;
}

/** Fast first, then cautious, then one request at a time. */
export const PIPELINE_LADDER: readonly PipelineLevel[] = [
  { depth: 16, chunk: 255 * 1024 },
  { depth: 4, chunk: 32 * 1024 },
  { depth: 1, chunk: 32 * 1024 },
];

/** Keep the last rejection observed so a caller may rethrow it; never leaves a floating promise. */
export function settleQuietly<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}
