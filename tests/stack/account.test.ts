/** Simulated accounts loaded from YAML (simulator/accounts/load.ts). */
import * as path from "node:path";

import { AccountFileError, loadAccount, parseAccountSpec } from "../../simulator";

function problemsOf(text: string): string[] {
  try {
    parseAccountSpec(text, "test.account.yaml");
  } catch (err) {
    if (err instanceof AccountFileError) return err.problems;
    throw err;
  }
  return [];
}

test("fields left out get the fixtures' defaults; region and zone come from the file", () => {
  const spec = parseAccountSpec(
    [
      "regionId: cn-shanghai",
      "zoneId: cn-shanghai-l",
      "instances: [{ id: i-uf6a1, status: Stopped }]",
      "disks:",
      "  - { id: d-uf6a1, instanceId: i-uf6a1, type: system, size: 40 }",
      "  - { id: d-uf6a2, diskType: system, availabilityZone: cn-shanghai-m }",
      '  - { id: d-uf6a3, status: Available, attachedTime: "", encrypted: "on" }',
    ].join("\n"),
    "test.account.yaml",
  );
  expect(spec.instances[0]).toMatchObject({
    id: "i-uf6a1",
    status: "Stopped",
    regionId: "cn-shanghai",
    availabilityZone: "cn-shanghai-l",
  });
  const [sys, other, fresh] = spec.disks;
  expect(sys).toMatchObject({
    category: "cloud_essd",
    size: 40,
    type: "system",
    diskType: "system",
    zoneId: "cn-shanghai-l",
    regionId: "cn-shanghai",
  });
  expect(sys.mountInstances).toEqual([
    { instanceId: "i-uf6a1", device: "/dev/xvdb", attachedTime: "2026-01-05T08:00:00Z" },
  ]);
  expect(other).toMatchObject({ type: "system", zoneId: "cn-shanghai-m", availabilityZone: "cn-shanghai-m" });
  expect(fresh).toMatchObject({ status: "Available", attachedTime: "", encrypted: "on", instanceId: "" });
});

test("every problem is named with its path, the value and what is expected", () => {
  expect(
    problemsOf(
      [
        "regionId: cn-hangzhou",
        "instances: [{ id: i-a1 }, { id: i-a1 }]",
        "disks:",
        "  - { id: disk-1, size: '100', encrypted: true, catgory: cloud_essd }",
        "  - { id: d-ok1, operationLocks: [{ reason: financial }] }",
      ].join("\n"),
    ),
  ).toEqual([
    expect.stringMatching(/^zoneId is missing; expected the zone of disks and instances that do not name theirs/),
    expect.stringMatching(/^disks\[0\]\.id is "disk-1"; expected a disk ID such as "d-bp1abc"/),
    'disks[0].size is "100"; expected a size in GiB (a whole number).',
    'disks[0].encrypted is true; expected "on" or "off", as the provider reports it.',
    expect.stringMatching(
      /^disks\[0\]\.catgory is "cloud_essd", but disks\[0\] has no setting "catgory"; expected one of its \d+ known fields\. Did you mean category\?$/,
    ),
    expect.stringMatching(
      /^disks\[1\]\.operationLocks\[0\]\.reason is "financial", .* expected only lockReason\. Did you mean lockReason\?$/,
    ),
  ]);
});

test("duplicate IDs and YAML syntax errors are reported", () => {
  expect(problemsOf("regionId: cn-hangzhou\nzoneId: cn-hangzhou-i\ninstances: [{ id: i-a1 }, { id: i-a1 }]")).toEqual([
    'instances[1].id is "i-a1", the ID of instances[0] too; expected IDs used once.',
  ]);
  expect(problemsOf("regionId: [cn-hangzhou")[0]).toMatch(/Missing , or : between flow sequence items|Flow sequence/i);
});

test("the example stacks' accounts load, and answer lookups as the provider would", () => {
  const account = loadAccount(path.join(__dirname, "..", "..", "stacks", "prod.account.yaml"));
  expect(account.regionId).toBe("cn-shanghai");
  expect(account.pagesPerDiskScan).toBe(13);
  expect(account.diskById("d-uf6prodfiles00001")).toMatchObject({ encrypted: "on", size: 500, status: "In_use" });
});
