/**
 * The mocks door's own assumptions about the component: it states the generation tag itself
 * (the simulator imports nothing of components/), so this pins it to the component's spelling.
 */
import { GENERATION_TAG as COMPONENT_GENERATION_TAG } from "../../components/rules/inputs";
import { GENERATION_TAG, TOKENS, stableId } from "../../simulator";

test("the mocks door spells the generation tag as the component does", () => {
  expect(GENERATION_TAG).toBe(COMPONENT_GENERATION_TAG);
});

test("a new generation gets a new stable ID; the same name and generation, the same one", () => {
  const first = stableId(TOKENS.snapshot, "backup/2026-11");
  expect(first).toMatch(/^s-sim/);
  expect(stableId(TOKENS.snapshot, "backup/2026-11")).toBe(first);
  expect(stableId(TOKENS.snapshot, "backup/2026-12")).not.toBe(first);
  expect(stableId("random:index/randomId:RandomId", "x")).toMatch(/^id-sim/);
});
