/**
 * The ECS API client the recovery components use (CopySnapshot, ResetDisk, StopInstance,
 * StartInstance and the reads around them): credentials from the alicloud provider's sources,
 * the region as the provider decides it, ECS's errors as sentences.
 */
export * from "./client";
export * from "./credentials";
export * from "./errors";
export * from "./region";
