/**
 * The local ECS API for a run: components that call ECS themselves (EssdSnapshotGroup reads its
 * members and earlier groups with DescribeSnapshotGroups and deletes expired ones with
 * DeleteSnapshotGroup) reach the SAME simulated account as the program's lookups. While a
 * program runs under the simulated account, the HTTP door (simulator/doors/http.ts) serves that
 * account's model on 127.0.0.1, and the library's ECS client is pointed at it through the
 * environment it reads (ESSD_ECS_ENDPOINT and the account's test key, with every other
 * credential variable of the provider's cleared, so no real key is ever sent to it and no
 * request leaves the machine). When the run ends the environment is what it was.
 */
import { CREDENTIAL_VARIABLES, ENDPOINT_VARIABLE, PROVIDER_VARIABLES } from "../../components/ecs";
import { TEST_ACCESS_KEY, startEcsApi, type EcsApi, type SimulatedAccount } from "../../simulator";

/** The variables a run sets or clears: the endpoint and every credential variable the client reads. */
const VARIABLES: readonly string[] = [ENDPOINT_VARIABLE, ...CREDENTIAL_VARIABLES];

/** The local ECS API of a run, and how to end it. */
export interface ServedEcsApi {
  /** `http://127.0.0.1:<port>`. */
  endpoint: string;
  /** The actions the run's components called, in order. */
  actions: string[];
  /** Puts the environment back as it was before the run (at once), and closes the server. */
  stop(): Promise<void>;
}

/**
 * Serves `account`'s model as the local ECS API and points the library's client at it until
 * `stop`, which restores the environment before it closes the server.
 */
export async function serveEcsApi(account: SimulatedAccount): Promise<ServedEcsApi> {
  const api: EcsApi = await startEcsApi({ cloud: account.cloud });
  const saved = new Map(VARIABLES.map((name) => [name, process.env[name]] as const));
  for (const name of VARIABLES) delete process.env[name];
  process.env[ENDPOINT_VARIABLE] = api.endpoint;
  process.env[PROVIDER_VARIABLES.accessKeyId[0]] = TEST_ACCESS_KEY.accessKeyId;
  process.env[PROVIDER_VARIABLES.accessKeySecret[0]] = TEST_ACCESS_KEY.accessKeySecret;
  let closed: Promise<void> | undefined;
  return {
    endpoint: api.endpoint,
    actions: api.actions,
    stop: () => {
      // The environment first, at once: a run that starts next sets its own.
      if (closed === undefined)
        for (const [name, value] of saved) {
          if (value === undefined) delete process.env[name];
          else process.env[name] = value;
        }
      return (closed ??= api.close());
    },
  };
}
