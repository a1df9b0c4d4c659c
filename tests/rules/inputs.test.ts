import {
  MAX_TAGS,
  RETENTION_DAYS_MAX,
  RETENTION_DAYS_MIN,
  describeInvalidInputs,
  validateChoice,
  validateDescription,
  validateDiskSource,
  validateRetentionDays,
  validateSnapshotName,
  validateTags,
} from "../../components/rules/inputs";

/** `n` tags named k0, k1, … */
function tags(n: number): Record<string, string> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, `v${i}`]));
}

describe("constants", () => {
  test("match the ECS limits", () => {
    expect(RETENTION_DAYS_MIN).toBe(1);
    expect(RETENTION_DAYS_MAX).toBe(65536);
    expect(MAX_TAGS).toBe(20);
  });
});

describe("validateRetentionDays", () => {
  test.each([1, 2, 7, 30, 65535, 65536])("accepts %p", (days) => {
    expect(validateRetentionDays(days)).toEqual([]);
  });

  test.each([
    [0, "0"],
    [65537, "65537"],
    [1.5, "1.5"],
    [-1, "-1"],
    ["7", '"7"'],
    [undefined, "undefined"],
    [null, "null"],
    [NaN, "NaN"],
    [Infinity, "Infinity"],
    [true, "true"],
  ])("refuses %p, naming the value and the range", (days, shown) => {
    const problems = validateRetentionDays(days);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`retentionDays is ${shown};`);
    expect(problems[0]).toMatch(/whole number of days from 1 to 65536/);
  });

  test("names the input it is given", () => {
    expect(validateRetentionDays(0, "args.retention")[0]).toMatch(/^args\.retention is 0;/);
  });
});

describe("validateSnapshotName", () => {
  test.each([
    "ab",
    "a".repeat(128),
    "daily-snapshot",
    "Snap.2024:01_02-x",
    "a0",
    "my-auto-snapshot",
    "httpd-backup",
    "http-x",
    "https",
  ])("accepts %j", (name) => {
    expect(validateSnapshotName(name)).toEqual([]);
  });

  test.each([
    ["a", 1],
    ["a".repeat(129), 129],
    ["", 0],
  ])("refuses a name of the wrong length (%#: %i characters)", (name, length) => {
    const problems = validateSnapshotName(name);
    expect(problems.some((p) => p.includes(`has ${length} characters`) && p.includes("2 to 128"))).toBe(true);
  });

  test("a name of 129 characters has exactly the length problem", () => {
    const problems = validateSnapshotName("a".repeat(129));
    expect(problems).toHaveLength(1);
    // The value is shown shortened, with its length.
    expect(problems[0]).toMatch(
      /^snapshotName "a{50}"… \(129 characters\) has 129 characters; it must have 2 to 128\.$/,
    );
  });

  test.each(["1snapshot", "9", "-snap", "_snap", ".snap", ":snap"])(
    "refuses %j, which does not start with a letter",
    (name) => {
      const problems = validateSnapshotName(name);
      expect(problems).toContain(`snapshotName ${JSON.stringify(name)} must start with a letter.`);
    },
  );

  test.each(["auto", "autoSnap", "Auto-backup", "AUTO_1", "aUtOmatic"])(
    "refuses %j, which starts with auto (any case)",
    (name) => {
      const problems = validateSnapshotName(name);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(JSON.stringify(name));
      expect(problems[0]).toMatch(/starts with "auto".*automatic snapshots/);
    },
  );

  test.each(["http://example", "https://example", "HTTP://example", "Https://x"])(
    "refuses %j, which starts with a URL scheme",
    (name) => {
      const problems = validateSnapshotName(name);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(JSON.stringify(name));
      expect(problems[0]).toContain("starts with http:// or https://");
    },
  );

  test.each([
    ["snap shot", ['" "']],
    ["snap/shot", ['"/"']],
    ["snap@shot#1", ['"@"', '"#"']],
    ["snapé", ['"é"']],
    ["a,b", ['","']],
  ])("refuses %j, listing the bad characters", (name, listed) => {
    const problems = validateSnapshotName(name);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(JSON.stringify(name));
    expect(problems[0]).toContain(`contains ${listed.join(", ")};`);
    expect(problems[0]).toContain('only letters, digits, ".", ":", "_" and "-" are allowed');
  });

  test("lists each bad character once", () => {
    const [problem] = validateSnapshotName("a  b  c");
    expect(problem).toContain('contains " ";');
  });

  test("returns every problem at once", () => {
    const problems = validateSnapshotName("1");
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("has 1 characters");
    expect(problems[1]).toContain("must start with a letter");
  });

  test.each([undefined, null, 42, ["ab"]])("refuses the non-string %p", (value) => {
    expect(validateSnapshotName(value)).toEqual([`snapshotName is ${JSON.stringify(value)}; it must be a string.`]);
  });

  test("names the input it is given", () => {
    expect(validateSnapshotName("a", "name")[0]).toMatch(/^name "a" has 1 characters/);
  });
});

describe("validateDescription", () => {
  test.each(["ab", "d".repeat(256), "Nightly snapshot of the data disk", "see http://example.com"])(
    "accepts %j",
    (description) => {
      expect(validateDescription(description)).toEqual([]);
    },
  );

  test.each([
    ["", 0],
    ["a", 1],
    ["d".repeat(257), 257],
  ])("refuses a description of the wrong length (%#: %i characters)", (description, length) => {
    expect(validateDescription(description)).toEqual([`description has ${length} characters; it must have 2 to 256.`]);
  });

  test.each(["http://example.com", "https://example.com", "HTTPS://EXAMPLE.COM"])(
    "refuses %j, which starts with a URL scheme",
    (description) => {
      const problems = validateDescription(description);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(JSON.stringify(description));
      expect(problems[0]).toContain("starts with http:// or https://");
    },
  );

  test("shows only the first 50 characters of a long URL-like description, and reports both problems", () => {
    const description = `https://${"x".repeat(300)}`;
    const problems = validateDescription(description);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain("has 308 characters");
    expect(problems[1]).toContain(`${JSON.stringify(description.slice(0, 50))}… (308 characters)`);
    expect(problems[1]).not.toContain(description.slice(0, 51));
  });

  test.each([undefined, null, 7])("refuses the non-string %p", (value) => {
    expect(validateDescription(value)).toEqual([`description is ${JSON.stringify(value)}; it must be a string.`]);
  });
});

describe("validateTags", () => {
  test.each([0, 1, 20])("accepts %i tags", (n) => {
    expect(validateTags(tags(n))).toEqual([]);
  });

  test("refuses 21 tags, naming the count and the limit", () => {
    const problems = validateTags(tags(21));
    expect(problems).toEqual(["tags has 21 tags; ECS takes at most 20 per resource."]);
  });

  test.each([
    ["k", "x"],
    ["k".repeat(128), "x"],
    ["team", ""],
    ["team", "v".repeat(128)],
    ["my-aliyun", "x"],
    ["acs-team", "x"],
    ["owner", "alice@example.com"],
    ["doc", "see example.com/http"],
  ])("accepts key %j with value %j", (key, value) => {
    expect(validateTags({ [key]: value })).toEqual([]);
  });

  test("refuses an empty key", () => {
    expect(validateTags({ "": "x" })).toEqual(['tags key "" has 0 characters; a tag key must have 1 to 128.']);
  });

  test("refuses a key of 129 characters", () => {
    const key = "k".repeat(129);
    expect(validateTags({ [key]: "x" })).toEqual([
      `tags key "${"k".repeat(50)}"… (129 characters) has 129 characters; a tag key must have 1 to 128.`,
    ]);
  });

  test.each(["aliyun", "aliyun-team", "AliYun:x", "acs:ecs", "ACS:owner"])(
    "refuses key %j, a prefix Alibaba Cloud keeps",
    (key) => {
      const problems = validateTags({ [key]: "x" });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toContain(`key ${JSON.stringify(key)}`);
      expect(problems[0]).toContain('starts with "aliyun" or "acs:"');
    },
  );

  test.each(["http://x", "see-https://x", "HTTP://X"])("refuses key %j, which contains a URL", (key) => {
    const problems = validateTags({ [key]: "x" });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`key ${JSON.stringify(key)}`);
    expect(problems[0]).toContain("http:// or https://");
    expect(problems[0]).toContain("tag keys");
  });

  test.each(["http://example.com", "docs at https://example.com", "HTTPS://X"])(
    "refuses value %j, which contains a URL",
    (value) => {
      const problems = validateTags({ link: value });
      expect(problems).toEqual(['tags["link"] contains http:// or https://, which ECS refuses in tag values.']);
    },
  );

  test("refuses a value of 129 characters", () => {
    expect(validateTags({ note: "v".repeat(129) })).toEqual([
      'tags["note"] has 129 characters; a tag value must have at most 128.',
    ]);
  });

  test.each([
    [1, "1"],
    [true, "true"],
    [null, "null"],
    [undefined, "undefined"],
    [{ a: 1 }, '{"a":1}'],
  ])("refuses the non-string value %p", (value, shown) => {
    expect(validateTags({ team: value })).toEqual([
      `tags["team"] is ${shown}; a tag value must be a string (quote numbers and dates: "2026").`,
    ]);
  });

  test("returns every problem of every tag", () => {
    const problems = validateTags({ ...tags(20), "aliyun:x": "http://y", ok: 3 });
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain("22 tags");
    expect(problems[1]).toContain('"aliyun:x"');
    expect(problems[2]).toContain('tags["aliyun:x"] contains http://');
    expect(problems[3]).toContain('tags["ok"] is 3');
  });

  test("names the input it is given", () => {
    expect(validateTags({ k: 1 }, "args.tags")).toEqual([
      'args.tags["k"] is 1; a tag value must be a string (quote numbers and dates: "2026").',
    ]);
  });
});

describe("validateChoice", () => {
  const kinds = ["instant-access", "flash"] as const;

  test.each([undefined, "instant-access", "flash"])("accepts %p", (value) => {
    expect(validateChoice(value, kinds, "category")).toEqual([]);
  });

  test.each([
    ["Flash", '"Flash"'],
    ["standard", '"standard"'],
    ["", '""'],
    [null, "null"],
    [1, "1"],
  ])("refuses %p, naming it and every allowed value", (value, shown) => {
    expect(validateChoice(value, kinds, "category")).toEqual([
      `category is ${shown}; it must be "instant-access" or "flash", or left out.`,
    ]);
  });

  test("compares values exactly, not loosely", () => {
    expect(validateChoice("1", [1, 2], "n")).toEqual(['n is "1"; it must be 1 or 2, or left out.']);
    expect(validateChoice(2, [1, 2], "n")).toEqual([]);
  });
});

describe("validateDiskSource", () => {
  test("accepts diskId alone", () => {
    expect(validateDiskSource(true, false)).toEqual([]);
  });

  test("accepts disk alone", () => {
    expect(validateDiskSource(false, true)).toEqual([]);
  });

  test("refuses both", () => {
    const problems = validateDiskSource(true, true);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/diskId and disk are both set; set exactly one/);
  });

  test("refuses neither", () => {
    const problems = validateDiskSource(false, false);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/neither diskId nor disk is set; set exactly one/);
  });
});

describe("describeInvalidInputs", () => {
  test("names the resource and lists each problem on its own line", () => {
    const text = describeInvalidInputs("nightly", ["first problem.", "second problem."]);
    expect(text.split("\n")).toEqual(['Invalid inputs for "nightly":', "  - first problem.", "  - second problem."]);
  });
});
