/**
 * The sandbox HTTP server: 127.0.0.1 only, loginId/password auth, the documented envelope,
 * a configurable latency and a token-bucket rate limit answered with an ERROR envelope.
 * @module
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiFields, SANDBOX_HEADER } from '../api-client/index.js';
import { ToolkitError } from '../core/index.js';
import { answerAction } from './sandbox-actions.js';
import type { SandboxDb } from './sandbox-db.js';
import { answerQuery, errorAnswer, QUERY_SPECS, type SandboxAnswer } from './sandbox-queries.js';

/** Options of {@link startSandbox}. */
export interface SandboxOptions {
  readonly db: SandboxDb;
  /** 0 picks a free port. */
  readonly port?: number;
  readonly loginId: string;
  readonly password: string;
  /** Added to every answer, in ms. */
  readonly latencyMs?: number;
  /** Requests per second over all clients (token bucket, burst = 1 s); 0 = unlimited. */
  readonly rateLimit?: number;
  readonly now?: () => Date;
}

/** A running sandbox. */
export interface Sandbox {
  readonly url: string;
  /** Requests received, and those answered with the rate-limit error. */
  readonly stats: { requests: number; rateLimited: number };
  close(): Promise<void>;
}

/** The sandbox's rate-limit answer (the client retries it). */
export const RATE_LIMIT_ANSWER = 'Rate limit exceeded: too many requests, try again later';

const MAX_BODY = 65_536;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
      if (body.length > MAX_BODY) req.destroy(new Error('body too large'));
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function bucket(rate: number): () => boolean {
  let tokens = rate;
  let last = performance.now();
  return () => {
    const now = performance.now();
    tokens = Math.min(rate, tokens + ((now - last) / 1000) * rate);
    last = now;
    if (tokens < 1) return false;
    tokens--;
    return true;
  };
}

/** Start serving on 127.0.0.1. */
export async function startSandbox(o: SandboxOptions): Promise<Sandbox> {
  const stats = { requests: 0, rateLimited: 0 };
  const take = o.rateLimit && o.rateLimit > 0 ? bucket(o.rateLimit) : () => true;
  const now = o.now ?? (() => new Date());
  const answer = (path: string, params: URLSearchParams): SandboxAnswer => {
    if (!take()) {
      stats.rateLimited++;
      return errorAnswer(RATE_LIMIT_ANSWER);
    }
    if (
      params.get(apiFields.AUTH_PARAMS.loginId) !== o.loginId ||
      params.get(apiFields.AUTH_PARAMS.password) !== o.password
    )
      return errorAnswer('Invalid login credentials');
    const spec = QUERY_SPECS[path];
    if (spec) return answerQuery(o.db, spec, params);
    return answerAction(o.db, path, params, now()) ?? errorAnswer(`Unknown API method ${path}`);
  };
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    stats.requests++;
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const params = new URLSearchParams(url.search);
    if (req.method === 'POST')
      for (const [k, v] of new URLSearchParams(await readBody(req))) params.set(k, v);
    const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
    let body: SandboxAnswer;
    try {
      body = answer(path, params);
    } catch {
      body = errorAnswer('Internal sandbox error');
    }
    if (o.latencyMs) await new Promise((r) => setTimeout(r, o.latencyMs));
    res.writeHead(200, { 'content-type': 'application/json', [SANDBOX_HEADER]: '1' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(400);
      res.end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (cause) =>
      reject(
        new ToolkitError(
          'SANDBOX_LISTEN_FAILED',
          `The sandbox cannot listen on 127.0.0.1:${o.port ?? 0}: ${(cause as NodeJS.ErrnoException).code ?? cause.message}.`,
          { cause },
        ),
      ),
    );
    server.listen(o.port ?? 0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
