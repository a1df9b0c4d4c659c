/**
 * The pack as the engine starts it: `node @pulumi/pulumi/cmd/run-policy-pack <engine> <pack
 * dir>` in the pack's folder (what the Node language host runs for `pulumi preview
 * --policy-pack policy`), then the analyzer's gRPC calls the engine makes: GetAnalyzerInfo,
 * Configure, Analyze. No engine: the test is the client.
 */
import { spawn, type ChildProcess } from "node:child_process";
import * as path from "node:path";

import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import * as rpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";

const ROOT = path.resolve(__dirname, "../..");
const PACK = path.join(ROOT, "policy");
const RUN_POLICY_PACK = require.resolve("@pulumi/pulumi/cmd/run-policy-pack");
// The gRPC and protobuf copies the SDK's generated code was built with.
const fromPulumi = (m: string) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- resolved from the SDK's folder at run time
  require(require.resolve(m, { paths: [path.dirname(require.resolve("@pulumi/pulumi"))] })) as unknown;
const grpc = fromPulumi("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const { Struct } = fromPulumi("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(value: Record<string, unknown>): unknown };
};
const { Empty } = fromPulumi("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };

type Client = InstanceType<typeof rpc.AnalyzerClient>;
let pack: ChildProcess;
let client: Client;
let stderr = "";

function call<Req, Res>(method: string, request: Req): Promise<Res> {
  const fn = (client as unknown as Record<string, (r: Req, cb: (e: Error | null, r: Res) => void) => void>)[method];
  return new Promise((resolve, reject) => fn.call(client, request, (err, res) => (err ? reject(err) : resolve(res))));
}

function configureRequest(config: Record<string, Record<string, unknown>>): pb.ConfigureAnalyzerRequest {
  const request = new pb.ConfigureAnalyzerRequest();
  for (const [policy, properties] of Object.entries(config)) {
    const policyConfig = new pb.PolicyConfig();
    policyConfig.setEnforcementlevel(pb.EnforcementLevel.MANDATORY);
    policyConfig.setProperties(Struct.fromJavaScript(properties) as never);
    request.getPolicyconfigMap().set(policy, policyConfig);
  }
  return request;
}

beforeAll(async () => {
  pack = spawn(process.execPath, [RUN_POLICY_PACK, "127.0.0.1:1", PACK], {
    cwd: PACK,
    stdio: ["ignore", "pipe", "pipe"],
  });
  pack.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const port = await new Promise<string>((resolve, reject) => {
    pack.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim()));
    pack.once("exit", (code) => reject(new Error(`the pack exited with ${code}: ${stderr}`)));
  });
  client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 60000);

afterAll(() => {
  client?.close();
  pack?.kill();
});

it("starts through run-policy-pack and describes every policy with its defaults and config schema", async () => {
  const info = await call<unknown, pb.AnalyzerInfo>("getAnalyzerInfo", new Empty());
  expect(info.getName()).toBe("essd-snapshots");
  expect(info.getVersion()).toBe("0.1.0");
  const policies = Object.fromEntries(info.getPoliciesList().map((p) => [p.getName(), p]));
  expect(Object.keys(policies).sort()).toEqual([
    "essd-image-from-snapshot-mappings",
    "essd-required-tags",
    "essd-restore-protected",
    "essd-rollback-safety-snapshot",
    "essd-snapshot-flash-category",
    "essd-snapshot-flash-source-disk",
    "essd-snapshot-name",
    "essd-snapshot-retention",
    "essd-snapshots-per-disk",
  ]);
  const retention = policies["essd-snapshot-retention"];
  expect(retention.getEnforcementlevel()).toBe(pb.EnforcementLevel.MANDATORY);
  expect(retention.getConfigschema()?.getProperties()?.toJavaScript()).toEqual({
    maxRetentionDays: expect.objectContaining({ type: "integer", minimum: 1, maximum: 65536, default: 365 }) as unknown,
  });
  expect(stderr).toBe("");
});

it("refuses a bad configuration at Configure, naming every bad key", async () => {
  const refused = call(
    "configure",
    configureRequest({ "essd-typo": {}, "essd-snapshot-retention": { maxRetentionDays: -1 } }),
  );
  const error = (await refused.catch((e: unknown) => e)) as { code: number; details: string };
  expect(error.code).toBe(3); // INVALID_ARGUMENT: the engine stops before any policy runs
  expect(error.details).toMatch(/^Invalid policy pack configuration for essd-snapshots:\n/);
  expect(error.details).toContain(
    '\n  - "essd-typo" is not a policy of this pack; the policies are "essd-snapshot-retention",',
  );
  expect(error.details).toContain(
    '\n  - "essd-snapshot-retention.maxRetentionDays" is -1; expected a whole number from 1 to 65536 (default 365).',
  );
});

it("accepts a good configuration and applies it when analyzing a snapshot", async () => {
  await call("configure", configureRequest({ "essd-snapshot-retention": { maxRetentionDays: 30 } }));
  const request = new pb.AnalyzeRequest();
  request.setType("alicloud:ecs/ecsSnapshot:EcsSnapshot");
  request.setName("nightly");
  request.setUrn("urn:pulumi:dev::fixture::alicloud:ecs/ecsSnapshot:EcsSnapshot::nightly");
  request.setProperties(Struct.fromJavaScript({ diskId: "d-1", retentionDays: 90, snapshotName: "nightly" }) as never);
  request.setOptions(new pb.AnalyzerResourceOptions());
  const response = await call<pb.AnalyzeRequest, pb.AnalyzeResponse>("analyze", request);
  const diagnostics = response
    .getDiagnosticsList()
    .map((d) => [d.getPolicyname(), d.getEnforcementlevel(), d.getMessage()]);
  expect(diagnostics).toEqual([
    [
      "essd-snapshot-retention",
      pb.EnforcementLevel.MANDATORY,
      expect.stringContaining("retentionDays is 90, above the 30 days"),
    ],
  ]);
});
