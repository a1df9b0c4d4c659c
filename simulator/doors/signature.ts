/**
 * The two request signatures the ECS RPC API accepts, checked against the account's test key,
 * written from Alibaba Cloud's public descriptions of them:
 *
 * - V3, `ACS3-HMAC-SHA256` (what `@alicloud/openapi-client` sends by default from `callApi`):
 *   an `Authorization: ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2>,Signature=<hex>`
 *   header over the canonical request `METHOD\nPATH\nQUERY\nHEADERS\nSIGNED\nPAYLOAD-SHA256`
 *   (query sorted by name, RFC 3986 encoded; the `x-acs-*`, `host` and `content-type` headers
 *   named in SignedHeaders, lowercase, trimmed; the payload's SHA-256 in `x-acs-content-sha256`);
 *   the string to sign is `ACS3-HMAC-SHA256\n<hex SHA-256 of the canonical request>`, signed
 *   with HMAC-SHA256 under the secret.
 * - V1, `HMAC-SHA1` (older clients, and the Go SDK under the provider): `Signature` among the
 *   parameters, over `METHOD&%2F&<encoded sorted parameters>`, HMAC-SHA1 under `<secret>&`, base64.
 */
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** A request as the server received it: raw query pairs and form pairs, lowercase headers. */
export interface SignedRequest {
  method: string;
  path: string;
  query: [string, string][];
  form: [string, string][];
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** Why a request is refused, as ECS's error code and message; `undefined` when it is signed right. */
export interface SignatureProblem {
  code: "SignatureDoesNotMatch" | "InvalidAccessKeyId.NotFound" | "IncompleteSignature";
  message: string;
}

export interface TestKey {
  accessKeyId: string;
  accessKeySecret: string;
}

/** RFC 3986 percent-encoding, as both signatures use it. */
export function percentEncode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const header = (req: SignedRequest, name: string): string => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(",") : (v ?? "");
};

/** Checks the request's signature (V3 or V1) against the test key. */
export function checkSignature(req: SignedRequest, key: TestKey): SignatureProblem | undefined {
  const authorization = header(req, "authorization");
  if (authorization) return checkV3(req, authorization, key);
  const params = [...req.query, ...req.form];
  if (params.some(([k]) => k === "Signature")) return checkV1(req, params, key);
  return {
    code: "IncompleteSignature",
    message:
      "The request signature does not conform to Aliyun standards: it has neither an Authorization header nor a Signature parameter.",
  };
}

function checkV3(req: SignedRequest, authorization: string, key: TestKey): SignatureProblem | undefined {
  const m = /^ACS3-HMAC-SHA256 Credential=([^,]+),SignedHeaders=([^,]*),Signature=([0-9a-f]+)$/.exec(
    authorization.trim(),
  );
  if (!m)
    return {
      code: "IncompleteSignature",
      message: `The request signature does not conform to Aliyun standards: Authorization ${JSON.stringify(authorization.slice(0, 40))}… is not ACS3-HMAC-SHA256.`,
    };
  const [, accessKeyId, signedHeaders, signature] = m;
  if (accessKeyId !== key.accessKeyId) return unknownKey(accessKeyId);
  const payload = createHash("sha256").update(req.body).digest("hex");
  if (header(req, "x-acs-content-sha256") !== payload)
    return {
      code: "SignatureDoesNotMatch",
      message:
        "Specified signature is not matched with our calculation: x-acs-content-sha256 is not the SHA-256 of the body.",
    };
  const names = signedHeaders.split(";").filter((n) => n);
  const canonicalQuery = [...req.query]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
  const canonicalHeaders = names.map((n) => `${n}:${header(req, n).trim()}\n`).join("");
  const canonicalRequest = [req.method, req.path, canonicalQuery, canonicalHeaders, names.join(";"), payload].join(
    "\n",
  );
  const stringToSign = `ACS3-HMAC-SHA256\n${createHash("sha256").update(canonicalRequest).digest("hex")}`;
  const expected = createHmac("sha256", key.accessKeySecret).update(stringToSign).digest("hex");
  return same(expected, signature) ? undefined : mismatch();
}

function checkV1(req: SignedRequest, params: [string, string][], key: TestKey): SignatureProblem | undefined {
  const get = (name: string) => params.find(([k]) => k === name)?.[1];
  if (get("SignatureMethod") !== "HMAC-SHA1")
    return {
      code: "IncompleteSignature",
      message: `The request signature does not conform to Aliyun standards: SignatureMethod ${get("SignatureMethod") ?? "(none)"} is not HMAC-SHA1.`,
    };
  const accessKeyId = get("AccessKeyId") ?? "";
  if (accessKeyId !== key.accessKeyId) return unknownKey(accessKeyId);
  const canonical = params
    .filter(([k]) => k !== "Signature")
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`)
    .join("&");
  const stringToSign = `${req.method}&${percentEncode("/")}&${percentEncode(canonical)}`;
  const expected = createHmac("sha1", `${key.accessKeySecret}&`).update(stringToSign).digest("base64");
  return same(expected, get("Signature") ?? "") ? undefined : mismatch();
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function mismatch(): SignatureProblem {
  return { code: "SignatureDoesNotMatch", message: "Specified signature is not matched with our calculation." };
}

function unknownKey(id: string): SignatureProblem {
  return { code: "InvalidAccessKeyId.NotFound", message: `Specified access key is not found: ${id}.` };
}
