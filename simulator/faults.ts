/**
 * Faults from outside: `ESSD_SIM_FAULTS`, the environment variable `scripts/pulumi-sim` reads,
 * turned into the model's fault hook (SimulatedCloud.injectFault), and the two faults that are
 * not an ECS answer but the lack of one: `timeout` and `hang`.
 *
 * Syntax (simulator/README.md "Faults"): entries separated by `;`, each
 *
 *   <Action>:<Code>[:<times>]          the request is refused with <Code>, nothing done
 *   <Action>:after:<Code>[:<times>]    the action takes effect, then its answer is <Code>
 *   <Action>:after:timeout[:<times>]   the action takes effect, and no answer comes: the SDK's
 *                                      read timeout passes (60 s on the cloud's clock) and the
 *                                      provider retries it as a `Client.Timeout` network error
 *   <Action>:after:hang                the action takes effect, and the stand-in provider never
 *                                      answers (real time) until its process ends: a device to
 *                                      kill `pulumi` at a chosen step; it writes `<state>.hang`
 *
 * `<Action>` is an ECS action as the RAM policy names it (`CreateSnapshot`, `CreateDisk`,
 * `AttachDisk`, `CreateImage`, `DescribeSnapshots`…); `<Code>` any ECS error code
 * (`Throttling.User`, `ServiceUnavailable`, `InternalError`, `QuotaExceed.Snapshot`…), HTTP
 * status as the model's hook gives it (503, 500, 403 for throttling, else 400), or `<Code>@<status>`.
 */
import { EcsError, type Fault } from "./model";

/** The code a fault stores for "no answer before the SDK's read timeout". */
export const TIMEOUT_CODE = "timeout";
/** The code a fault stores for "no answer at all, until the process ends". */
export const HANG_CODE = "hang";

/**
 * The SDK's read timeout, ms: terraform-provider-alicloud v1.289.0 `alicloud/provider.go:131-135`
 * (`client_read_timeout`, default 60000 ms from CLIENT_READ_TIMEOUT), set on the ECS client at
 * `alicloud/connectivity/client.go:320`.
 */
export const READ_TIMEOUT_MS = 60_000;

/** Parses ESSD_SIM_FAULTS; throws one Error naming every bad entry. An empty text is no fault. */
export function parseFaults(text: string): Fault[] {
  const faults: Fault[] = [];
  const problems: string[] = [];
  for (const raw of text.split(";")) {
    const entry = raw.trim();
    if (entry === "") continue;
    const parsed = parseEntry(entry);
    if (typeof parsed === "string") problems.push(`"${entry}": ${parsed}`);
    else faults.push(parsed);
  }
  if (problems.length > 0)
    throw new Error(
      `ESSD_SIM_FAULTS has ${problems.length === 1 ? "a bad entry" : `${problems.length} bad entries`}:\n` +
        problems.map((p) => `  - ${p}`).join("\n") +
        "\nEach entry is <Action>:<Code>[:<times>], <Action>:after:<Code>[:<times>], <Action>:after:timeout[:<times>] or <Action>:after:hang, separated by ';' (e.g. CreateSnapshot:Throttling.User:2;CreateDisk:after:timeout).",
    );
  return faults;
}

function parseEntry(entry: string): Fault | string {
  const parts = entry.split(":").map((p) => p.trim());
  const [action, ...rest] = parts;
  if (!/^[A-Z][A-Za-z]+$/.test(action)) return "the action must be an ECS action such as CreateSnapshot";
  const after = rest[0] === "after";
  if (after) rest.shift();
  if (rest.length === 0 || rest[0] === "") return "a code is missing after the action";
  if (rest.length > 2) return "too many ':' parts";
  const [codeText, timesText] = rest;
  const at = codeText.indexOf("@");
  const code = at < 0 ? codeText : codeText.slice(0, at);
  if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(code))
    return `the code "${code}" is not an error code (letters, digits, '.', '_', '-')`;
  if ((code === TIMEOUT_CODE || code === HANG_CODE) && !after)
    return `"${code}" happens after the action took effect: write ${action}:after:${code}`;
  const fault: Fault = { action, code, when: after ? "after" : "before" };
  if (at >= 0) {
    const status = Number(codeText.slice(at + 1));
    if (!Number.isInteger(status) || status < 400 || status > 599) return "the HTTP status after '@' must be 400..599";
    fault.httpStatus = status;
  }
  if (timesText !== undefined) {
    const times = Number(timesText);
    if (!Number.isInteger(times) || times < 1) return `times must be a whole number from 1, not "${timesText}"`;
    if (code === HANG_CODE && times !== 1) return "a hang happens once: its process never answers again";
    fault.times = times;
  }
  return fault;
}

/** The request got no answer within the SDK's read timeout (a `timeout` fault). */
export function isTimeoutFault(err: unknown): boolean {
  return err instanceof EcsError && err.code === TIMEOUT_CODE;
}

/** The request will get no answer at all (a `hang` fault). */
export function isHangFault(err: unknown): boolean {
  return err instanceof EcsError && err.code === HANG_CODE;
}

/**
 * What the provider reports when the SDK's read timeout passes, as Go's net/http words it (the
 * text NeedRetry looks for: `Client.Timeout`, errors.go:224).
 */
export function timeoutMessage(action: string): string {
  return `Post "https://ecs.aliyuncs.com/": ${action}: net/http: request canceled (Client.Timeout exceeded while awaiting headers)`;
}
