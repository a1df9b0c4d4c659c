/**
 * What a killed `up` left in the cloud and not in the state, adopted instead of made twice: the
 * snapshot, a restored disk, its attachment, an image. Each is found by what identifies it as the
 * component's, and the resource is registered with `import: <its ID>` by a transform: the engine
 * imports only when the stack's state does not hold the resource or holds another ID
 * (pulumi/pulumi v3.248.0 `pkg/resource/deploy/step_generator.go:1001`), and reads `import`
 * after the transforms (`source_eval.go:2463`). A transform, because the SDK copies a resource's
 * options when it is constructed, before any lookup has answered (an `import` set later would
 * never be sent). A transform runs once the inputs have resolved (outputs among them are read
 * with `settle`), so the restored disk's snapshot ID is known by then.
 *
 * The snapshot's transform is one stack transform per program, registered only once a lookup
 * finds a component's snapshot in the cloud ({@link adoptSnapshot}): each transform costs the
 * engine a callback into the program for every resource it applies to, and a program whose
 * snapshots do not exist yet (a new stack, a new generation) then pays none. The restores' are
 * per resource, found when the transform runs.
 *
 * Only under the engine (Pulumi's mocks run no transforms). One match is adopted; none, or more
 * than one (which one would be a guess), leaves the resource as it is.
 */
import * as pulumi from "@pulumi/pulumi";
import { getEcsDisks, getImages } from "@pulumi/alicloud/ecs";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

import { settle } from "../internal/outputs";
import { lookupDisk } from "../lookups";

/** A lookup of the one object in the cloud that the resource with these inputs would make. */
export type Find = (
  props: Record<string, unknown>,
  provider: pulumi.ProviderResource | undefined,
) => Promise<string | undefined>;

/**
 * The transform that registers the resource with `import: <id>` when `find` finds its object;
 * `unread` are inputs the provider's Read leaves out (their changes are ignored, as an import
 * that differs from what is read fails).
 */
function adoptBy(
  component: pulumi.ComponentResource,
  token: string,
  find: Find,
  unread: string[] = [],
): pulumi.ResourceTransform[] {
  const monitor = pulumi.runtime.getMonitor();
  if (!monitor || monitor instanceof MockMonitor) return [];
  const provider = component.getProvider(token);
  return [
    async (args) => {
      const opts = args.opts as pulumi.CustomResourceOptions;
      // The engine hands an import not set as "".
      if (opts.import) return undefined;
      // Inputs that carry dependencies arrive as outputs: their values, undefined while unknown.
      const entries = await Promise.all(
        Object.entries(args.props).map(async ([k, v]) => [k, await settle(v as pulumi.Input<unknown>)] as const),
      );
      const id = await find(Object.fromEntries(entries), provider).catch(() => undefined);
      if (id === undefined) return undefined;
      // Inputs the provider's Read does not return would differ from the read state: an import fails on that.
      const ignoreChanges = unread.length > 0 ? [...(opts.ignoreChanges ?? []), ...unread] : opts.ignoreChanges;
      return { props: args.props, opts: { ...opts, import: id, ...(ignoreChanges ? { ignoreChanges } : {}) } };
    },
  ];
}

/** The type of the component's snapshot, which the stack transform of {@link adoptSnapshot} looks for. */
const SNAPSHOT_TYPE = "alicloud:ecs/ecsSnapshot:EcsSnapshot";

/** A snapshot to adopt: its component (the resource's parent) and the ID found in the cloud. */
export interface Adoption {
  parent: pulumi.Resource;
  id: string;
}

/** Per program (by its monitor): the snapshots to adopt, by the snapshot resource's name. */
const adoptions = new WeakMap<object, Map<string, Adoption[]>>();

/**
 * Registers the snapshot resource `name` of `component` with `import: <id>`: the component's
 * snapshot found in the cloud (same disk, name, kind, generation: check.ts `decide`'s
 * `existing`), so that a snapshot made before an `up` was killed is adopted, never made twice.
 *
 * Called when the lookup answers, before the snapshot's disk ID resolves: the SDK holds every
 * registration, this one included, until the stack transforms it was asked to register are
 * registered (@pulumi/pulumi `runtime/resource.js`, `awaitStackRegistrations`), so the
 * transform is in place when the engine receives the snapshot. Nothing under Pulumi's mocks.
 */
export function adoptSnapshot(component: pulumi.ComponentResource, name: string, id: string): void {
  const monitor = pulumi.runtime.getMonitor();
  if (!monitor || monitor instanceof MockMonitor) return;
  let wanted = adoptions.get(monitor);
  if (!wanted) {
    wanted = new Map();
    adoptions.set(monitor, wanted);
    pulumi.runtime.registerResourceTransform(adoptWanted(wanted));
  }
  wanted.set(name, [...(wanted.get(name) ?? []), { parent: component, id }]);
}

/** The stack transform: `import` for each snapshot resource {@link adoptSnapshot} was told of, nothing for any other. */
export function adoptWanted(wanted: ReadonlyMap<string, Adoption[]>): pulumi.ResourceTransform {
  return async (args) => {
    const candidates = args.custom && args.type === SNAPSHOT_TYPE ? wanted.get(args.name) : undefined;
    const opts = args.opts as pulumi.CustomResourceOptions;
    // The engine hands an import not set as "".
    if (!candidates || opts.import) return undefined;
    // Two components of one name under different parents name their snapshots alike: the parent tells.
    const parent = await settle(opts.parent?.urn);
    for (const { parent: component, id } of candidates)
      if (parent !== undefined && (await settle(component.urn)) === parent)
        return { props: args.props, opts: { ...opts, import: id } };
    return undefined;
  };
}

/** True when the input is not given (or not known) or equals what the cloud reports. */
function sameIfGiven(input: unknown, reported: unknown): boolean {
  const given = known(input);
  return given === undefined || given === reported;
}

/** A string input that is known (during a preview an input may not be). */
function known(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/**
 * A restored disk: the disk of its name made from its snapshot (DescribeDisks filters both),
 * with every tag the component sets.
 */
export function adoptRestoredDisk(component: pulumi.ComponentResource): pulumi.ResourceTransform[] {
  return adoptBy(component, "alicloud:ecs/getEcsDisks:getEcsDisks", findRestoredDisk);
}

/** The ID of the one disk {@link adoptRestoredDisk} adopts, if there is exactly one. */
export const findRestoredDisk: Find = async (props, provider) => {
  const diskName = known(props.diskName);
  const snapshotId = known(props.snapshotId);
  if (!diskName || !snapshotId) return undefined;
  const found = await getEcsDisks({ diskName, snapshotId }, provider ? { provider } : {});
  const tags = Object.entries((props.tags as Record<string, unknown> | undefined) ?? {});
  const matches = (found.disks ?? []).filter(
    (d) =>
      tags.every(([k, v]) => (d.tags as Record<string, string> | undefined)?.[k] === v) &&
      // What replaces a disk (ForceNew) must match too: a disk the state holds and that is to be
      // replaced must not be "imported" (the engine refuses to replace an imported resource).
      sameIfGiven(props.zoneId, d.zoneId) &&
      sameIfGiven(props.kmsKeyId, d.kmsKeyId) &&
      (typeof props.encrypted !== "boolean" || props.encrypted === (d.encrypted === "on")),
  );
  return matches.length === 1 ? matches[0].id : undefined;
};

/**
 * A restored disk's attachment: the disk attached to the instance asked for. Its ID is
 * `<diskId>:<instanceId>`, as the provider sets it (terraform-provider-alicloud
 * `resource_alicloud_ecs_disk_attachment.go`). Its Read sets only `disk_id`, `instance_id` and
 * `device`, so `bootable` and `deleteWithInstance` (schema defaults false, neither set by the
 * component) are not compared on the import.
 */
export function adoptAttachment(component: pulumi.ComponentResource): pulumi.ResourceTransform[] {
  return adoptBy(component, "alicloud:ecs/getEcsDisks:getEcsDisks", findAttachment, ["bootable", "deleteWithInstance"]);
}

/** The ID of the attachment {@link adoptAttachment} adopts: the disk is attached to the instance asked for. */
export const findAttachment: Find = async (props, provider) => {
  const diskId = known(props.diskId);
  const instanceId = known(props.instanceId);
  if (!diskId || !instanceId) return undefined;
  const { disk } = await lookupDisk(diskId, provider);
  return disk?.instanceId === instanceId ? `${diskId}:${instanceId}` : undefined;
};

/**
 * An image: image names are unique in a region (CreateImage refuses a second with
 * InvalidImageName.Duplicated), so the account's own image of its name. DescribeImages matches
 * the name fuzzily and answers one status a call (`Available` unless asked): the name is compared
 * here, and an image still being made is looked for when no available one is found.
 */
export function adoptImage(component: pulumi.ComponentResource): pulumi.ResourceTransform[] {
  return adoptBy(component, "alicloud:ecs/getImages:getImages", findImage);
}

/** The ID of the image {@link adoptImage} adopts: the account's own image of exactly its name. */
export const findImage: Find = async (props, provider) => {
  const imageName = known(props.imageName);
  const mappings = props.diskDeviceMappings as { snapshotId?: unknown }[] | undefined;
  const snapshotId = known(mappings?.[0]?.snapshotId);
  if (!imageName || !snapshotId) return undefined;
  const opts = provider ? { provider } : {};
  for (const status of ["Available", "Creating"]) {
    const found = await getImages({ owners: "self", imageName, status }, opts);
    const matches = (found.images ?? []).filter(
      (i) =>
        i.name === imageName &&
        // Made from this snapshot, with what else replaces an image (ForceNew): a kept image of
        // an earlier generation, or one the state holds and that is to be replaced, is not it.
        i.diskDeviceMappings?.[0]?.snapshotId === snapshotId &&
        sameIfGiven(props.architecture, i.architecture) &&
        sameIfGiven(props.platform, i.platform),
    );
    if (matches.length > 0) return matches.length === 1 ? matches[0].id : undefined;
  }
  return undefined;
};

/** The options with the adoption's transforms after the caller's own. */
export function withAdoption(
  opts: pulumi.CustomResourceOptions,
  adoption: pulumi.ResourceTransform[],
): pulumi.CustomResourceOptions {
  return adoption.length === 0 ? opts : { ...opts, transforms: [...(opts.transforms ?? []), ...adoption] };
}
