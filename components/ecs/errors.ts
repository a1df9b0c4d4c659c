/**
 * An ECS API call that failed, as one sentence naming the action, ECS's error code, ECS's
 * message and the request ID (what Alibaba Cloud support asks for). The SDK's error
 * (`@alicloud/openapi-client` doRequest) carries the answer's body in `data`: `Code`, `Message`,
 * `RequestId`, and the HTTP status in `data.statusCode`.
 */

export class EcsApiError extends Error {
  constructor(
    /** The ECS API action, such as `CopySnapshot`. */
    readonly action: string,
    /** ECS's error code, such as `InvalidSnapshotId.NotReady`; empty when no answer came. */
    readonly code: string,
    /** ECS's own message, or what went wrong before an answer came. */
    readonly ecsMessage: string,
    /** ECS's request ID; empty when no answer came. */
    readonly requestId: string,
    /** The HTTP status of ECS's answer; 0 when none came. */
    readonly statusCode: number,
    regionId: string,
  ) {
    super(
      code
        ? `ECS refused ${action} in ${regionId}: ${code}: ${ecsMessage.replace(/\.?$/, ".")} (request ID ${requestId || "not given"})`
        : `ECS ${action} in ${regionId} got no answer: ${ecsMessage}`,
    );
    this.name = "EcsApiError";
  }
}

interface SdkError {
  code?: unknown;
  message?: unknown;
  data?: { Code?: unknown; Message?: unknown; RequestId?: unknown; statusCode?: unknown };
}

/** The SDK's error (or any failure) of `action` as an {@link EcsApiError}. */
export function toEcsApiError(action: string, regionId: string, err: unknown): EcsApiError {
  if (err instanceof EcsApiError) return err;
  const e = (typeof err === "object" && err !== null ? err : {}) as SdkError;
  const data = e.data;
  if (data && typeof data.Code === "string")
    return new EcsApiError(
      action,
      data.Code,
      typeof data.Message === "string" ? data.Message : "",
      typeof data.RequestId === "string" ? data.RequestId : "",
      typeof data.statusCode === "number" ? data.statusCode : 0,
      regionId,
    );
  const message = err instanceof Error ? err.message : String(err);
  return new EcsApiError(action, "", message, "", 0, regionId);
}
