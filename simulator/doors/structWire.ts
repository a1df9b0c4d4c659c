/**
 * A provider's invoke answer written straight to the protocol's bytes: `pulumirpc.InvokeResponse`
 * with its `return` (a `google.protobuf.Struct`) from a JSON value, without building
 * google-protobuf's message objects first.
 *
 * Why: @pulumi/pulumi/provider's server answers an invoke with `Struct.fromJavaScript` and then
 * `serializeBinary`, which for a data source's answer of 1,000 disks (1.1 MB) takes the stand-in
 * 0.25–0.35 s of JavaScript on this machine. The real provider (the Terraform bridge, in Go)
 * marshals its answer natively; the stand-in should not add to a preview the cost of a
 * JavaScript encoder it would not have. The bytes are the same message: the engine reads them
 * with the same `InvokeResponse` type (tests/simulator/structWire.test.ts decodes them with
 * google-protobuf and compares).
 *
 * Wire format (protobuf encoding, google/protobuf/struct.proto and pulumi/provider.proto):
 * InvokeResponse.return = 1 (Struct); Struct.fields = 1 (map<string, Value>: entries with
 * key = 1, value = 2); Value: null_value = 1, number_value = 2 (double), string_value = 3,
 * bool_value = 4, struct_value = 5, list_value = 6; ListValue.values = 1.
 */

/** A JSON value as a Struct carries it (what `Struct.fromJavaScript` accepts). */
export type WireValue = null | number | string | boolean | WireValue[] | { [key: string]: WireValue };

const LENGTH_DELIMITED = 2;
const FIXED64 = 1;
const VARINT = 0;

function tag(field: number, wireType: number): number {
  return (field << 3) | wireType;
}

function varintSize(n: number): number {
  let size = 1;
  while (n >= 0x80) {
    n = Math.floor(n / 128);
    size++;
  }
  return size;
}

/**
 * The size of a `Value` message holding `value`. Sizes go before their messages, so they are
 * computed first: every length prefix {@link Writer} will write is pushed on `sizes`, in the
 * order it writes them (a map entry's, then its value's, then what the value holds).
 */
function sizeOfValue(value: WireValue, sizes: number[]): number {
  if (value === null) return 2; // tag, varint 0
  switch (typeof value) {
    case "number":
      return 9; // tag, 8 bytes
    case "boolean":
      return 2;
    case "string": {
      const n = Buffer.byteLength(value, "utf8");
      return 1 + varintSize(n) + n;
    }
    default: {
      const slot = sizes.length;
      sizes.push(0);
      const n = Array.isArray(value) ? sizeOfList(value, sizes) : sizeOfStruct(value, sizes);
      sizes[slot] = n;
      return 1 + varintSize(n) + n;
    }
  }
}

function sizeOfList(values: WireValue[], sizes: number[]): number {
  let total = 0;
  for (const [i, v] of values.entries()) {
    const slot = sizes.length;
    sizes.push(0);
    const n = sizeOfValue(checked(v, i), sizes);
    sizes[slot] = n;
    total += 1 + varintSize(n) + n;
  }
  return total;
}

function sizeOfStruct(fields: { [key: string]: WireValue }, sizes: number[]): number {
  let total = 0;
  for (const key of Object.keys(fields).sort()) {
    const value = fields[key];
    const keyBytes = Buffer.byteLength(key, "utf8");
    const entrySlot = sizes.length;
    sizes.push(0, 0);
    const valueSize = sizeOfValue(checked(value, key), sizes);
    const entry = 1 + varintSize(keyBytes) + keyBytes + 1 + varintSize(valueSize) + valueSize;
    sizes[entrySlot] = entry;
    sizes[entrySlot + 1] = valueSize;
    total += 1 + varintSize(entry) + entry;
  }
  return total;
}

/**
 * What `Struct.fromJavaScript` refuses is refused here too: undefined, a function, a bigint, a
 * symbol; the message names the key or list index it was found at.
 */
function checked(value: unknown, at: string | number): WireValue {
  switch (typeof value) {
    case "number":
    case "string":
    case "boolean":
    case "object":
      return value as WireValue;
    default:
      throw new Error(
        `Unexpected struct type: ${typeof value} at ${typeof at === "number" ? `[${at}]` : JSON.stringify(at)}; an invoke's answer holds JSON values only.`,
      );
  }
}

class Writer {
  readonly bytes: Buffer;
  at = 0;
  next = 0; // the next entry of `sizes` to read

  constructor(
    size: number,
    private readonly sizes: number[],
  ) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  varint(n: number): void {
    while (n >= 0x80) {
      this.bytes[this.at++] = (n & 0x7f) | 0x80;
      n = Math.floor(n / 128);
    }
    this.bytes[this.at++] = n;
  }

  string(s: string): void {
    const n = Buffer.byteLength(s, "utf8");
    this.varint(n);
    this.at += this.bytes.write(s, this.at, "utf8");
  }

  stringField(field: number, s: string): void {
    this.varint(tag(field, LENGTH_DELIMITED));
    this.string(s);
  }

  size(): number {
    return this.sizes[this.next++];
  }

  value(value: WireValue): void {
    if (value === null) {
      this.varint(tag(1, VARINT));
      this.varint(0);
      return;
    }
    switch (typeof value) {
      case "number":
        this.varint(tag(2, FIXED64));
        this.at = this.bytes.writeDoubleLE(value, this.at);
        return;
      case "boolean":
        this.varint(tag(4, VARINT));
        this.varint(value ? 1 : 0);
        return;
      case "string":
        this.varint(tag(3, LENGTH_DELIMITED));
        this.string(value);
        return;
      default:
        this.varint(tag(Array.isArray(value) ? 6 : 5, LENGTH_DELIMITED));
        this.varint(this.size());
        if (Array.isArray(value)) this.list(value);
        else this.struct(value);
    }
  }

  list(values: WireValue[]): void {
    for (const v of values) {
      this.varint(tag(1, LENGTH_DELIMITED));
      this.varint(this.size());
      this.value(v);
    }
  }

  struct(fields: { [key: string]: WireValue }): void {
    for (const key of Object.keys(fields).sort()) {
      const value = fields[key];
      this.varint(tag(1, LENGTH_DELIMITED));
      this.varint(this.size());
      this.varint(tag(1, LENGTH_DELIMITED));
      this.string(key);
      this.varint(tag(2, LENGTH_DELIMITED));
      this.varint(this.size());
      this.value(value);
    }
  }
}

/** A check failure of an invoke's inputs (`pulumirpc.CheckFailure`: property = 1, reason = 2). */
export interface WireFailure {
  property: string;
  reason: string;
}

/** The bytes of a `pulumirpc.InvokeResponse` (return = 1, failures = 2) answering `outputs`. */
export function encodeInvokeResponse(
  outputs: { [key: string]: WireValue },
  failures: readonly WireFailure[] = [],
): Buffer {
  const sizes: number[] = [];
  const structSize = sizeOfStruct(outputs, sizes);
  let total = 1 + varintSize(structSize) + structSize;
  const failureSizes = failures.map(({ property, reason }) => {
    const n = stringFieldSize(property) + stringFieldSize(reason);
    total += 1 + varintSize(n) + n;
    return n;
  });
  const writer = new Writer(total, sizes);
  writer.varint(tag(1, LENGTH_DELIMITED));
  writer.varint(structSize);
  writer.struct(outputs);
  failures.forEach(({ property, reason }, i) => {
    writer.varint(tag(2, LENGTH_DELIMITED));
    writer.varint(failureSizes[i]);
    // proto3 leaves an empty string out
    if (property !== "") writer.stringField(1, property);
    if (reason !== "") writer.stringField(2, reason);
  });
  if (writer.at !== total) throw new Error(`encoded ${writer.at} bytes of ${total}`);
  return writer.bytes;
}

function stringFieldSize(s: string): number {
  if (s === "") return 0;
  const n = Buffer.byteLength(s, "utf8");
  return 1 + varintSize(n) + n;
}
