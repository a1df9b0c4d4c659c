/**
 * Loading a TypeScript program outside this repository (the package's `essd-snapshots preview`):
 * each `.ts` file is transpiled, without type-checking, by the `typescript` package of the
 * program's own project, as Pulumi's Node host transpiles with the project's TypeScript. In this
 * repository `register.js` has already installed a loader (`npm start`), and nothing is done.
 */
import * as path from "node:path";

import { addHook } from "pirates";

interface TypeScript {
  version: string;
  transpileModule(
    source: string,
    options: { fileName: string; compilerOptions: Record<string, unknown> },
  ): { outputText: string };
  ModuleKind: { CommonJS: number };
  ScriptTarget: { ES2022: number };
}

let installed = false;

/**
 * Lets `require` load `.ts` files of the project at `projectDir`, unless a loader is there
 * already. Returns what stands in the way, as a sentence naming the project, when it has no
 * `typescript` to transpile with.
 */
export function loadTypeScriptFrom(projectDir: string): string | undefined {
  if (installed || require.extensions[".ts"] !== undefined) return undefined;
  let ts: TypeScript;
  try {
    const resolved = require.resolve("typescript", { paths: [projectDir] });
    ts = require(resolved) as TypeScript; // eslint-disable-line @typescript-eslint/no-require-imports
  } catch {
    return `The program in ${projectDir} is TypeScript, but its project has no "typescript" package to transpile it with: run \`npm install --save-dev typescript\` there (Pulumi's TypeScript programs need it too), or point --program at compiled JavaScript.`;
  }
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
    sourceMap: false,
    inlineSourceMap: true,
  };
  addHook((source, fileName) => ts.transpileModule(source, { fileName, compilerOptions }).outputText, {
    exts: [".ts"],
    ignoreNodeModules: true,
    matcher: (file) => !file.endsWith(".d.ts") && !file.split(path.sep).includes("node_modules"),
  });
  installed = true;
  return undefined;
}
