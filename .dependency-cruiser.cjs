/**
 * Which room of the repository may import which (ARCHITECTURE.md says why), checked by
 * `npm run deps` as part of `npm test`. Paths are relative to the repository's root.
 */
const LIBRARY = "^(components|simulator|testing|preview|stack|cli|engine|policy)/";
const NOT_LIBRARY = "^(tests|bench|scripts|examples)/";

module.exports = {
  forbidden: [
    {
      name: "no-circular",
      comment: "No file may reach itself through its imports (type-only imports included).",
      severity: "error",
      from: {},
      to: { circular: true },
    },
    {
      name: "rules-are-pure",
      comment: "components/rules/ holds pure rules: no Pulumi, nothing of the repository outside components/rules/.",
      severity: "error",
      from: { path: "^components/rules/" },
      to: { pathNot: "^components/rules/", dependencyTypesNot: ["core"] },
    },
    {
      name: "components-stand-alone",
      comment: "The library (the npm package's main) imports nothing of the repository outside components/.",
      severity: "error",
      from: { path: "^components/" },
      to: { path: "^(simulator|testing|preview|stack|cli|engine|policy|tests|bench|scripts)/" },
    },
    {
      name: "model-imports-nothing",
      comment: "The simulated cloud's model follows ECS alone: it imports nothing else of the repository.",
      severity: "error",
      from: { path: "^simulator/model/" },
      to: { path: "^(?!simulator/model/|node_modules/)", dependencyTypesNot: ["core"] },
    },
    {
      name: "model-runs-without-pulumi",
      comment: "The model may borrow the provider's output types (type-only), but runs no package code.",
      severity: "error",
      from: { path: "^simulator/model/" },
      to: { path: "^node_modules/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "simulator-follows-the-cloud",
      comment:
        "The stand-in states the cloud's rules itself: it does not import the component (a rule copied from it would prove nothing) nor the rooms built on it. The one exception: account files report their problems as stack files do (stack/issues).",
      severity: "error",
      from: { path: "^simulator/" },
      to: { path: "^(components|testing|preview|cli|engine|policy|tests|bench|scripts)/|^stack/(?!issues\\.ts$)" },
    },
    {
      name: "simulator-through-its-entries",
      comment:
        "Outside simulator/ (and its own unit tests), the simulator is reached through simulator/index.ts, or simulator/mocks.ts where start-up time counts.",
      severity: "error",
      from: { pathNot: "^(simulator|tests/simulator)/" },
      to: { path: "^simulator/", pathNot: "^simulator/(index|mocks)\\.ts$" },
    },
    {
      name: "stack-reads-config-only",
      comment: "stack/ reads stack files and config with the component's rules; it runs nothing.",
      severity: "error",
      from: { path: "^stack/" },
      to: { path: "^(simulator|testing|preview|cli|engine|policy)/" },
    },
    {
      name: "testing-below-the-tools",
      comment: "The testing kit (published) and its harness do not import the tools built on them.",
      severity: "error",
      from: { path: "^testing/" },
      to: { path: "^(preview|cli|engine|policy)/" },
    },
    {
      name: "preview-below-the-cli",
      comment:
        "The offline preview is a library the cli and scripts call; it does not call them, nor the engine tools.",
      severity: "error",
      from: { path: "^preview/" },
      to: { path: "^(cli|engine|policy)/" },
    },
    {
      name: "policy-uses-rules-only",
      comment: "The policy pack runs in the engine's analyzer: it shares the component's pure rules, nothing else.",
      severity: "error",
      from: { path: "^policy/" },
      to: { path: "^(components/(?!rules/)|simulator|testing|preview|stack|cli|engine)/" },
    },
    {
      name: "library-not-on-tests",
      comment: "Nothing shipped or run by users imports tests, benchmarks or entry-point scripts.",
      severity: "error",
      from: { path: LIBRARY },
      to: { path: NOT_LIBRARY },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(dist|bin|coverage)/|^tests/consumer/" },
    tsConfig: { fileName: "tsconfig.json" },
    tsPreCompilationDeps: true,
  },
};
