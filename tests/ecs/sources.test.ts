/**
 * Where the ECS client's credentials and region come from: the alicloud provider's variables in
 * its order (terraform-provider-alicloud alicloud/provider.go, connectivity/config.go), then
 * @alicloud/credentials' default chain; the region as the provider decides it.
 */
import { credentialSource, describeCredentialSource, parseEndpoint, resolveRegion } from "../../components/ecs";

describe("credential sources, in the provider's order", () => {
  it("takes an access key under the provider's first names before the SDK's", () => {
    const s = credentialSource({
      ALICLOUD_ACCESS_KEY: "id-a",
      ALIBABA_CLOUD_ACCESS_KEY_ID: "id-b",
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: "secret-b",
    });
    expect(s).toEqual({
      kind: "access_key",
      from: ["ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET"],
      accessKeyId: "id-a",
      accessKeySecret: "secret-b",
    });
    expect(describeCredentialSource(s)).not.toContain("secret-b");
  });

  it("makes STS credentials with a security token", () => {
    const s = credentialSource({
      ALIBABACLOUD_ACCESS_KEY_ID: "i",
      ALICLOUD_SECRET_KEY: "s",
      ALIBABA_CLOUD_SECURITY_TOKEN: "t",
    });
    expect(s).toMatchObject({ kind: "sts", securityToken: "t" });
  });

  it.each([
    [{ ALICLOUD_ACCESS_KEY: "i", ALICLOUD_SECRET_KEY: "s", ALICLOUD_PROFILE: "ci" }, "access_key"],
    [{ ALICLOUD_ACCESS_KEY: "only-an-id", ALICLOUD_PROFILE: "ci" }, "cli_profile"],
    [{ ALIBABA_CLOUD_PROFILE: "ci", ALICLOUD_ECS_ROLE_NAME: "role" }, "cli_profile"],
    [{ ALICLOUD_CREDENTIALS_URI: "http://127.0.0.1:1/creds", ALICLOUD_ECS_ROLE_NAME: "role" }, "credentials_uri"],
    [{ ALIBABA_CLOUD_ECS_METADATA: "role", ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/r" }, "ecs_ram_role"],
    [
      {
        ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/ci",
        ALIBABA_CLOUD_OIDC_PROVIDER_ARN: "acs:ram::1:oidc-provider/github",
        ALIBABA_CLOUD_OIDC_TOKEN_FILE: "/tmp/token",
      },
      "oidc_role_arn",
    ],
    [{ ALIBABA_CLOUD_ROLE_ARN: "acs:ram::1:role/ci" }, "default"],
    [{}, "default"],
  ])("%j → %s", (env, kind) => {
    expect(credentialSource(env).kind).toBe(kind);
  });

  it("prefers explicit keys to the environment", () => {
    expect(
      credentialSource(
        { ALICLOUD_ACCESS_KEY: "a", ALICLOUD_SECRET_KEY: "b" },
        { accessKeyId: "x", accessKeySecret: "y" },
      ),
    ).toMatchObject({
      accessKeyId: "x",
      from: ["explicit credentials"],
    });
  });
});

describe("the region, as the provider decides it", () => {
  it("takes the first of: option, provider input, alicloud:region, ALICLOUD_REGION, ALIBABA_CLOUD_REGION, cn-beijing", () => {
    const env = { ALICLOUD_REGION: "cn-shenzhen", ALIBABA_CLOUD_REGION: "cn-qingdao" };
    expect(resolveRegion({ regionId: "cn-hangzhou", providerRegion: "cn-shanghai" }, env).regionId).toBe("cn-hangzhou");
    expect(resolveRegion({ providerRegion: "cn-shanghai", configRegion: "cn-hongkong" }, env)).toEqual({
      regionId: "cn-shanghai",
      from: "the provider's region input",
    });
    expect(resolveRegion({ configRegion: "cn-hongkong" }, env).regionId).toBe("cn-hongkong");
    expect(resolveRegion({}, env)).toEqual({ regionId: "cn-shenzhen", from: "ALICLOUD_REGION" });
    expect(resolveRegion({}, { ALIBABA_CLOUD_REGION: "cn-qingdao" }).regionId).toBe("cn-qingdao");
    expect(resolveRegion({}, {}).regionId).toBe("cn-beijing");
    expect(() => resolveRegion({ configRegion: "Hangzhou" }, {})).toThrow(/alicloud:region is "Hangzhou"/);
  });
});

describe("the endpoint override", () => {
  it("reads http://host:port, https://host and a bare host; refuses the rest", () => {
    expect(parseEndpoint("http://127.0.0.1:8080")).toEqual({ protocol: "http", host: "127.0.0.1:8080" });
    expect(parseEndpoint("ecs.cn-hangzhou.aliyuncs.com")).toEqual({
      protocol: "https",
      host: "ecs.cn-hangzhou.aliyuncs.com",
    });
    expect(() => parseEndpoint("ftp://x")).toThrow(/ESSD_ECS_ENDPOINT/);
  });
});
