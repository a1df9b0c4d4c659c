/**
 * Time in the simulated cloud. The cloud keeps its own `now` in its state (CloudState.now): a
 * {@link Clock} is only the outside time it is moved forward to (ESSD_SIM_NOW, or the real
 * clock), never back. Waits of the provider advance the cloud's `now` instead of sleeping
 * (SimulatedCloud.advance), so an upload of an hour is an hour of simulated time in no time.
 */
export type Clock = () => Date;

/** The real clock. */
export const systemClock: Clock = () => new Date();

/** The outside clock from ESSD_SIM_NOW-style text (ISO 8601). Throws a sentence when it does not parse. */
export function clockOf(now: string | undefined): Clock {
  if (now === undefined || now === "") return () => new Date();
  const at = Date.parse(now);
  if (Number.isNaN(at))
    throw new Error(`ESSD_SIM_NOW is ${JSON.stringify(now)}; expected an ISO 8601 time such as 2026-12-01T00:00:00Z.`);
  return () => new Date(at);
}
