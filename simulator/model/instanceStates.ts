/**
 * An instance's way between Running and Stopped, on the cloud's clock. StopInstance and
 * StartInstance are asynchronous in ECS: the call returns with the instance `Stopping`
 * (`Starting`), and it becomes `Stopped` (`Running`) later (StopInstance and StartInstance
 * pages of the ECS API reference). How long that takes ECS does not publish: the durations here
 * are INVENTED (labelled so in FIDELITY.md).
 *
 * The transitions live in the cloud's state (`recovery.instanceTransitions`), so every door
 * sees them; {@link settleInstances} finishes those whose time has come, and is called before
 * an instance's status is read or acted on.
 */
import type { CloudState, InstanceTransition, SimInstance } from "./types";

/** How long an instance stays `Stopping` after StopInstance: INVENTED (ECS publishes no figure). */
export const STOPPING_SECONDS = 10;
/** How long an instance stays `Starting` after StartInstance: INVENTED (ECS publishes no figure). */
export const STARTING_SECONDS = 15;

/** The instances on their way, by ID (empty for a state file written before they existed). */
function transitionsOf(state: CloudState): Record<string, InstanceTransition> {
  state.recovery ??= { regions: {}, resets: [] };
  return (state.recovery.instanceTransitions ??= {});
}

/** Finishes every transition that has ended by `now`: Stopping becomes Stopped, Starting Running. */
export function settleInstances(state: CloudState, now: Date): void {
  const transitions = transitionsOf(state);
  for (const [id, t] of Object.entries(transitions)) {
    if (Date.parse(t.endsAt) > now.getTime()) continue;
    const instance = state.instances.find((i) => i.id === id);
    if (instance) instance.status = t.to;
    delete transitions[id];
  }
}

/** Puts an instance on its way to `to`: `via` now, `to` once `seconds` have passed on the cloud's clock. */
export function beginTransition(
  state: CloudState,
  instance: SimInstance,
  via: string,
  to: string,
  seconds: number,
  now: Date,
): void {
  instance.status = via;
  transitionsOf(state)[instance.id] = { to, endsAt: new Date(now.getTime() + seconds * 1000).toISOString() };
}
