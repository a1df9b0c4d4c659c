/**
 * Which way a real preview reads its disks, through the real engine: with credentials for the
 * ECS API client (`ESSD_SIM_ECS_API=1` gives the program the local ECS API and its test key),
 * the disks by ID through the ECS API; without (pulumi-sim clears the provider's variables), the
 * provider's getEcsDisks. Either way the same verdicts, and the same sentence for a refused disk,
 * without Node's warning about a rejection handled late.
 */
import { SimProject, type CliRun } from "./sim";
import { ACCOUNT, T0 } from "./fixtures";

const STACK = `
config:
  alicloud:region: cn-hangzhou
  essd-snapshots:snapshots:
    - name: app
      diskId: d-bp1appdata01
      retentionDays: 7
    - name: slow
      diskId: d-bp1efficiency01
      retentionDays: 7
`;

/** The refusal's lines in a preview's output (the progress line and the Diagnostics block). */
function refusals(run: CliRun): string[] {
  return run.output
    .split("\n")
    .filter((l) => /cannot be snapshotted|: a fast snapshot needs|Set eligibility/.test(l))
    .map((l) => l.trim());
}

test("with credentials the disks are read by ID through the ECS API, without them through getEcsDisks: the same refusal", () => {
  const project = SimProject.create("lookups", { account: ACCOUNT, stackConfig: STACK });
  project.now = T0;

  const viaApi = project.cli(["preview", "--stack", "test", "--debug"], { ESSD_SIM_ECS_API: "1" });
  const viaProvider = project.cli(["preview", "--stack", "test", "--debug"]);

  expect(viaApi.output).toMatch(/Disks read through the ECS API, by ID \(auto\)/);
  expect(viaApi.output).not.toMatch(/Disks read through the provider's getEcsDisks/);
  expect(viaProvider.output).toMatch(
    /Disks read through the provider's getEcsDisks \(no credentials for the ECS API\)/,
  );

  // The efficiency disk is refused, the same way both times; the ESSD disk is not.
  expect(viaApi.code).not.toBe(0);
  expect(viaProvider.code).not.toBe(0);
  const refused = refusals(viaApi);
  expect(refused).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/Disk d-bp1efficiency01 cannot be snapshotted by "slow":/),
      expect.stringMatching(/^- category is "cloud_efficiency": a fast snapshot needs an ESSD-series disk/),
    ]),
  );
  expect(refused.some((l) => l.includes("d-bp1appdata01"))).toBe(false);
  expect(refused).toEqual(refusals(viaProvider));
  // Pulumi reports the refusal as an unhandled rejection; the stack's outputs handle it later,
  // which Node would print twice below it (Pulumi.yaml's nodeargs turn that warning off).
  expect(viaProvider.output).not.toMatch(/PromiseRejectionHandledWarning|handled asynchronously/);
});
