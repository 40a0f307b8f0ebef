/**
 * Which DynamoDB failures are worth another try, and how long to wait: exponential backoff with
 * full jitter (a random wait between 0 and base·2^attempt, capped), so many writers that were
 * throttled together do not come back together.
 */

export interface RetryPolicy {
  /** Attempts per request, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 12, baseDelayMs: 50, maxDelayMs: 5000 };

const THROTTLING = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'Throttling',
  'ThrottledException',
  'TooManyRequestsException',
  'LimitExceededException',
]);
const TRANSIENT = new Set(['InternalServerError', 'InternalFailure', 'ServiceUnavailable', 'ServiceUnavailableException', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException']);
const NETWORK_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNREFUSED', 'ETIMEDOUT', 'ECONNABORTED', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_SOCKET']);

interface ErrorLike {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
  $retryable?: unknown;
  cause?: unknown;
}

/** 'throttled', 'transient' (5xx, dropped connections, timeouts) or undefined when retrying cannot help. */
export function classifyError(error: unknown): 'throttled' | 'transient' | undefined {
  const value = (error ?? {}) as ErrorLike;
  if (value.name && THROTTLING.has(value.name)) return 'throttled';
  const status = value.$metadata?.httpStatusCode;
  if (status === 429) return 'throttled';
  if (value.name && TRANSIENT.has(value.name)) return 'transient';
  if (typeof status === 'number' && status >= 500) return 'transient';
  if (value.code && NETWORK_CODES.has(value.code)) return 'transient';
  if (/socket hang up|ECONNRESET|EPIPE|ECONNREFUSED|socket disconnected|other side closed|timed? ?out/i.test(value.message ?? '')) return 'transient';
  if (value.cause && value.cause !== error) return classifyError(value.cause);
  return undefined;
}

export function getBackoffDelay(attempt: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.floor((policy.random ?? Math.random)() * ceiling);
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export interface RetryStats {
  throttled: number;
  transient: number;
  unprocessed: number;
}

export function createRetryStats(): RetryStats {
  return { throttled: 0, transient: 0, unprocessed: 0 };
}

/** Runs `send` until it succeeds, a non-retryable error, or the attempts run out (then the last error). */
export async function withRetry<T>(send: () => Promise<T>, policy: RetryPolicy, stats: RetryStats): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await send();
    } catch (error) {
      const kind = classifyError(error);
      if (!kind || attempt + 1 >= policy.maxAttempts) throw error;
      stats[kind] += 1;
      await (policy.sleep ?? sleep)(getBackoffDelay(attempt, policy));
    }
  }
}
