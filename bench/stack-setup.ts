/**
 * For the start-up entry, when it runs a real stack program: the stack's config, set in the
 * SDK's store as the Pulumi CLI would pass it, and the stack's simulated account. Loaded only
 * then (it brings in yaml and zod), so the default bench program's start-up does not pay for it.
 */
import * as path from "node:path";

import * as pulumi from "@pulumi/pulumi";

import { readProjectFile, readStackFile } from "../stack/files";
import { SimulatedAccount, loadAccountSpec } from "../simulator";

export interface StackSetup {
  account: SimulatedAccount;
  project: string;
}

/** Reads `<stackConfigDir>/Pulumi.<stack>.yaml` and `<stack>.account.yaml` beside it. */
export function stackSetup(root: string, stack: string): StackSetup {
  const project = readProjectFile(root);
  const dir = path.resolve(root, project.stackConfigDir);
  const { config, secretKeys } = readStackFile(path.join(dir, `Pulumi.${stack}.yaml`), project.name);
  pulumi.runtime.setAllConfig(config, secretKeys);
  return {
    account: new SimulatedAccount(loadAccountSpec(path.join(dir, `${stack}.account.yaml`))),
    project: project.name,
  };
}
