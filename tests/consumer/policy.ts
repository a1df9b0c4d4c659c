/**
 * The policy pack from the installed package, as `pulumi preview --policy-pack <dir>` starts it:
 * `node @pulumi/pulumi/cmd/run-policy-pack <engine> <dir>` in the pack's folder (what the Node
 * language host runs), then the engine's gRPC calls: GetAnalyzerInfo and Analyze of a snapshot
 * without retentionDays. Each folder given on the command line is checked.
 */
import * as assert from "node:assert/strict";
import { spawn } from "node:child_process";
import * as path from "node:path";

import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import * as rpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";

// The gRPC and protobuf copies the consumer's SDK was built with.
const sdkDir = path.dirname(require.resolve("@pulumi/pulumi"));
const fromSdk = (m: string): unknown => require(require.resolve(m, { paths: [sdkDir] })) as unknown;
const grpc = fromSdk("@grpc/grpc-js") as { credentials: { createInsecure(): unknown } };
const { Struct } = fromSdk("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(value: Record<string, unknown>): unknown };
};
const { Empty } = fromSdk("google-protobuf/google/protobuf/empty_pb") as { Empty: new () => unknown };

type Callback<R> = (err: Error | null, response: R) => void;

async function checkPack(dir: string): Promise<string> {
  const pack = spawn(process.execPath, [require.resolve("@pulumi/pulumi/cmd/run-policy-pack"), "127.0.0.1:1", dir], {
    cwd: dir,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  pack.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  try {
    const port = await new Promise<string>((resolve, reject) => {
      pack.stdout.once("data", (d: Buffer) => resolve(d.toString().trim()));
      pack.once("exit", (code) => reject(new Error(`the pack in ${dir} exited with ${code}: ${stderr}`)));
    });
    const client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure() as never);
    const call = <Req, Res>(method: string, request: Req) =>
      new Promise<Res>((resolve, reject) =>
        (client as unknown as Record<string, (r: Req, cb: Callback<Res>) => void>)[method].call(
          client,
          request,
          (err: Error | null, res: Res) => (err ? reject(err) : resolve(res)),
        ),
      );
    const info = await call<unknown, pb.AnalyzerInfo>("getAnalyzerInfo", new Empty());
    assert.equal(info.getName(), "essd-snapshots");
    const request = new pb.AnalyzeRequest();
    request.setType("alicloud:ecs/ecsSnapshot:EcsSnapshot");
    request.setName("nightly");
    request.setUrn("urn:pulumi:dev::consumer::alicloud:ecs/ecsSnapshot:EcsSnapshot::nightly");
    request.setProperties(Struct.fromJavaScript({ diskId: "d-1", snapshotName: "nightly" }) as never);
    request.setOptions(new pb.AnalyzerResourceOptions());
    const response = await call<pb.AnalyzeRequest, pb.AnalyzeResponse>("analyze", request);
    const retention = response.getDiagnosticsList().find((d) => d.getPolicyname() === "essd-snapshot-retention");
    assert.ok(retention, `no essd-snapshot-retention violation from ${dir}: ${stderr}`);
    assert.equal(retention.getEnforcementlevel(), pb.EnforcementLevel.MANDATORY);
    client.close();
    return `${path.relative(process.cwd(), dir)}: ${info.getPoliciesList().length} policies; a snapshot without retentionDays is refused (mandatory)`;
  } finally {
    pack.kill();
  }
}

async function main(): Promise<void> {
  for (const dir of process.argv.slice(2)) process.stdout.write(`policy pack ${await checkPack(path.resolve(dir))}\n`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
