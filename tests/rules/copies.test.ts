import { checkCopies, copySourceRefusal, deriveCopyName, knownLater } from "../../components/rules/copies";

describe("copySourceRefusal: the states ECS copies (CopySnapshot)", () => {
  test.each([
    [{ status: "accomplished", category: "standard" }, undefined],
    [
      { status: "progressing", category: "standard" },
      /its status is progressing; ECS copies only an accomplished snapshot/,
    ],
    [{ status: "failed", category: "standard" }, /its status is failed/],
    [{ status: "accomplished", category: "flash" }, /its category is flash; ECS copies only standard snapshots/],
    [{ status: "accomplished", category: "archive" }, /its category is archive/],
  ])("%j", (state, refusal) => {
    const said = copySourceRefusal({ id: "s-1", ...state });
    if (refusal === undefined) expect(said).toBeUndefined();
    else expect(said).toMatch(refusal);
  });
});

describe("checkCopies", () => {
  const source = { regionId: "cn-hangzhou", encrypted: false, flash: false };
  test("nothing to say of valid copies, or of none", () => {
    expect(checkCopies([{ regionId: "cn-shanghai" }], source)).toEqual([]);
    expect(checkCopies([], { ...source, flash: true, waitUntil: "available" })).toEqual([]);
  });
  test("unknown facts are not guessed", () => {
    expect(checkCopies([{ regionId: undefined }], { flash: false })).toEqual([]);
  });
  test("an encrypted source needs a key for each copy", () => {
    expect(
      checkCopies([{ regionId: "cn-shanghai" }, { regionId: "cn-beijing", kmsKeyId: "k" }], {
        ...source,
        encrypted: true,
      }),
    ).toEqual([expect.stringMatching(/^copies\[0\] copies an encrypted snapshot to cn-shanghai without kmsKeyId/)]);
  });
});

test("deriveCopyName: valid ECS names from the component, region and generation", () => {
  expect(deriveCopyName("db", "cn-shanghai", "2026-12")).toBe("db-cn-shanghai-2026-12");
  expect(deriveCopyName("auto1", "cn-shanghai")).toBe("copy-auto1-cn-shanghai");
  expect(deriveCopyName("x".repeat(200), "cn-shanghai")).toHaveLength(128);
  expect(deriveCopyName("db", "cn-shanghai", "v 1/2")).toBe("db-cn-shanghai-v-1-2");
});

test("knownLater: outputs and promises, not plain values", () => {
  expect(knownLater(Promise.resolve(1))).toBe(true);
  expect(knownLater({ __pulumiOutput: true })).toBe(true);
  expect(knownLater({ regionId: "x" })).toBe(false);
  expect(knownLater("x")).toBe(false);
});
