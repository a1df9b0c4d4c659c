/**
 * The pack's policies: each reads the resource's inputs (or the stack's resources) into plain
 * facts and hands them to a pure rule in ./rules. Thin on purpose: the decisions are tested
 * there, the wiring here.
 */
import { EcsDisk, EcsSnapshot, EcsSnapshotGroup, Image } from "@pulumi/alicloud/ecs";
import {
  validateResourceOfType,
  type PolicyConfigSchema,
  type PolicyResource,
  type ReportViolation,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationPolicy,
} from "@pulumi/policy";

import { ESSD_SNAPSHOT_GROUP_TYPE } from "../components/group/args";
import { SNAPSHOT_COPY_TYPE } from "../components/rules/copies";

import { read } from "./plain";
import { POLICY, POLICY_SPECS, resolveParameters } from "./rules/config";
import { isSet, type ResourceRef } from "./rules/facts";
import { checkGroupOwned } from "./rules/groups";
import { checkImageMappings, checkRestoreProtected, imageSnapshotPaths } from "./rules/restore";
import { DISK_ROLLBACK_RESOURCE_TYPE, checkRollbackSafety } from "./rules/rollback";
import { checkFlashCategory, checkRetention, checkSnapshotName } from "./rules/snapshot";
import {
  checkFlashSourceDisk,
  checkSnapshotsPerDisk,
  findSourceDisk,
  type StackDisk,
  type StackSnapshot,
} from "./rules/stack";
import { checkTags } from "./rules/tags";

type Policy = ResourceValidationPolicy | StackValidationPolicy;

/** The configSchema of a policy, from its spec (the engine validates config against it). */
function configSchema(policy: string): PolicyConfigSchema | undefined {
  const parameters = POLICY_SPECS[policy].parameters;
  return Object.keys(parameters).length > 0 ? { properties: { ...parameters } } : undefined;
}

function ref(type: string, name: string): ResourceRef {
  return { type, name };
}

/** The common fields of every policy, from its spec. */
function base(
  name: string,
  description: string,
): Pick<Policy, "name" | "description" | "enforcementLevel" | "configSchema"> {
  const schema = configSchema(name);
  return {
    name,
    description,
    enforcementLevel: POLICY_SPECS[name].enforcementLevel,
    ...(schema ? { configSchema: schema } : {}),
  };
}

/**
 * A validation of essd-snapshots' copies in other regions (SnapshotCopy, a dynamic resource:
 * no class to name in validateResourceOfType), by type token.
 */
function ofCopies(validate: (props: unknown, args: ResourceValidationArgs, report: ReportViolation) => void) {
  return ofType(SNAPSHOT_COPY_TYPE, validate);
}

/** A validation of the resources of one type token (a component or a dynamic resource). */
function ofType(
  type: string,
  validate: (props: unknown, args: ResourceValidationArgs, report: ReportViolation) => void,
) {
  return (args: ResourceValidationArgs, report: ReportViolation) => {
    if (args.type !== type) {
      args.notApplicable(`not a ${type}`);
      return;
    }
    validate(args.props, args, report);
  };
}

function retentionValidation(type: string) {
  return (props: unknown, args: { name: string; getConfig<T extends object>(): T }, report: (m: string) => void) => {
    const { maxRetentionDays } = resolveParameters<{ maxRetentionDays: number }>(POLICY.retention, args.getConfig());
    const problems = checkRetention(ref(type, args.name), read(props, "retentionDays"), maxRetentionDays);
    problems.forEach((p) => report(p));
  };
}

const retention: ResourceValidationPolicy = {
  ...base(
    POLICY.retention,
    "ESSD snapshots, their copies in other regions and snapshot-consistent groups have a retention period, within the stack's maximum.",
  ),
  validateResource: [
    validateResourceOfType(EcsSnapshot, retentionValidation("ecs.EcsSnapshot")),
    ofCopies(retentionValidation("SnapshotCopy")),
    // A group's retention is its component's (ECS has none for groups); a group without the
    // component's owner tag has none at all.
    ofType(ESSD_SNAPSHOT_GROUP_TYPE, retentionValidation("EssdSnapshotGroup")),
    validateResourceOfType(EcsSnapshotGroup, (props, args, report) => {
      resolveParameters(POLICY.retention, args.getConfig());
      checkGroupOwned(ref("ecs.EcsSnapshotGroup", args.name), read(props, "tags")).forEach((p) => report(p));
    }),
  ],
};

/** Disks and images count when they are restored from a snapshot. */
function restoredFrom(props: unknown, isImage: boolean): boolean {
  if (!isImage) return isSet(read(props, "snapshotId"));
  return (
    imageSnapshotPaths({ snapshotId: read(props, "snapshotId"), diskDeviceMappings: read(props, "diskDeviceMappings") })
      .length > 0
  );
}

function tagsValidation(type: string, isRestore: "disk" | "image" | undefined) {
  return (props: unknown, args: { name: string; getConfig<T extends object>(): T }, report: (m: string) => void) => {
    if (isRestore && !restoredFrom(props, isRestore === "image")) return;
    const { requiredTagKeys } = resolveParameters<{ requiredTagKeys: string[] }>(POLICY.requiredTags, args.getConfig());
    checkTags(ref(type, args.name), read(props, "tags"), requiredTagKeys).forEach((p) => report(p));
  };
}

const requiredTags: ResourceValidationPolicy = {
  ...base(
    POLICY.requiredTags,
    "ESSD snapshots, their copies, snapshot-consistent groups, and the disks and images restored from them, carry the required tag keys and valid tags.",
  ),
  validateResource: [
    validateResourceOfType(EcsSnapshot, tagsValidation("ecs.EcsSnapshot", undefined)),
    validateResourceOfType(EcsSnapshotGroup, tagsValidation("ecs.EcsSnapshotGroup", undefined)),
    validateResourceOfType(EcsDisk, tagsValidation("ecs.EcsDisk", "disk")),
    validateResourceOfType(Image, tagsValidation("ecs.Image", "image")),
    ofCopies(tagsValidation("SnapshotCopy", undefined)),
  ],
};

const flashCategory: ResourceValidationPolicy = {
  ...base(POLICY.flashCategory, 'Legacy local snapshots (category "flash") only where the account can take them.'),
  validateResource: validateResourceOfType(EcsSnapshot, (props, args, report) => {
    const { flashAllowed } = resolveParameters<{ flashAllowed: boolean }>(POLICY.flashCategory, args.getConfig());
    checkFlashCategory(ref("ecs.EcsSnapshot", args.name), read(props, "category"), flashAllowed).forEach((p) =>
      report(p),
    );
  }),
};

const snapshotName: ResourceValidationPolicy = {
  ...base(POLICY.snapshotName, "ESSD snapshots set a valid snapshotName, not the deprecated name."),
  validateResource: validateResourceOfType(EcsSnapshot, (props, args, report) => {
    resolveParameters(POLICY.snapshotName, args.getConfig());
    checkSnapshotName(ref("ecs.EcsSnapshot", args.name), read(props, "snapshotName"), read(props, "name")).forEach(
      (p) => report(p),
    );
  }),
};

const imageMappings: ResourceValidationPolicy = {
  ...base(POLICY.imageMappings, "Images made from a snapshot name it in diskDeviceMappings."),
  validateResource: validateResourceOfType(Image, (props, args, report) => {
    resolveParameters(POLICY.imageMappings, args.getConfig());
    checkImageMappings(ref("ecs.Image", args.name), {
      snapshotId: read(props, "snapshotId"),
      diskDeviceMappings: read(props, "diskDeviceMappings"),
    }).forEach((p) => report(p));
  }),
};

const restoreProtected: ResourceValidationPolicy = {
  ...base(
    POLICY.restoreProtected,
    "Disks and images restored from a snapshot are not replaced when the snapshot is re-created after it expires.",
  ),
  validateResource: [
    validateResourceOfType(EcsDisk, (props, args, report) => {
      resolveParameters(POLICY.restoreProtected, args.getConfig());
      checkRestoreProtected({
        resource: ref("ecs.EcsDisk", args.name),
        snapshotPaths: isSet(read(props, "snapshotId")) ? ["snapshotId"] : [],
        ignoreChanges: args.opts.ignoreChanges ?? [],
        protect: args.opts.protect === true,
      }).forEach((p) => report(p));
    }),
    validateResourceOfType(Image, (props, args, report) => {
      resolveParameters(POLICY.restoreProtected, args.getConfig());
      checkRestoreProtected({
        resource: ref("ecs.Image", args.name),
        snapshotPaths: imageSnapshotPaths({
          snapshotId: read(props, "snapshotId"),
          diskDeviceMappings: read(props, "diskDeviceMappings"),
        }),
        ignoreChanges: args.opts.ignoreChanges ?? [],
        protect: args.opts.protect === true,
      }).forEach((p) => report(p));
    }),
  ],
};

/** The stack's snapshots and disks as plain facts. */
function stackFacts(resources: readonly PolicyResource[]): { snapshots: StackSnapshot[]; disks: StackDisk[] } {
  const disks: StackDisk[] = resources
    .filter((r) => r.isType(EcsDisk))
    .map((r) => ({
      ref: ref("ecs.EcsDisk", r.name),
      urn: r.urn,
      category: read(r.props, "category"),
      encrypted: read(r.props, "encrypted"),
    }));
  const snapshots: StackSnapshot[] = resources
    .filter((r) => r.isType(EcsSnapshot))
    .map((r) => ({
      ref: ref("ecs.EcsSnapshot", r.name),
      urn: r.urn,
      diskId: read(r.props, "diskId"),
      diskIdDependsOn: (r.propertyDependencies["diskId"] ?? []).map((d) => d.urn),
      category: read(r.props, "category"),
      retentionDays: read(r.props, "retentionDays"),
    }));
  return { snapshots, disks };
}

const flashSourceDisk: StackValidationPolicy = {
  ...base(
    POLICY.flashSourceDisk,
    'Legacy local snapshots (category "flash") are taken of unencrypted cloud_essd disks only.',
  ),
  validateStack: (args, report) => {
    resolveParameters(POLICY.flashSourceDisk, args.getConfig());
    const { snapshots, disks } = stackFacts(args.resources);
    for (const snapshot of snapshots) {
      checkFlashSourceDisk(snapshot, findSourceDisk(snapshot, disks)).forEach((p) => report(p, snapshot.urn));
    }
  },
};

const snapshotsPerDisk: StackValidationPolicy = {
  ...base(
    POLICY.snapshotsPerDisk,
    "No source disk has more snapshots in the stack than allowed, and no snapshot is kept without retention.",
  ),
  validateStack: (args, report) => {
    const { maxSnapshotsPerDisk } = resolveParameters<{ maxSnapshotsPerDisk: number }>(
      POLICY.snapshotsPerDisk,
      args.getConfig(),
    );
    const { snapshots, disks } = stackFacts(args.resources);
    for (const v of checkSnapshotsPerDisk(snapshots, disks, maxSnapshotsPerDisk)) report(v.message, v.urn);
  },
};

const rollbackSafety: ResourceValidationPolicy = {
  ...base(POLICY.rollbackSafety, "Disk rollbacks (DiskRollback) take a safety snapshot first, so they can be undone."),
  validateResource: (args, report) => {
    if (args.type !== DISK_ROLLBACK_RESOURCE_TYPE) return;
    resolveParameters(POLICY.rollbackSafety, args.getConfig());
    // The reset is named `<component>-reset`: the message names the component.
    const name = args.name.replace(/-reset$/, "");
    checkRollbackSafety(
      ref("DiskRollback", name),
      read(args.props, "diskId"),
      read(args.props, "safetySnapshotId"),
    ).forEach((p) => report(p));
  },
};

/** Every policy of the pack, in the order the README lists them. */
export const policies: Policy[] = [
  retention,
  requiredTags,
  flashCategory,
  flashSourceDisk,
  snapshotName,
  imageMappings,
  restoreProtected,
  snapshotsPerDisk,
  rollbackSafety,
];
