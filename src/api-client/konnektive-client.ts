/**
 * The CRM API client: form POSTs with credentials in the body, the envelope decoded in one place,
 * paging followed to the end, rate-limit answers retried with exponential back-off and jitter,
 * all requests through one bounded limiter.
 * @module
 */
import { ToolkitError } from '../core/index.js';
import type { ApiCredentials } from './api-credentials.js';
import { AUTH_PARAMS, ENDPOINTS, type Endpoint, UNSAFE_TO_REPEAT } from './api-fields.js';
import { decodeEnvelope, type Envelope } from './envelope.js';
import { fetchTransport, type HttpResponse, type HttpTransport } from './http-transport.js';
import { createRequestLimiter, type RequestLimiter } from './request-limiter.js';

/** Options of {@link createApiCaller}. */
export interface ApiCallerOptions {
  /** Base URL, already checked by `checkApiUrl`. */
  readonly baseUrl: string;
  readonly credentials: ApiCredentials;
  readonly transport?: HttpTransport;
  /** Requests in flight at most (default 4). */
  readonly concurrency?: number;
  /** Request starts per second at most (default: no pacing). */
  readonly maxRequestsPerSecond?: number;
  /** Retries after a rate-limit answer or a network error (default 8). */
  readonly maxRetries?: number;
  /** First back-off in ms, doubled per retry, capped at 5 s (default 250). */
  readonly backoffMs?: number;
  readonly sleep?: (ms: number) => Promise<void>;
}

/** Counters of what the caller did. */
export interface ApiStats {
  requests: number;
  retries: number;
  rateLimited: number;
  /** True while every response so far carried the sandbox's marker header. */
  sandbox: boolean;
}

/** The header the kmigrate sandbox puts on every response. */
export const SANDBOX_HEADER = 'x-kmigrate-sandbox';

/** Sends one API call, with retries; the lowest layer of the client. */
export interface ApiCaller {
  call(endpoint: Endpoint, params: Readonly<Record<string, string>>): Promise<Envelope>;
  /** End the requests in flight and refuse new ones (the work they served has failed). */
  stop(): void;
  readonly stats: Readonly<ApiStats>;
}

const RETRY_STATUS = new Set([502, 503, 504]);

/** A redirect is not followed (the password would go with it) and not retried: it names the URL to use. */
function redirected(endpoint: Endpoint, url: string, res: HttpResponse): ToolkitError {
  let to = '';
  try {
    const target = new URL(res.headers.location ?? '', url);
    to = ` to ${target.origin}${target.pathname}`;
  } catch {
    // no usable Location: the status alone
  }
  return new ToolkitError(
    'API_UNREACHABLE',
    `${ENDPOINTS[endpoint]} answered HTTP ${res.status}, a redirect${to}: give --api the URL the CRM means (redirects are not followed).`,
    { context: { endpoint: ENDPOINTS[endpoint], status: res.status } },
  );
}

/** The longest Retry-After honoured; a longer one waits this long (the retries then tell). */
const MAX_RETRY_AFTER_MS = 60_000;

/** A 429's Retry-After (seconds, or an HTTP date) in ms, at most a minute; 0 when absent or unreadable. */
function retryAfterMs(res: HttpResponse, now = Date.now()): number {
  const value = res.headers['retry-after']?.trim() ?? '';
  if (value === '') return 0;
  const ms = /^\d+$/.test(value) ? Number(value) * 1000 : Date.parse(value) - now;
  return Number.isFinite(ms) && ms > 0 ? Math.min(ms, MAX_RETRY_AFTER_MS) : 0;
}

/** Create the caller. */
export function createApiCaller(o: ApiCallerOptions): ApiCaller {
  const transport = o.transport ?? fetchTransport();
  const limiter: RequestLimiter = createRequestLimiter(o.concurrency ?? 4, o.maxRequestsPerSecond);
  const maxRetries = o.maxRetries ?? 8;
  const base = o.backoffMs ?? 250;
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const stats: ApiStats = { requests: 0, retries: 0, rateLimited: 0, sandbox: true };
  const backoff = (attempt: number): number => Math.min(5000, base * 2 ** attempt) + Math.random() * base;
  const stopper = new AbortController();
  const stopped = (endpoint: Endpoint): ToolkitError =>
    new ToolkitError('API_UNREACHABLE', `${ENDPOINTS[endpoint]} was not sent: the client was stopped.`);

  const once = async (
    endpoint: Endpoint,
    form: string,
  ): Promise<Envelope | (Envelope & { readonly waitMs: number }) | 'retry'> => {
    const url = `${o.baseUrl}${ENDPOINTS[endpoint]}`;
    let res: HttpResponse;
    try {
      res = await limiter.run(() => {
        if (stopper.signal.aborted) throw stopped(endpoint);
        stats.requests++;
        return transport.post(url, form, stopper.signal);
      });
    } catch (cause) {
      if (cause instanceof ToolkitError) throw cause;
      if (stopper.signal.aborted) throw stopped(endpoint);
      return 'retry';
    }
    if (res.headers[SANDBOX_HEADER] !== '1') stats.sandbox = false;
    if (res.status === 429) return { kind: 'rate-limited', text: 'HTTP 429', waitMs: retryAfterMs(res) };
    if (res.status >= 300 && res.status < 400) throw redirected(endpoint, url, res);
    if (RETRY_STATUS.has(res.status)) return 'retry';
    if (res.status !== 200 && !res.body.trimStart().startsWith('{'))
      throw new ToolkitError('API_UNREACHABLE', `${ENDPOINTS[endpoint]} answered HTTP ${res.status}.`, {
        context: { endpoint: ENDPOINTS[endpoint], status: res.status },
      });
    return decodeEnvelope(res.body, ENDPOINTS[endpoint], [o.credentials.revealPassword()]);
  };

  return {
    stats,
    stop: () => stopper.abort(),
    async call(endpoint, params) {
      const form = new URLSearchParams({
        [AUTH_PARAMS.loginId]: o.credentials.loginId,
        [AUTH_PARAMS.password]: o.credentials.revealPassword(),
        ...params,
      }).toString();
      let lastWasRateLimit = false;
      for (let attempt = 0; ; attempt++) {
        const result = await once(endpoint, form);
        if (result !== 'retry' && result.kind !== 'rate-limited') return result;
        lastWasRateLimit = result !== 'retry';
        if (lastWasRateLimit) stats.rateLimited++;
        else if (UNSAFE_TO_REPEAT.has(endpoint))
          throw new ToolkitError(
            'API_UNREACHABLE',
            `${ENDPOINTS[endpoint]} got no answer: the CRM may have applied it; not sent again (it charges or refunds). Look at the customer in the CRM before running it again.`,
            { context: { endpoint: ENDPOINTS[endpoint] } },
          );
        if (attempt >= maxRetries) break;
        stats.retries++;
        // a 429's Retry-After is the server's word on when to come back (capped: see retryAfterMs)
        const asked = result !== 'retry' && 'waitMs' in result ? result.waitMs : 0;
        await sleep(Math.max(backoff(attempt), asked));
      }
      throw lastWasRateLimit
        ? new ToolkitError(
            'API_RATE_LIMITED',
            `${ENDPOINTS[endpoint]} stayed rate-limited after ${maxRetries} retries.`,
          )
        : new ToolkitError(
            'API_UNREACHABLE',
            `${ENDPOINTS[endpoint]} could not be reached after ${maxRetries} retries.`,
          );
    },
  };
}
