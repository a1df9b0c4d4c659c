/**
 * Where the ECS client's credentials come from: the sources the alicloud provider reads, in the
 * provider's order (terraform-provider-alicloud `alicloud/provider.go` and
 * `alicloud/connectivity/config.go`, v1.289.0), each built with `@alicloud/credentials`:
 *
 * 1. an access key: `ALICLOUD_ACCESS_KEY` / `ALIBABA_CLOUD_ACCESS_KEY_ID` /
 *    `ALIBABACLOUD_ACCESS_KEY_ID` with `ALICLOUD_SECRET_KEY` / `ALIBABA_CLOUD_ACCESS_KEY_SECRET` /
 *    `ALIBABACLOUD_ACCESS_KEY_SECRET`, and STS with `ALICLOUD_SECURITY_TOKEN` /
 *    `ALIBABA_CLOUD_SECURITY_TOKEN` / `ALIBABACLOUD_SECURITY_TOKEN` (first set name wins);
 * 2. a profile of the `aliyun` CLI (`~/.aliyun/config.json`): `ALICLOUD_PROFILE` /
 *    `ALIBABA_CLOUD_PROFILE`;
 * 3. a credentials URI: `ALICLOUD_CREDENTIALS_URI` / `ALIBABA_CLOUD_CREDENTIALS_URI`;
 * 4. the ECS instance's RAM role: `ALICLOUD_ECS_ROLE_NAME` / `ALIBABA_CLOUD_ECS_METADATA`;
 * 5. OIDC (a RAM role assumed with a token file): `ALIBABA_CLOUD_ROLE_ARN`,
 *    `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`, `ALIBABA_CLOUD_OIDC_TOKEN_FILE`, optionally
 *    `ALIBABA_CLOUD_ROLE_SESSION_NAME`;
 * 6. none of these: `@alicloud/credentials`' own default chain (its environment variables,
 *    OIDC, the CLI profile, `~/.alibabacloud/credentials`, the instance metadata service,
 *    `ALIBABA_CLOUD_CREDENTIALS_URI`).
 *
 * Where they differ: the provider takes OIDC only inside an `assumeRoleWithOidc` block of its
 * configuration (the variables fill its fields), the SDK's chain from the variables alone; the
 * provider's `ALICLOUD_SHARED_CREDENTIALS_FILE` / `ALIBABA_CLOUD_CREDENTIALS_FILE` (another CLI
 * config file) has no counterpart in the SDK's CLI-profile source, which always reads
 * `~/.aliyun/config.json`; the `ALICLOUD_*` and `ALIBABACLOUD_*` names are the provider's only;
 * the provider's `assumeRole` block (a RAM role assumed with the keys) is not read here.
 */
import Credential, {
  CLIProfileCredentialsProvider,
  Config as CredentialConfig,
  type CredentialsProvider,
  DefaultCredentialsProvider,
  ECSRAMRoleCredentialsProvider,
  OIDCRoleArnCredentialsProvider,
  URICredentialsProvider,
} from "@alicloud/credentials";

type Env = Record<string, string | undefined>;

/** Keys given in code (tests, the local ECS API): they win over every other source. */
export interface ExplicitCredentials {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
}

/** A source of credentials and the variables it was read from (never the secret values). */
export type CredentialSource =
  | { kind: "access_key" | "sts"; from: string[]; accessKeyId: string; accessKeySecret: string; securityToken?: string }
  | { kind: "cli_profile"; from: string[]; profileName: string }
  | { kind: "credentials_uri"; from: string[]; credentialsUri: string }
  | { kind: "ecs_ram_role"; from: string[]; roleName: string }
  | {
      kind: "oidc_role_arn";
      from: string[];
      roleArn: string;
      oidcProviderArn: string;
      oidcTokenFilePath: string;
      roleSessionName?: string;
    }
  | { kind: "default"; from: string[] };

/** The provider's environment variables for each setting, in the order it reads them. */
export const PROVIDER_VARIABLES = {
  accessKeyId: ["ALICLOUD_ACCESS_KEY", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ALIBABACLOUD_ACCESS_KEY_ID"],
  accessKeySecret: ["ALICLOUD_SECRET_KEY", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ALIBABACLOUD_ACCESS_KEY_SECRET"],
  securityToken: ["ALICLOUD_SECURITY_TOKEN", "ALIBABA_CLOUD_SECURITY_TOKEN", "ALIBABACLOUD_SECURITY_TOKEN"],
  profile: ["ALICLOUD_PROFILE", "ALIBABA_CLOUD_PROFILE"],
  credentialsUri: ["ALICLOUD_CREDENTIALS_URI", "ALIBABA_CLOUD_CREDENTIALS_URI"],
  ecsRoleName: ["ALICLOUD_ECS_ROLE_NAME", "ALIBABA_CLOUD_ECS_METADATA"],
  region: ["ALICLOUD_REGION", "ALIBABA_CLOUD_REGION"],
} as const;

/** The SDK's variables for a RAM role assumed with OIDC (source 5). */
export const OIDC_VARIABLES = {
  roleArn: "ALIBABA_CLOUD_ROLE_ARN",
  oidcProviderArn: "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
  oidcTokenFile: "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
  roleSessionName: "ALIBABA_CLOUD_ROLE_SESSION_NAME",
} as const;

/**
 * Every variable {@link credentialSource} reads credentials from (the region aside): what a run
 * against a simulated cloud clears (testing/harness/ecsApi.ts, scripts/pulumi-sim).
 */
export const CREDENTIAL_VARIABLES: readonly string[] = [
  ...PROVIDER_VARIABLES.accessKeyId,
  ...PROVIDER_VARIABLES.accessKeySecret,
  ...PROVIDER_VARIABLES.securityToken,
  ...PROVIDER_VARIABLES.profile,
  ...PROVIDER_VARIABLES.credentialsUri,
  ...PROVIDER_VARIABLES.ecsRoleName,
  ...Object.values(OIDC_VARIABLES),
];

/** The first of `names` set (non-blank) in `env`: its name and trimmed value. */
function first(env: Env, names: readonly string[]): [string, string] | undefined {
  for (const name of names) {
    const v = env[name]?.trim();
    if (v) return [name, v];
  }
  return undefined;
}

/** Which source the client uses, from explicit keys or the environment, in the provider's order. */
export function credentialSource(env: Env = process.env, explicit?: ExplicitCredentials): CredentialSource {
  if (explicit)
    return {
      kind: explicit.securityToken ? "sts" : "access_key",
      from: ["explicit credentials"],
      ...explicit,
    };
  const id = first(env, PROVIDER_VARIABLES.accessKeyId);
  const secret = first(env, PROVIDER_VARIABLES.accessKeySecret);
  if (id && secret) {
    const token = first(env, PROVIDER_VARIABLES.securityToken);
    return {
      kind: token ? "sts" : "access_key",
      from: [id[0], secret[0], ...(token ? [token[0]] : [])],
      accessKeyId: id[1],
      accessKeySecret: secret[1],
      ...(token ? { securityToken: token[1] } : {}),
    };
  }
  const profile = first(env, PROVIDER_VARIABLES.profile);
  if (profile) return { kind: "cli_profile", from: [profile[0]], profileName: profile[1] };
  const uri = first(env, PROVIDER_VARIABLES.credentialsUri);
  if (uri) return { kind: "credentials_uri", from: [uri[0]], credentialsUri: uri[1] };
  const role = first(env, PROVIDER_VARIABLES.ecsRoleName);
  if (role) return { kind: "ecs_ram_role", from: [role[0]], roleName: role[1] };
  const roleArn = first(env, [OIDC_VARIABLES.roleArn]);
  const providerArn = first(env, [OIDC_VARIABLES.oidcProviderArn]);
  const tokenFile = first(env, [OIDC_VARIABLES.oidcTokenFile]);
  if (roleArn && providerArn && tokenFile) {
    const session = first(env, [OIDC_VARIABLES.roleSessionName]);
    return {
      kind: "oidc_role_arn",
      from: [roleArn[0], providerArn[0], tokenFile[0], ...(session ? [session[0]] : [])],
      roleArn: roleArn[1],
      oidcProviderArn: providerArn[1],
      oidcTokenFilePath: tokenFile[1],
      ...(session ? { roleSessionName: session[1] } : {}),
    };
  }
  return { kind: "default", from: [] };
}

/** The source in a sentence, for errors and logs: its kind and the variables, never a secret. */
export function describeCredentialSource(source: CredentialSource): string {
  const from = source.from.length > 0 ? ` (${source.from.join(", ")})` : "";
  switch (source.kind) {
    case "access_key":
      return `an access key${from}`;
    case "sts":
      return `STS credentials${from}`;
    case "cli_profile":
      return `the aliyun CLI profile "${source.profileName}"${from}`;
    case "credentials_uri":
      return `the credentials URI${from}`;
    case "ecs_ram_role":
      return `the ECS instance's RAM role "${source.roleName}"${from}`;
    case "oidc_role_arn":
      return `the RAM role ${source.roleArn} assumed with OIDC${from}`;
    case "default":
      return "the default chain of @alicloud/credentials (no provider variable is set)";
  }
}

/** The `@alicloud/credentials` object for a source; nothing is fetched until a request signs. */
export function credentialFor(source: CredentialSource): Credential {
  switch (source.kind) {
    case "access_key":
    case "sts":
      return new Credential(
        new CredentialConfig({
          type: source.kind,
          accessKeyId: source.accessKeyId,
          accessKeySecret: source.accessKeySecret,
          securityToken: source.securityToken,
        }),
      );
    case "cli_profile":
      return fetchedOnce(CLIProfileCredentialsProvider.builder().withProfileName(source.profileName).build());
    case "credentials_uri":
      return fetchedOnce(URICredentialsProvider.builder().withCredentialsURI(source.credentialsUri).build());
    case "ecs_ram_role":
      return fetchedOnce(ECSRAMRoleCredentialsProvider.builder().withRoleName(source.roleName).build());
    case "oidc_role_arn": {
      let builder = OIDCRoleArnCredentialsProvider.builder()
        .withRoleArn(source.roleArn)
        .withOIDCProviderArn(source.oidcProviderArn)
        .withOIDCTokenFilePath(source.oidcTokenFilePath);
      if (source.roleSessionName) builder = builder.withRoleSessionName(source.roleSessionName);
      return fetchedOnce(builder.build());
    }
    case "default":
      return fetchedOnce(DefaultCredentialsProvider.builder().build());
  }
}

/**
 * A credential over `provider` whose concurrent requests share one fetch. The SDK's session
 * providers keep a token once fetched, but each request made before the first answer fetches
 * its own: a lookup's parallel requests would each ask the metadata service, STS or the URI.
 */
function fetchedOnce(provider: CredentialsProvider): Credential {
  let pending: ReturnType<CredentialsProvider["getCredentials"]> | undefined;
  return new Credential(null, {
    getProviderName: () => provider.getProviderName(),
    getCredentials: () =>
      (pending ??= provider.getCredentials().finally(() => {
        pending = undefined;
      })),
  });
}
