/**
 * Calls the pack's policies the way @pulumi/policy's analyzer server does: properties behind
 * its unknown-checking proxy, `isType` by type token, `getConfig` returning the policy's
 * config, `notApplicable` throwing. Policies are looked up by name in the pack's list, so a
 * policy removed from the pack fails every test that names it.
 */
import * as policySdk from "@pulumi/policy";
import {
  type PolicyResource,
  type PolicyResourceOptions,
  type ResourceValidationArgs,
  type ResourceValidationPolicy,
  type StackValidationArgs,
  type StackValidationPolicy,
} from "@pulumi/policy";

import { policies } from "../../policy/policies";
import { POLICY_SPECS } from "../../policy/rules/config";

export const SNAPSHOT = "alicloud:ecs/ecsSnapshot:EcsSnapshot";
export const DISK = "alicloud:ecs/ecsDisk:EcsDisk";
export const IMAGE = "alicloud:ecs/image:Image";
/** The engine's wire value for a string unknown during a preview. */
export const UNKNOWN_STRING = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

// Exported by @pulumi/policy, but its typings lose the type (stripped from proxy.d.ts).
const unknownCheckingProxy = (policySdk as unknown as { unknownCheckingProxy<T>(this: void, value: T): T })
  .unknownCheckingProxy;

class NotApplicable extends Error {}

function find<T>(name: string): T {
  const policy = policies.find((p) => p.name === name);
  if (!policy) throw new Error(`the pack has no policy "${name}"`);
  return policy as T;
}

function options(opts: Partial<PolicyResourceOptions> = {}): PolicyResourceOptions {
  return {
    protect: false,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
    ...opts,
  };
}

function isTypeOf(type: string) {
  return (resourceClass: unknown) => (resourceClass as { __pulumiType?: string }).__pulumiType === type;
}

export interface Resource {
  type: string;
  name: string;
  props: Record<string, unknown>;
  opts?: Partial<PolicyResourceOptions>;
}

/** Every message a resource policy reports for one resource, and the validations that applied. */
export async function validateResource(
  policyName: string,
  resource: Resource,
  config: Record<string, unknown> = {},
): Promise<{ messages: string[]; applied: number }> {
  const policy = find<ResourceValidationPolicy>(policyName);
  const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
  const messages: string[] = [];
  let applied = 0;
  const props = unknownCheckingProxy<Record<string, unknown>>(resource.props);
  const args = {
    type: resource.type,
    props,
    urn: `urn:pulumi:dev::fixture::${resource.type}::${resource.name}`,
    name: resource.name,
    opts: options(resource.opts),
    stackTags: new Map<string, string>(),
    isType: isTypeOf(resource.type),
    asType: () => props,
    getConfig: () => config,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  } as unknown as ResourceValidationArgs;
  for (const validation of validations) {
    try {
      await validation?.(args, (message) => messages.push(message));
      applied++;
    } catch (err) {
      if (!(err instanceof NotApplicable)) throw err;
    }
  }
  return { messages, applied };
}

export interface StackResource extends Resource {
  propertyDependencies?: Record<string, string[]>;
}

/** Every violation a stack policy reports, with the URN it names. */
export async function validateStack(
  policyName: string,
  resources: StackResource[],
  config: Record<string, unknown> = {},
): Promise<{ message: string; urn?: string }[]> {
  const policy = find<StackValidationPolicy>(policyName);
  const byName = new Map<string, PolicyResource>();
  const list = resources.map((r) => {
    const resource = {
      type: r.type,
      props: unknownCheckingProxy<Record<string, unknown>>(r.props),
      urn: `urn:pulumi:dev::fixture::${r.type}::${r.name}`,
      name: r.name,
      opts: options(r.opts),
      dependencies: [],
      propertyDependencies: {} as Record<string, PolicyResource[]>,
      isType: isTypeOf(r.type),
      asType: () => undefined,
    } as unknown as PolicyResource;
    byName.set(r.name, resource);
    return resource;
  });
  resources.forEach((r, i) => {
    for (const [key, names] of Object.entries(r.propertyDependencies ?? {}))
      list[i].propertyDependencies[key] = names.map((n) => byName.get(n) as PolicyResource);
  });
  const violations: { message: string; urn?: string }[] = [];
  const args = {
    resources: list,
    stackTags: new Map<string, string>(),
    getConfig: () => config,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  } as unknown as StackValidationArgs;
  await policy.validateStack(args, (message, urn) => violations.push({ message, urn }));
  return violations;
}

/** One violation as the engine would show it. */
export interface Violation {
  policy: string;
  enforcementLevel: string;
  /** The resource's logical name; undefined for a stack violation without a resource. */
  resource: string | undefined;
  message: string;
}

/**
 * Every policy of the pack over every resource, then every stack policy over the stack, with
 * each policy's enforcement level from `config` (a `--policy-pack-config` document) or its
 * default. Disabled policies do not run.
 */
export async function runPack(resources: StackResource[], config: Record<string, unknown> = {}): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const policy of policies) {
    const given = config[policy.name];
    const level =
      typeof given === "string"
        ? given
        : ((given as { enforcementLevel?: string } | undefined)?.enforcementLevel ??
          POLICY_SPECS[policy.name].enforcementLevel);
    if (level === "disabled") continue;
    const { enforcementLevel: _, ...parameters } = (typeof given === "object" && given !== null ? given : {}) as Record<
      string,
      unknown
    >;
    if ("validateStack" in policy) {
      for (const v of await validateStack(policy.name, resources, parameters)) {
        const resource = resources.find((r) => v.urn?.endsWith(`::${r.name}`))?.name;
        violations.push({ policy: policy.name, enforcementLevel: level, resource, message: v.message });
      }
    } else {
      for (const r of resources) {
        for (const message of (await validateResource(policy.name, r, parameters)).messages)
          violations.push({ policy: policy.name, enforcementLevel: level, resource: r.name, message });
      }
    }
  }
  return violations;
}
