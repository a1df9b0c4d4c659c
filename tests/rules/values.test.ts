import * as pulumi from "@pulumi/pulumi";
import fc from "fast-check";

import { MAX_SHOWN, SECRET_SHOWN, describeValue, hideValue } from "../../components/rules/values";
import { awkward } from "../properties/values";

describe("describeValue", () => {
  test("never throws, and stays within MAX_SHOWN characters, whatever the value", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.anything({ withBigInt: true, withMap: true, withSet: true, withDate: true }), awkward),
        (value) => {
          const shown = describeValue(value);
          expect(typeof shown).toBe("string");
          expect(shown.length).toBeGreaterThan(0);
          expect(shown.length).toBeLessThanOrEqual(MAX_SHOWN);
        },
      ),
      { numRuns: 300 },
    );
  });

  test.each([
    [7, "7"],
    ["d-bp1", '"d-bp1"'],
    [{ team: "db" }, '{"team":"db"}'],
    [[1, "a"], '[1,"a"]'],
    [null, "null"],
    [undefined, "undefined"],
    [NaN, "NaN"],
    [-0, "-0"],
    [10n, "10n"],
    [Symbol("s"), "Symbol(s)"],
    [() => 1, "a function"],
    [new Map(), "a Map object"],
    [new Date(0), "a Date (1970-01-01T00:00:00.000Z)"],
  ])("shows %p as %s", (value, shown) => {
    expect(describeValue(value)).toBe(shown);
  });

  test("a circular object and array are shown with their cycle marked", () => {
    const o: Record<string, unknown> = { a: 1 };
    o.self = o;
    expect(describeValue(o)).toBe('{"a":1,"self":(circular)}');
    const a: unknown[] = [1];
    a.push(a);
    expect(describeValue(a)).toBe("[1,(circular)]");
  });

  test("a long string is cut, with its length", () => {
    const shown = describeValue("x".repeat(100_000));
    expect(shown).toBe(`"${"x".repeat(50)}"… (100000 characters)`);
  });

  test("a value that throws when read is described without reading it", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("boom");
        },
        ownKeys() {
          throw new Error("boom");
        },
      },
    );
    expect(describeValue(hostile)).toBe("(a value that cannot be shown)");
  });

  test("outputs, promises and resources are named, not read; a serialized secret is hidden", () => {
    expect(describeValue(pulumi.output("x"))).toBe("an Output (known only later)");
    expect(describeValue(pulumi.secret("hunter2"))).toBe("an Output (known only later)");
    expect(describeValue(Promise.resolve(1))).toBe("a Promise (known only later)");
    expect(
      describeValue({ "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value: "hunter2" }),
    ).toBe(SECRET_SHOWN);
  });

  test("hideValue shows every value as [secret]", () => {
    expect(hideValue("hunter2")).toBe("[secret]");
  });
});
