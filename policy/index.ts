/**
 * The essd-snapshots policy pack: what we learned about ESSD snapshots, checked by `pulumi
 * preview --policy-pack` on every stack, whatever its language and whether or not it uses the
 * component. Loaded through ./main.js (see there); the policies are in ./policies.ts.
 */
import { PolicyPack } from "@pulumi/policy";

import { withConfigureGuard } from "./configGuard";
import { policies } from "./policies";

export const PACK_NAME = "essd-snapshots";

withConfigureGuard(
  () =>
    new PolicyPack(PACK_NAME, {
      description:
        "ESSD snapshots on Alibaba Cloud: retention, tags, legacy flash snapshots, names, and restored disks and images that survive a snapshot's expiry.",
      policies,
    }),
);
