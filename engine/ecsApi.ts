/**
 * `ESSD_SIM_ECS_API=1 scripts/pulumi-sim …`: the simulated cloud's local ECS API
 * (simulator/doors/http.ts) over the stack's state file, for the program's ECS client. It
 * writes what the program needs to reach it, as shell assignments, to the file named by its
 * argument (the endpoint and the account's test key), and serves until it is stopped.
 */
import { writeFileSync } from "node:fs";

import { TEST_ACCESS_KEY, startEcsApi } from "../simulator";

async function main(envFile: string): Promise<void> {
  const stateFile = process.env.ESSD_SIM_STATE as string;
  const api = await startEcsApi({
    stateFile: { stateFile, accountFile: process.env.ESSD_SIM_ACCOUNT, now: process.env.ESSD_SIM_NOW },
  });
  writeFileSync(
    envFile,
    [
      `ESSD_ECS_ENDPOINT=${api.endpoint}`,
      `ALICLOUD_ACCESS_KEY=${TEST_ACCESS_KEY.accessKeyId}`,
      `ALICLOUD_SECRET_KEY=${TEST_ACCESS_KEY.accessKeySecret}`,
      "",
    ].join("\n"),
  );
  const stop = () => void api.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

main(process.argv[2]).catch((err: unknown) => {
  process.stderr.write(`pulumi-sim ecs-api: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
