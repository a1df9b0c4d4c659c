/**
 * The offline preview as a library: `runPreview` runs a stack's program against a simulated
 * account and returns what `pulumi preview` would show; `renderText` and `toJson` print it;
 * `main` is the command line (scripts/preview.ts runs it). Importing it has no side effects.
 */
export { EXIT, main } from "./cli";
export { renderText, toJson, type RenderOptions } from "./render";
export { UsageError, runPreview, type PlannedResource, type PreviewOptions, type PreviewResult } from "./run";
