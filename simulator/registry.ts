/**
 * What the simulated alicloud provider serves: ONE table of its resources and invokes, each a
 * file of simulator/resources/ or simulator/invokes/ with the shape of simulator/served.ts. A
 * new one is a new file and a line here. Every door reaches them through the functions below.
 *
 * Sources: @pulumi/alicloud 3.108 `ecs/*.d.ts` for names; terraform-provider-alicloud
 * `alicloud/resource_alicloud_ecs_snapshot.go`, `resource_alicloud_ecs_disk.go`,
 * `resource_alicloud_ecs_disk_attachment.go`, `resource_alicloud_image.go` for ForceNew and
 * Read; the data sources `data_source_alicloud_ecs_disks.go`, `data_source_alicloud_instances.go`
 * and `data_source_alicloud_ecs_snapshots.go` for the invokes (../shared/DOMAIN.md §3, §6).
 */
import type { IdFor, SimulatedCloud } from "./model";
import { getEcsDisks } from "./invokes/getEcsDisks";
import { getEcsSnapshotGroups } from "./invokes/getEcsSnapshotGroups";
import { getEcsSnapshots } from "./invokes/getEcsSnapshots";
import { getImages } from "./invokes/getImages";
import { getInstances } from "./invokes/getInstances";
import { ecsDisk } from "./resources/ecsDisk";
import { ecsDiskAttachment } from "./resources/ecsDiskAttachment";
import { ecsSnapshot } from "./resources/ecsSnapshot";
import { ecsSnapshotGroup } from "./resources/ecsSnapshotGroup";
import { image } from "./resources/image";
import {
  checkSchema,
  forceNewChanges,
  type CheckResult,
  type IsUnknown,
  type Operation,
  type Props,
  type ResourceState,
  type SameValue,
  type ServedInvoke,
  type ServedResource,
} from "./served";

/** Everything served, by the short name TOKENS gives its token. */
const SERVED = {
  getEcsDisks,
  getInstances,
  getEcsSnapshots,
  getImages,
  snapshot: ecsSnapshot,
  disk: ecsDisk,
  diskAttachment: ecsDiskAttachment,
  image,
  snapshotGroup: ecsSnapshotGroup,
  getEcsSnapshotGroups,
} as const;

/** The tokens of what is served, and of the provider itself. */
export const TOKENS = {
  ...(Object.fromEntries(Object.entries(SERVED).map(([name, served]) => [name, served.token])) as {
    [K in keyof typeof SERVED]: (typeof SERVED)[K]["token"];
  }),
  provider: "pulumi:providers:alicloud",
} as const;

const ALL: (ServedResource | ServedInvoke)[] = Object.values(SERVED);
const RESOURCES = ALL.filter((s): s is ServedResource => s.kind === "resource");
const INVOKES = ALL.filter((s): s is ServedInvoke => s.kind === "invoke");

/** The resource types the simulated provider serves. */
export const SERVED_RESOURCES: string[] = RESOURCES.map((r) => r.token);
/** The invokes the simulated provider serves. */
export const SERVED_INVOKES: string[] = INVOKES.map((i) => i.token);

/**
 * Inputs whose change replaces the resource (ForceNew in terraform-provider-alicloud), with how
 * the old state and the new input are compared where a plain comparison would not do.
 */
export const FORCE_NEW: Record<string, Record<string, SameValue | true>> = Object.fromEntries(
  RESOURCES.map((r) => [r.token, { ...r.forceNew }]),
);

/** The input names each resource accepts (its Args in @pulumi/alicloud); anything else is refused by Check. */
export const INPUT_NAMES: Record<string, string[]> = Object.fromEntries(
  RESOURCES.map((r) => [r.token, [...r.inputNames]]),
);

/** The served resource of a type, if it is served. */
export function resourceFor(type: string): ServedResource | undefined {
  return RESOURCES.find((r) => r.token === type);
}

/** The served invoke of a token, if it is served. */
export function invokeFor(token: string): ServedInvoke | undefined {
  return INVOKES.find((i) => i.token === token);
}

/** How a create, update or delete is timed: the engine's timeout in seconds, if it sent one. */
export interface OperationOptions {
  /** `customTimeouts` for this operation, seconds; 0 or absent: the resource's default; Infinity: none. */
  timeoutSeconds?: number;
  /** The mocks door's stable IDs. */
  idFor?: IdFor;
}

/** The operation's timeout: the engine's, else the provider's default for the resource (minutes). */
function operation(
  resource: ServedResource,
  kind: "create" | "update" | "delete",
  options: OperationOptions,
): Operation {
  const given = options.timeoutSeconds;
  const defaultMinutes = resource.timeouts[kind] ?? resource.timeouts.create;
  const timeoutMs = given !== undefined && given > 0 ? given * 1000 : defaultMinutes * 60_000;
  return { timeoutMs, idFor: options.idFor };
}

/**
 * Check: the inputs with the schema's defaults and the failures, as the bridge's Check;
 * `undefined` when the type is not served.
 */
export function checkResource(type: string, news: Props, isUnknown: IsUnknown = () => false): CheckResult | undefined {
  const resource = resourceFor(type);
  if (!resource) return undefined;
  return resource.check ? resource.check(news, isUnknown) : checkSchema(resource, news, isUnknown);
}

/** Inputs that update in place and differ from the state: the bridge reports them as an update. */
export function driftedBy(type: string, olds: Props, news: Props, isUnknown: IsUnknown): string[] {
  return resourceFor(type)?.drift?.(olds, news, isUnknown) ?? [];
}

/** The inputs of `news` that force a replacement of a resource whose state is `olds`. */
export function replacedBy(type: string, olds: Props, news: Props, isUnknown: IsUnknown): string[] {
  const resource = resourceFor(type);
  if (!resource) return [];
  return resource.diff ? resource.diff(olds, news, isUnknown) : forceNewChanges(resource, olds, news, isUnknown);
}

/**
 * Creates a resource in the cloud from its Pulumi inputs, waiting as the provider waits; throws
 * ECS's refusal as an EcsError, a wait past the timeout as waits.ts ResourceInitFailed.
 */
export function createResource(
  cloud: SimulatedCloud,
  type: string,
  inputs: Props,
  options: OperationOptions = {},
): ResourceState {
  const resource = served(type);
  return resource.create(cloud, inputs, operation(resource, "create", options));
}

/**
 * Reads a resource back (refresh). `undefined` when the cloud no longer has it: the provider
 * then clears the ID (`d.SetId("")` in each Read), and the engine drops it from the state.
 */
export function readResource(cloud: SimulatedCloud, type: string, id: string, inputs: Props): Props | undefined {
  return served(type).read(cloud, id, inputs);
}

/** Updates what the provider updates in place (every input that does not force a replacement). */
export function updateResource(
  cloud: SimulatedCloud,
  type: string,
  id: string,
  olds: Props,
  news: Props,
  options: OperationOptions = {},
): Props {
  const resource = resourceFor(type);
  if (!resource?.update) throw new Error(`${type} has no input that updates in place; every change replaces it.`);
  return resource.update(cloud, id, olds, news, operation(resource, "update", options));
}

/** Deletes a resource; an attachment detaches the disk. */
export function deleteResource(
  cloud: SimulatedCloud,
  type: string,
  id: string,
  state: Props,
  options: OperationOptions = {},
): void {
  const resource = served(type);
  resource.delete(cloud, id, state, operation(resource, "delete", options));
}

/** Answers an invoke as the provider's data source does. */
export function answerInvoke(cloud: SimulatedCloud, token: string, inputs: Props): Props {
  const invoke = invokeFor(token);
  if (!invoke) throw notServed("invoke", token);
  return invoke.invoke(cloud, inputs);
}

function served(type: string): ServedResource {
  const resource = resourceFor(type);
  if (!resource) throw notServed("resource", type);
  return resource;
}

function notServed(kind: "resource" | "invoke", token: string): Error {
  const list = kind === "resource" ? SERVED_RESOURCES : SERVED_INVOKES;
  return new Error(
    `The simulated alicloud provider does not serve the ${kind} ${token}; it serves ${list.join(", ")}. Use the real provider for it, or add it to simulator/registry.ts.`,
  );
}
