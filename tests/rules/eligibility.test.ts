import {
  checkCategory,
  checkEligibility,
  checkEncryption,
  checkInstance,
  checkLocks,
  checkStatus,
  describeRefusal,
  diskNotFound,
  type DiskFacts,
  type Violation,
} from "../../components/rules/eligibility";

const ESSD = ["cloud_essd", "cloud_auto", "cloud_essd_entry", "cloud_regional_disk_auto"];

/** A disk ECS would snapshot, either kind. */
const eligible: DiskFacts = {
  id: "d-ok",
  category: "cloud_essd",
  encrypted: false,
  status: "In_use",
  attachedTime: "2024-01-01T00:00:00Z",
  detachedTime: "",
  instanceId: "i-ok",
  lockReasons: [],
};

describe("checkCategory", () => {
  test.each(ESSD)("accepts %s for an instant-access snapshot", (category) => {
    expect(checkCategory(category, "instant-access")).toEqual([]);
  });

  test.each(["cloud_efficiency", "cloud_ssd", "cloud"])(
    "refuses %s for an instant-access snapshot, naming it and the ESSD series",
    (category) => {
      const violations = checkCategory(category, "instant-access");
      expect(violations).toHaveLength(1);
      expect(violations[0].rule).toBe("category");
      expect(violations[0].found).toBe(`category is "${category}"`);
      expect(violations[0].required).toContain("ESSD-series");
      for (const c of ESSD) expect(violations[0].required).toContain(c);
      expect(violations[0].required).toContain("ModifyDiskSpec");
    },
  );

  test("accepts cloud_essd for a flash snapshot", () => {
    expect(checkCategory("cloud_essd", "flash")).toEqual([]);
  });

  test.each(["cloud_auto", "cloud_essd_entry", "cloud_regional_disk_auto", "cloud_efficiency"])(
    "refuses %s for a flash snapshot, and says to drop flash",
    (category) => {
      const violations = checkCategory(category, "flash");
      expect(violations).toHaveLength(1);
      expect(violations[0].rule).toBe("category");
      expect(violations[0].found).toContain(`"${category}"`);
      expect(violations[0].required).toMatch(/category "flash"\) needs a cloud_essd disk/);
      expect(violations[0].required).toContain('Drop category "flash"');
    },
  );

  test.each([
    ["cloudEssd", "cloud_essd", "instant-access"],
    ["cloudAuto", "cloud_auto", "instant-access"],
    ["cloudRegionalDiskAuto", "cloud_regional_disk_auto", "instant-access"],
    ["cloudEssd", "cloud_essd", "flash"],
  ] as const)("refuses the doc spelling %s with a hint naming %s (%s)", (docSpelling, api, kind) => {
    const violations = checkCategory(docSpelling, kind);
    expect(violations).toHaveLength(1);
    expect(violations[0].found).toContain(`"${docSpelling}"`);
    expect(violations[0].required).toContain(`the API value is "${api}"`);
    expect(violations[0].required).toContain("spelling of Pulumi's docs");
  });

  test("gives no spelling hint for a doc spelling whose API value is refused too", () => {
    const [violation] = checkCategory("cloudEfficiency", "instant-access");
    expect(violation.required).not.toContain("API value");
  });

  test("skips an unknown category", () => {
    expect(checkCategory(undefined, "instant-access")).toEqual([]);
    expect(checkCategory(undefined, "flash")).toEqual([]);
  });
});

describe("checkEncryption", () => {
  test("refuses an encrypted disk for a flash snapshot", () => {
    const violations = checkEncryption(true, "flash");
    expect(violations).toHaveLength(1);
    expect(violations[0].rule).toBe("encryption");
    expect(violations[0].found).toContain("encrypted");
    expect(violations[0].required).toContain("unencrypted");
    expect(violations[0].required).toContain('Drop category "flash"');
  });

  test.each([
    [true, "instant-access"],
    [false, "instant-access"],
    [undefined, "instant-access"],
    [false, "flash"],
    [undefined, "flash"],
  ] as const)("accepts encrypted=%p for %s", (encrypted, kind) => {
    expect(checkEncryption(encrypted, kind)).toEqual([]);
  });
});

describe("checkStatus", () => {
  test("accepts In_use", () => {
    expect(checkStatus({ status: "In_use", attachedTime: "", detachedTime: "" })).toEqual([]);
  });

  test.each([
    ["2024-01-01T00:00:00Z", ""],
    ["", "2024-01-02T00:00:00Z"],
    ["2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"],
    ["2024-01-01T00:00:00Z", undefined],
  ])("accepts Available once attached (attachedTime %j, detachedTime %j)", (attachedTime, detachedTime) => {
    expect(checkStatus({ status: "Available", attachedTime, detachedTime })).toEqual([]);
  });

  test.each([
    ["", ""],
    ["", undefined],
  ])("refuses Available never attached (attachedTime %j, detachedTime %j)", (attachedTime, detachedTime) => {
    const violations = checkStatus({ status: "Available", attachedTime, detachedTime });
    expect(violations).toHaveLength(1);
    expect(violations[0].rule).toBe("status");
    expect(violations[0].found).toContain('"Available"');
    expect(violations[0].found).toContain("never been attached");
    expect(violations[0].required).toContain("NeverAttached");
    expect(violations[0].required).toContain("In_use");
  });

  test("skips Available when whether it was attached is unknown", () => {
    expect(checkStatus({ status: "Available" })).toEqual([]);
  });

  test.each(["Creating", "Attaching", "Detaching", "ReIniting", "Expired"])(
    "refuses %s, naming the status and the accepted ones",
    (status) => {
      const violations = checkStatus({ status, attachedTime: "2024-01-01T00:00:00Z", detachedTime: "" });
      expect(violations).toHaveLength(1);
      expect(violations[0].rule).toBe("status");
      expect(violations[0].found).toBe(`status is "${status}"`);
      expect(violations[0].required).toContain("In_use or Available");
    },
  );

  test("skips an unknown status", () => {
    expect(checkStatus({})).toEqual([]);
    expect(checkStatus({ attachedTime: "", detachedTime: "" })).toEqual([]);
  });
});

describe("checkInstance", () => {
  test.each(["Running", "Stopped"])("accepts an instance that is %s", (status) => {
    expect(checkInstance("i-1", { id: "i-1", status })).toEqual([]);
  });

  test.each(["Starting", "Stopping", "Pending"])("refuses an instance that is %s, naming it", (status) => {
    const violations = checkInstance("i-abc", { id: "i-abc", status });
    expect(violations).toHaveLength(1);
    expect(violations[0].rule).toBe("instance");
    expect(violations[0].found).toContain("i-abc");
    expect(violations[0].found).toContain(`"${status}"`);
    expect(violations[0].required).toContain("Running or Stopped");
    expect(violations[0].required).toContain("IncorrectInstanceStatus");
  });

  test("refuses an instance that was looked up and not found, naming its ID", () => {
    const violations = checkInstance("i-gone", null);
    expect(violations).toHaveLength(1);
    expect(violations[0].rule).toBe("instance");
    expect(violations[0].found).toContain("i-gone");
    expect(violations[0].found).toContain("not found");
    expect(violations[0].required).toContain("must exist");
  });

  test("skips an instance that was not looked up", () => {
    expect(checkInstance("i-1", undefined)).toEqual([]);
  });

  test.each([undefined, ""])("skips a disk with no instance (instanceId %j)", (instanceId) => {
    expect(checkInstance(instanceId, null)).toEqual([]);
    expect(checkInstance(instanceId, { id: "i-1", status: "Starting" })).toEqual([]);
  });
});

describe("checkLocks", () => {
  test("refuses a security lock", () => {
    const report = checkLocks({ id: "d-1", lockReasons: ["security"] });
    expect(report.violations).toHaveLength(1);
    expect(report.violations[0].rule).toBe("lock");
    expect(report.violations[0].found).toContain('"security"');
    expect(report.violations[0].required).toContain("InstanceLockedForSecurity");
    expect(report.warnings).toEqual([]);
  });

  test("allows a financial lock, with a warning naming the disk", () => {
    const report = checkLocks({ id: "d-overdue", lockReasons: ["financial"] });
    expect(report.violations).toEqual([]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain("d-overdue");
    expect(report.warnings[0]).toContain('"financial"');
    expect(report.warnings[0]).toMatch(/snapshot is released with it/);
    expect(report.warnings[0]).not.toContain("expired");
  });

  test("names when the subscription expired, if known", () => {
    const report = checkLocks({ id: "d-1", lockReasons: ["financial"], expiredTime: "2024-05-01T00:00Z" });
    expect(report.warnings[0]).toContain("expired 2024-05-01T00:00Z");
  });

  test("reports a security lock and warns about a financial one together", () => {
    const report = checkLocks({ id: "d-1", lockReasons: ["financial", "security"] });
    expect(report.violations.map((v) => v.rule)).toEqual(["lock"]);
    expect(report.warnings).toHaveLength(1);
  });

  test.each([[undefined], [[]], [["recycling"]]])("finds nothing for lock reasons %p", (lockReasons) => {
    expect(checkLocks({ id: "d-1", lockReasons })).toEqual({ violations: [], warnings: [] });
  });
});

describe("checkEligibility", () => {
  test("accepts an eligible disk, for either kind", () => {
    expect(checkEligibility(eligible, { id: "i-ok", status: "Running" })).toEqual({ violations: [], warnings: [] });
    expect(checkEligibility(eligible, { id: "i-ok", status: "Stopped" }, "flash")).toEqual({
      violations: [],
      warnings: [],
    });
  });

  test("returns every violation at once, in rule order", () => {
    const disk: DiskFacts = {
      ...eligible,
      id: "d-bad",
      category: "cloud_efficiency",
      status: "Attaching",
      instanceId: "i-busy",
      lockReasons: ["security"],
    };
    const report = checkEligibility(disk, { id: "i-busy", status: "Starting" });
    expect(report.violations.map((v) => v.rule)).toEqual(["category", "status", "instance", "lock"]);
    expect(report.violations[0].found).toContain("cloud_efficiency");
    expect(report.violations[1].found).toContain("Attaching");
    expect(report.violations[2].found).toContain("i-busy");
  });

  test("checks a flash snapshot's category and encryption together", () => {
    const disk: DiskFacts = { ...eligible, category: "cloud_auto", encrypted: true };
    const report = checkEligibility(disk, { id: "i-ok", status: "Running" }, "flash");
    expect(report.violations.map((v) => v.rule)).toEqual(["category", "encryption"]);
  });

  test("takes an instant-access snapshot by default", () => {
    const disk: DiskFacts = { ...eligible, category: "cloud_auto", encrypted: true };
    expect(checkEligibility(disk, { id: "i-ok", status: "Running" }).violations).toEqual([]);
  });

  test("refuses a missing instance", () => {
    expect(checkEligibility(eligible, null).violations.map((v) => v.rule)).toEqual(["instance"]);
  });

  test("passes the financial-lock warning through", () => {
    const report = checkEligibility({ ...eligible, id: "d-due", lockReasons: ["financial"] });
    expect(report.violations).toEqual([]);
    expect(report.warnings).toHaveLength(1);
    expect(report.warnings[0]).toContain("d-due");
  });

  test("skips every rule when nothing is known", () => {
    expect(checkEligibility({ id: "d-new" })).toEqual({ violations: [], warnings: [] });
    expect(checkEligibility({ id: "d-new" }, undefined, "flash")).toEqual({ violations: [], warnings: [] });
  });

  test.each<[string, DiskFacts, Parameters<typeof checkEligibility>[1], string[]]>([
    ["only the category is known", { id: "d", category: "cloud_ssd" }, undefined, ["category"]],
    ["only the status is known", { id: "d", status: "Creating" }, undefined, ["status"]],
    ["the instance is unknown", { id: "d", category: "cloud_ssd", instanceId: "i-1" }, undefined, ["category"]],
    ["the category is unknown", { id: "d", status: "Detaching", instanceId: "i-1" }, null, ["status", "instance"]],
    [
      "the status is unknown",
      { id: "d", category: "cloud_ssd", lockReasons: ["security"] },
      undefined,
      ["category", "lock"],
    ],
    ["the attach history is unknown", { id: "d", category: "cloud_ssd", status: "Available" }, undefined, ["category"]],
  ])("an unknown fact skips only its own rule: %s", (_, disk, instance, rules) => {
    expect(checkEligibility(disk, instance).violations.map((v) => v.rule)).toEqual(rules);
  });
});

describe("diskNotFound", () => {
  test("names the ID and where it was looked for", () => {
    const violation = diskNotFound("d-missing", "DescribeDisks in cn-shanghai");
    expect(violation.rule).toBe("not-found");
    expect(violation.found).toContain("d-missing");
    expect(violation.found).toContain("DescribeDisks in cn-shanghai");
    expect(violation.required).toContain("alicloud:region");
    expect(violation.required).toContain("opts.provider");
  });
});

describe("describeRefusal", () => {
  const violations: Violation[] = [
    { rule: "category", found: 'category is "cloud_ssd"', required: "an ESSD-series disk." },
    { rule: "lock", found: 'it carries a "security" operation lock', required: "resolve the lock first." },
  ];

  test("names the disk and the resource, then each violation's found and required text", () => {
    const text = describeRefusal("d-bp1abc", "nightly", violations);
    const lines = text.split("\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain("d-bp1abc");
    expect(lines[0]).toContain('"nightly"');
    expect(lines[1]).toContain('category is "cloud_ssd"');
    expect(lines[1]).toContain("an ESSD-series disk.");
    expect(lines[2]).toContain('it carries a "security" operation lock');
    expect(lines[2]).toContain("resolve the lock first.");
  });

  test("describes real violations end to end", () => {
    const report = checkEligibility(
      { id: "d-x", category: "cloud_efficiency", status: "Creating" },
      undefined,
      "instant-access",
    );
    const text = describeRefusal('"data" (declared in this program)', "snap", report.violations);
    expect(text).toContain('Disk "data" (declared in this program)');
    for (const v of report.violations) {
      expect(text).toContain(v.found);
      expect(text).toContain(v.required);
    }
  });
});
