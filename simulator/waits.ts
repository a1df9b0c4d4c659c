/**
 * How the provider waits and retries, on the simulated cloud's clock: what the served resources
 * do around the model's operations. Nothing here sleeps; every wait advances the cloud's `now`
 * (SimulatedCloud.advance), so an hour-long upload costs an hour of simulated time in no time.
 *
 * Sources (simulator/FIDELITY.md has a row for each):
 * - terraform-plugin-sdk v1.17.2 `helper/resource/state.go` (StateChangeConf.WaitForState: Delay,
 *   then polls 100 ms doubling, bounded by MinTimeout and 10 s; the timeout counts from the start),
 *   `helper/resource/error.go` (TimeoutError's text), `helper/resource/wait.go` (Retry).
 * - terraform-provider-alicloud v1.289.0 `alicloud/common.go:1030-1052` (BuildStateConf's
 *   MinTimeout 3 s; incrementalWait), `alicloud/errors.go:207-241` (NeedRetry), `:373-415`
 *   (WrapErrorf, IdMsg).
 */
import { READ_TIMEOUT_MS, isHangFault, isTimeoutFault, timeoutMessage } from "./faults";
import { EcsError, type SimulatedCloud } from "./model";

/**
 * The object exists but the create did not finish (a wait timed out): as the bridge reports it,
 * with its ID and outputs, so that the engine keeps it in the state (ErrorResourceInitFailed).
 * `id`, `properties` and `reasons` are the names @pulumi/pulumi/provider's server packs.
 */
export class ResourceInitFailed extends Error {
  readonly reasons: string[];

  constructor(
    readonly id: string,
    readonly properties: Record<string, unknown>,
    cause: Error,
  ) {
    super(cause.message);
    this.name = "ResourceInitFailed";
    this.reasons = [cause.message];
  }
}

/** A wait ran out of time, as terraform-plugin-sdk's TimeoutError reads, wrapped as the provider wraps it. */
export class WaitTimeout extends Error {
  constructor(
    readonly target: string[],
    readonly lastState: string,
    readonly timeoutMs: number,
    where: { file: string; line: number; id: string },
  ) {
    const extra = [
      ...(lastState !== "" ? [`last state: '${lastState}'`] : []),
      ...(timeoutMs > 0 ? [`timeout: ${goDuration(timeoutMs)}`] : []),
    ];
    const suffix = extra.length > 0 ? ` (${extra.join(", ")})` : "";
    super(
      `[ERROR] terraform-provider-alicloud/alicloud/${where.file}:${where.line}: Resource id：${where.id} :\n` +
        `timeout while waiting for state to become '${target.join(", ")}'${suffix}`,
    );
    this.name = "WaitTimeout";
  }
}

/** What the provider waits with: BuildStateConf(pending = [], target, timeout, delay, refresh). */
export interface StateWait {
  /** The states that end the wait. */
  target: string[];
  /** The current state (DescribeX and one field); `""` when not found, which keeps polling. */
  refresh: () => string;
  /** The resource's timeout for this operation, ms (Infinity: none). */
  timeoutMs: number;
  /** Delay before the first poll, ms (5 s snapshot, 10 s disk and image). */
  delayMs: number;
  /** Where the provider wraps the timeout (`file`, `line`) and the object's ID. */
  where: { file: string; line: number; id: string };
}

/** BuildStateConf's MinTimeout: polls are at least 3 s apart (common.go:1036). */
const MIN_POLL_MS = 3000;
/** StateChangeConf: polls are at most 10 s apart (state.go). */
const MAX_POLL_MS = 10_000;

/**
 * StateChangeConf.WaitForState on the simulated clock: after the delay, poll until a target
 * state, the wait between polls doubling from 100 ms within [3 s, 10 s]; past the timeout
 * (counted from the start, delay included) fail with {@link WaitTimeout}. Pending is empty, so
 * any other state (also "" for not found) keeps polling.
 */
export function waitForState(cloud: SimulatedCloud, wait: StateWait): string {
  const deadline = cloud.now().getTime() + wait.timeoutMs;
  let last = "";
  const until = (ms: number): boolean => {
    if (cloud.now().getTime() + ms > deadline) {
      cloud.advance(deadline - cloud.now().getTime());
      return false;
    }
    cloud.advance(ms);
    return true;
  };
  if (!until(wait.delayMs)) throw new WaitTimeout(wait.target, last, wait.timeoutMs, wait.where);
  let pause = 0;
  for (;;) {
    last = wait.refresh();
    if (wait.target.includes(last)) return last;
    pause = Math.min(MAX_POLL_MS, Math.max(MIN_POLL_MS, pause === 0 ? 200 : pause * 2));
    if (!until(pause)) throw new WaitTimeout(wait.target, last, wait.timeoutMs, wait.where);
  }
}

/**
 * No answer within the SDK's read timeout (a `timeout` fault, simulator/faults.ts), as the Go
 * SDK reports it: a network error, not an ECS error code.
 */
export class NetworkTimeout extends Error {
  constructor(action: string) {
    super(timeoutMessage(action));
    this.name = "NetworkTimeout";
  }
}

/**
 * NeedRetry (errors.go:207-241): throttling (any code containing `Throttling`),
 * `ServiceUnavailable`, every HTTP 5xx (the SDK's message starts `code: 5xx`), and a request
 * that timed out (`Client.Timeout`, errors.go:224; `Post "https://…` at :212).
 */
export function needRetry(err: unknown): boolean {
  if (err instanceof NetworkTimeout) return true;
  if (!(err instanceof EcsError)) return false;
  return /Throttling/.test(err.code) || err.code === "ServiceUnavailable" || err.httpStatus >= 500;
}

/** What the provider retries one request with: resource.Retry(timeout, …) and its sleeps. */
export interface RetryPolicy {
  /** The resource's timeout for this operation, ms (Infinity: none). */
  timeoutMs: number;
  /** Whether a failure is retried (NeedRetry, or NeedRetry plus the resource's own codes). */
  retryable: (err: unknown) => boolean;
  /** The sleep before the n-th retry (n from 1), ms: incrementalWait(first, increase). */
  sleepMs: (n: number) => number;
}

/**
 * incrementalWait(first, increase) (common.go:1041-1052): sleeps `first`, then `increase` each
 * time after (its `waitTime` is local to each call, so the increase never accumulates).
 */
export function incrementalWait(firstMs: number, increaseMs: number): (n: number) => number {
  return (n) => (n === 1 ? firstMs : increaseMs);
}

/**
 * resource.Retry's own pause between attempts (terraform-plugin-sdk v1.17.2 `helper/resource/wait.go`:
 * a StateChangeConf with MinTimeout 500 ms): 500 ms, 1 s, 2 s, 4 s, 8 s, then 10 s.
 */
export function retryBackoffMs(n: number): number {
  return Math.min(10_000, 500 * 2 ** (n - 1));
}

/**
 * resource.Retry on the simulated clock: runs `request` until it succeeds, fails with an error
 * that is not retried, or the timeout has passed (then the last error is thrown, as Retry does).
 * A request whose answer never comes (a `timeout` fault) costs the SDK's read timeout first,
 * then fails as a {@link NetworkTimeout}, which NeedRetry retries; a `hang` fault is never
 * answered and goes up to the door, which stops answering.
 */
export function retry<T>(cloud: SimulatedCloud, policy: RetryPolicy, request: () => T): T {
  const deadline = cloud.now().getTime() + policy.timeoutMs;
  for (let n = 1; ; n++) {
    try {
      return request();
    } catch (caught) {
      if (isHangFault(caught)) throw caught;
      let err = caught;
      if (isTimeoutFault(caught)) {
        cloud.advance(READ_TIMEOUT_MS);
        err = new NetworkTimeout((caught as EcsError).apiMessage.split(" ")[0]);
      }
      if (!policy.retryable(err)) throw err;
      const sleep = policy.sleepMs(n) + retryBackoffMs(n);
      if (cloud.now().getTime() + sleep >= deadline) {
        cloud.advance(Math.max(0, deadline - cloud.now().getTime()));
        throw err;
      }
      cloud.advance(sleep);
    }
  }
}

/** A duration as Go's time.Duration.String() writes it: `5m0s`, `1h30m0s`, `45s`, `1.5s`. */
export function goDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "∞";
  if (ms === 0) return "0s";
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = (ms % 60_000) / 1000;
  const sec = `${Number.isInteger(s) ? s : Number(s.toFixed(3))}s`;
  if (h > 0) return `${h}h${m}m${sec}`;
  if (m > 0) return `${m}m${sec}`;
  return sec;
}

/**
 * IsExpectedErrors (errors.go:118-135) on an ECS error: its code is one of `codes`, or the
 * beginning of one (the tea SDK's "history bug" clause), or one of them appears in the response
 * body (code and message) — so `IncorrectDiskStatus` also matches `IncorrectDiskStatus.CreatingSnapshot`.
 */
export function isExpectedError(err: unknown, codes: readonly string[]): boolean {
  if (!(err instanceof EcsError)) return false;
  const body = `${err.code} ${err.apiMessage}`;
  return codes.some((c) => err.code === c || c.startsWith(err.code) || body.includes(c));
}
