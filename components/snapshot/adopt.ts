/**
 * What a killed `up` left in the cloud and not in the state, adopted instead of made twice: a
 * restored disk, its attachment, an image. Each is found by what identifies it as the
 * component's, and the resource is registered with `import: <its ID>` by a transform, as the
 * snapshot is ({@link adoptExisting} in check.ts): the engine imports only when the stack's state
 * does not hold the resource or holds another ID (pulumi/pulumi v3.248.0
 * `pkg/resource/deploy/step_generator.go:1001`), and reads `import` after the transforms
 * (`source_eval.go:2463`). A transform runs once the inputs have resolved (outputs among them
 * are read with `settle`), so the restored disk's snapshot ID is known by then.
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
