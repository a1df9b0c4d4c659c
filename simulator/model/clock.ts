/** The simulated cloud's clock: ECS releases snapshots whose retention has ended by its now. */
export type Clock = () => Date;

/** The real clock. */
export const systemClock: Clock = () => new Date();

/** The cloud's clock from ESSD_SIM_NOW-style text (ISO 8601). Throws a sentence when it does not parse. */
export function clockOf(now: string | undefined): Clock {
  if (now === undefined || now === "") return () => new Date();
  const at = Date.parse(now);
  if (Number.isNaN(at))
    throw new Error(`ESSD_SIM_NOW is ${JSON.stringify(now)}; expected an ISO 8601 time such as 2026-12-01T00:00:00Z.`);
  return () => new Date(at);
}
