/**
 * The region the ECS client calls, decided as the alicloud provider decides its own, so that
 * the client and the provider's lookups read the same region: the resource's provider (its
 * `region` input), else the stack's `alicloud:region`, else `ALICLOUD_REGION` /
 * `ALIBABA_CLOUD_REGION`, else the provider's default, cn-beijing (terraform-provider-alicloud
 * `alicloud/provider.go` region, `alicloud/common.go` DEFAULT_REGION; `@pulumi/alicloud`
 * `config/vars.js` region).
 */
import * as pulumi from "@pulumi/pulumi";

import { PROVIDER_VARIABLES } from "./credentials";

/** The provider's region when none is configured anywhere. */
export const PROVIDER_DEFAULT_REGION = "cn-beijing";

const REGION = /^[a-z]{2,}-[a-z0-9-]+$/;

export interface RegionChoice {
  regionId: string;
  /** Where it came from, for messages: `the provider's region input`, `alicloud:region`, a variable, or the default. */
  from: string;
}

/** The region from the first of: explicit, provider input, stack config, environment, default. */
export function resolveRegion(
  sources: { regionId?: string; providerRegion?: string; configRegion?: string },
  env: Record<string, string | undefined> = process.env,
): RegionChoice {
  const variable = PROVIDER_VARIABLES.region.find((name) => env[name]?.trim());
  const candidates: [string | undefined, string][] = [
    [sources.regionId, "the regionId option"],
    [sources.providerRegion, "the provider's region input"],
    [sources.configRegion, "the stack's alicloud:region"],
    [variable ? env[variable] : undefined, variable ?? ""],
  ];
  for (const [value, from] of candidates) {
    const regionId = value?.trim();
    if (!regionId) continue;
    if (!REGION.test(regionId))
      throw new Error(
        `The ECS region from ${from} is ${JSON.stringify(regionId)}; expected a region ID such as cn-hangzhou.`,
      );
    return { regionId, from };
  }
  return { regionId: PROVIDER_DEFAULT_REGION, from: "the alicloud provider's default" };
}

/** The stack's `alicloud:region` config, as the default provider reads it. */
export function stackRegion(): string | undefined {
  return new pulumi.Config("alicloud").get("region");
}
