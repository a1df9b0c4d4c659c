/**
 * The stand-in's invoke answers written as bytes (simulator/doors/structWire.ts): the same
 * message google-protobuf writes from `Struct.fromJavaScript`, byte for byte, and the provider
 * server's Invoke answering with it (simulator/doors/provider.ts `keepRequestTimeouts`).
 */
import * as fc from "fast-check";

import { keepRequestTimeouts } from "../../simulator/doors/provider";
import { encodeInvokeResponse, type WireValue } from "../../simulator/doors/structWire";

// The protobuf modules the provider server itself uses (dependencies of @pulumi/pulumi, not ours).
const fromProvider = { paths: [require.resolve("@pulumi/pulumi/provider")] };
/* eslint-disable @typescript-eslint/no-require-imports */
const { Struct } = require(require.resolve("google-protobuf/google/protobuf/struct_pb", fromProvider)) as {
  Struct: { fromJavaScript(value: object): unknown };
};
const provproto = require("@pulumi/pulumi/proto/provider_pb") as {
  InvokeResponse: {
    new (): GoogleInvokeResponse;
    deserializeBinary(bytes: Uint8Array): GoogleInvokeResponse;
  };
  CheckFailure: new () => { setProperty(p: string): void; setReason(r: string): void };
};
const grpc = require(require.resolve("@grpc/grpc-js", fromProvider)) as {
  Server: { prototype: { addService: unknown } };
};
/* eslint-enable @typescript-eslint/no-require-imports */

interface GoogleInvokeResponse {
  setReturn(s: unknown): void;
  setFailuresList(f: unknown[]): void;
  getReturn(): { toJavaScript(): unknown };
  getFailuresList(): { getProperty(): string; getReason(): string }[];
  serializeBinary(): Uint8Array;
}

/** What @pulumi/pulumi/provider's server sends (provider/server.js `invoke`). */
function googleBytes(
  outputs: Record<string, WireValue>,
  failures: { property: string; reason: string }[] = [],
): Buffer {
  const resp = new provproto.InvokeResponse();
  resp.setReturn(Struct.fromJavaScript(outputs));
  resp.setFailuresList(
    failures.map((f) => {
      const failure = new provproto.CheckFailure();
      failure.setProperty(f.property);
      failure.setReason(f.reason);
      return failure;
    }),
  );
  return Buffer.from(resp.serializeBinary());
}

// JSON values as the stand-in's answers hold them: every kind a Struct carries, nested, with
// unicode, empty strings and lists, negative and fractional numbers.
const jsonValue: fc.Arbitrary<WireValue> = fc.letrec<{ value: WireValue }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.string({ unit: "grapheme" }),
    fc.double({ noNaN: true }),
    fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
    fc.array(tie("value"), { maxLength: 5 }),
    fc.dictionary(fc.string({ unit: "grapheme", maxLength: 8 }), tie("value"), { maxKeys: 5 }),
  ),
})).value;

describe("structWire: an invoke answer written as bytes", () => {
  test("the same bytes google-protobuf writes, for any JSON answer and failures", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.string({ maxLength: 12 }), jsonValue, { maxKeys: 6 }),
        fc.array(fc.record({ property: fc.string(), reason: fc.string({ unit: "grapheme" }) }), { maxLength: 3 }),
        (outputs, failures) => {
          expect(encodeInvokeResponse(outputs, failures).equals(googleBytes(outputs, failures))).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  test("a getEcsDisks answer of 1,000 disks decodes back to itself", () => {
    const disks = Array.from({ length: 1000 }, (_, i) => ({
      id: `d-fleet${String(i).padStart(7, "0")}`,
      size: 100,
      encrypted: "off",
      portable: true,
      mountInstances: [{ instanceId: "i-fleet000001", device: "/dev/xvdb" }],
      operationLocks: [],
      tags: { "team-ü": "storage" },
    }));
    const outputs = { disks, ids: disks.map((d) => d.id), id: "x", totalCount: 1000 };
    const bytes = encodeInvokeResponse(outputs);
    expect(bytes.equals(googleBytes(outputs))).toBe(true);
    expect(provproto.InvokeResponse.deserializeBinary(bytes).getReturn().toJavaScript()).toEqual(outputs);
  });

  test("what Struct.fromJavaScript refuses is refused: undefined, a function, a bigint", () => {
    for (const value of [undefined, () => 1, BigInt(1)]) {
      expect(() => Struct.fromJavaScript({ a: value })).toThrow();
      expect(() => encodeInvokeResponse({ a: value as unknown as WireValue })).toThrow(
        /Unexpected struct type: \w+ at "a"/,
      );
      expect(() => encodeInvokeResponse({ a: [1, value as unknown as WireValue] })).toThrow(
        /Unexpected struct type: \w+ at \[1\]/,
      );
    }
  });
});

describe("the provider server's Invoke answers in bytes (keepRequestTimeouts)", () => {
  type Handler = (call: unknown, answer: (err: unknown, value?: unknown) => void) => void;
  interface Registered {
    service: { invoke: { responseSerialize(value: unknown): Buffer }; check?: unknown };
    impl: Record<string, Handler>;
  }

  /** What the patched addService hands to grpc for a provider service whose provider answers `invoke`. */
  function register(invoke: (tok: string, args: object) => Promise<unknown>): Registered {
    const original = grpc.Server.prototype.addService;
    const registered = {} as Registered;
    grpc.Server.prototype.addService = function (service: Registered["service"], impl: Registered["impl"]) {
      registered.service = service;
      registered.impl = impl;
    };
    try {
      keepRequestTimeouts();
      const serialize = (value: unknown) => Buffer.from((value as GoogleInvokeResponse).serializeBinary());
      const server = {
        provider: { invoke },
        invoke: () => {
          throw new Error("the server's own invoke handler was called");
        },
      };
      (grpc.Server.prototype.addService as (s: unknown, i: unknown) => void)(
        { invoke: { path: "/pulumirpc.ResourceProvider/Invoke", responseSerialize: serialize }, check: {} },
        server,
      );
      return registered;
    } finally {
      grpc.Server.prototype.addService = original;
    }
  }

  const call = (tok: string, args: object) => ({
    request: { getTok: () => tok, getArgs: () => Struct.fromJavaScript(args) },
  });

  test("the provider's outputs and failures, encoded; the service sends the bytes as they are", async () => {
    let asked: unknown;
    const { service, impl } = register((tok, args) => {
      asked = { tok, args };
      return Promise.resolve({
        outputs: { disks: [{ id: "d-1", size: 40 }] },
        failures: [{ property: "ids", reason: "bad" }],
      });
    });
    const { err, answer } = await new Promise<{ err: unknown; answer: unknown }>((resolve) =>
      impl.invoke(call("alicloud:ecs/getEcsDisks:getEcsDisks", { ids: ["d-1"] }), (e, value) =>
        resolve({ err: e, answer: value }),
      ),
    );
    expect(err).toBeUndefined();
    expect(asked).toEqual({ tok: "alicloud:ecs/getEcsDisks:getEcsDisks", args: { ids: ["d-1"] } });
    expect(Buffer.isBuffer(answer)).toBe(true);
    const decoded = provproto.InvokeResponse.deserializeBinary(service.invoke.responseSerialize(answer));
    expect(decoded.getReturn().toJavaScript()).toEqual({ disks: [{ id: "d-1", size: 40 }] });
    expect(decoded.getFailuresList().map((f) => [f.getProperty(), f.getReason()])).toEqual([["ids", "bad"]]);
    // An answer built as a message still goes through the service's own serializer.
    const built = new provproto.InvokeResponse();
    built.setReturn(Struct.fromJavaScript({ a: 1 }));
    expect(service.invoke.responseSerialize(built).equals(Buffer.from(built.serializeBinary()))).toBe(true);
    expect(service.check).toEqual({});
  });

  test("a refused invoke is answered with its error, as the provider server answers it", async () => {
    const { impl } = register(() => Promise.reject(new Error("The disk d-x does not exist.")));
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const err = await new Promise<unknown>((resolve) => impl.invoke(call("t", {}), (e) => resolve(e)));
      expect((err as Error).message).toBe("The disk d-x does not exist.");
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });

  test("an answer that cannot be encoded is answered with the error, as Struct.fromJavaScript's would be", async () => {
    const { impl } = register(() => Promise.resolve({ outputs: { disks: [{ size: undefined }] } }));
    const logged = jest.spyOn(console, "error").mockImplementation(() => undefined);
    try {
      const err = await new Promise<unknown>((resolve) => impl.invoke(call("t", {}), (e) => resolve(e)));
      expect((err as Error).message).toMatch(/^Unexpected struct type/);
      expect(logged).toHaveBeenCalledTimes(1);
    } finally {
      logged.mockRestore();
    }
  });
});
