/** ESSD_SIM_FAULTS (simulator/faults.ts) and a lost answer retried as NeedRetry retries a Client.Timeout. */
import { parseFaults } from "../../simulator/faults";
import { SimulatedCloud } from "../../simulator/model";
import { NetworkTimeout, needRetry, retry } from "../../simulator/waits";

test("the syntax: refused N times, after (lost answer), timeout, hang, @status", () => {
  expect(
    parseFaults(
      "CreateSnapshot:Throttling.User:2; CreateDisk:after:timeout;AttachDisk:after:hang;CreateImage:InternalError@500",
    ),
  ).toEqual([
    { action: "CreateSnapshot", code: "Throttling.User", when: "before", times: 2 },
    { action: "CreateDisk", code: "timeout", when: "after" },
    { action: "AttachDisk", code: "hang", when: "after" },
    { action: "CreateImage", code: "InternalError", when: "before", httpStatus: 500 },
  ]);
  expect(parseFaults("")).toEqual([]);
});

test("every bad entry is named at once", () => {
  expect(() => parseFaults("createSnapshot:X;CreateDisk:timeout;CreateImage:after:hang:2;AttachDisk:Bad:0")).toThrow(
    /4 bad entries[\s\S]*createSnapshot:X[\s\S]*CreateDisk:after:timeout[\s\S]*once[\s\S]*times must be/,
  );
});

test("a timeout after the action: 60 s of the cloud's clock, retried (Client.Timeout), the same object", () => {
  const cloud = new SimulatedCloud(
    {
      regionId: "cn-hangzhou",
      disks: [],
      instances: [],
      snapshots: [],
      images: [],
      attachments: [],
      released: [],
      nextId: 1,
    },
    () => new Date("2026-12-01T00:00:00Z"),
  );
  cloud.injectFault({ action: "DeleteImage", code: "timeout", when: "before" });
  expect(needRetry(new NetworkTimeout("CreateDisk"))).toBe(true);
  const start = cloud.now().getTime();
  let calls = 0;
  retry(cloud, { timeoutMs: 300_000, retryable: needRetry, sleepMs: () => 3000 }, () => {
    calls++;
    cloud.deleteImage("m-none");
  });
  expect(calls).toBe(2);
  expect(cloud.now().getTime() - start).toBe(60_000 + 3000 + 500);
});
