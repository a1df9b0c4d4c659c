/**
 * The files `pulumi preview` reads before it runs a program: Pulumi.yaml (the project's name
 * and stackConfigDir) and the stack's Pulumi.<stack>.yaml, turned into the config map that the
 * Pulumi CLI hands to a Node program (every value a string, structured values as JSON).
 */
import { readFileSync } from "node:fs";
import * as path from "node:path";
import { parseDocument } from "yaml";

/** What the offline preview needs from Pulumi.yaml. */
export interface ProjectFile {
  name: string;
  /** Where the stack files are, relative to the project: `stackConfigDir`, or the project itself. */
  stackConfigDir: string;
  /** `runtime.options.typescript`: whether Pulumi loads the program through ts-node (default true). */
  typescript: boolean;
  /** `runtime.options.nodeargs`, the node arguments Pulumi puts before the program, word by word. */
  nodeArgs: string[];
  /** `main`: the program's file or folder, relative to the project; undefined when not set. */
  main?: string;
}

/** The config of one stack, as the Pulumi CLI passes it to the program. */
export interface StackFile {
  /** `project:key` → value: text as is, numbers and booleans as text, maps and lists as JSON. */
  config: Record<string, string>;
  /** Keys whose values are secrets (`secure:`), which this preview cannot decrypt. */
  secretKeys: string[];
}

/** A file the preview needs is missing or malformed; `problems` are sentences naming it. */
export class StackFileError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "StackFileError";
  }
}

function readYaml(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new StackFileError([
      `${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}); expected ${what}.`,
    ]);
  }
  const doc = parseDocument(text, { prettyErrors: true });
  if (doc.errors.length > 0) throw new StackFileError(doc.errors.map((e) => `${file}: ${e.message}`));
  try {
    return doc.toJS() as unknown;
  } catch (err) {
    throw new StackFileError([describeYamlFailure(file, err, what)]);
  }
}

/**
 * A YAML file that parses but cannot become values: the parser's guard against aliases that
 * expand past its limit (a "billion laughs" file) throws a ReferenceError with a stack trace.
 */
export function describeYamlFailure(file: string, err: unknown, what: string): string {
  const message = err instanceof Error ? err.message : String(err);
  if (/alias count/i.test(message)) {
    return `${file}: its YAML aliases (*name) expand to more nodes than the parser allows (a "billion laughs" file), so it was not read; expected ${what}, with each value written out or few aliases.`;
  }
  return `${file} cannot be read as YAML (${message}); expected ${what}.`;
}

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function readProjectFile(projectDir: string): ProjectFile {
  const file = path.join(projectDir, "Pulumi.yaml");
  const doc = readYaml(file, "the project file, with name and runtime");
  if (!isMap(doc) || typeof doc.name !== "string" || doc.name === "") {
    throw new StackFileError([`${file} has no name; expected the project's name, such as "name: essd-snapshots".`]);
  }
  const dir = doc.stackConfigDir;
  if (dir !== undefined && typeof dir !== "string") {
    throw new StackFileError([
      `${file}: stackConfigDir is ${JSON.stringify(dir)}; expected a folder, such as "stacks".`,
    ]);
  }
  const options = isMap(doc.runtime) && isMap(doc.runtime.options) ? doc.runtime.options : {};
  const { typescript = true, nodeargs = "" } = options;
  if (typeof typescript !== "boolean") {
    throw new StackFileError([
      `${file}: runtime.options.typescript is ${JSON.stringify(typescript)}; expected true or false.`,
    ]);
  }
  // Pulumi's language host splits nodeargs like a shell; plain words split the same on spaces.
  if (typeof nodeargs !== "string" || /["'\\]/.test(nodeargs)) {
    throw new StackFileError([
      `${file}: runtime.options.nodeargs is ${JSON.stringify(nodeargs)}; expected node arguments as plain words without quotes, such as "--require ./register.js".`,
    ]);
  }
  if (doc.main !== undefined && (typeof doc.main !== "string" || doc.main === "")) {
    throw new StackFileError([
      `${file}: main is ${JSON.stringify(doc.main)}; expected the program's file or folder, such as "index.ts".`,
    ]);
  }
  return {
    name: doc.name,
    stackConfigDir: dir ?? ".",
    typescript,
    nodeArgs: nodeargs.split(/\s+/).filter(Boolean),
    main: doc.main,
  };
}

/** Reads a stack file; keys without a namespace belong to the project, as with the Pulumi CLI. */
export function readStackFile(file: string, project: string): StackFile {
  const doc = readYaml(file, "a stack file with a config: map");
  if (doc === null || doc === undefined) return { config: {}, secretKeys: [] };
  if (!isMap(doc)) throw new StackFileError([`${file} is not a map; expected "config:" with the stack's settings.`]);
  const raw = doc.config ?? {};
  if (!isMap(raw)) {
    throw new StackFileError([
      `${file}: config is ${JSON.stringify(raw)}; expected a map of settings, such as "alicloud:region: cn-hangzhou".`,
    ]);
  }
  const config: Record<string, string> = {};
  const secretKeys: string[] = [];
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    const full = key.includes(":") ? key : `${project}:${key}`;
    if (isMap(value) && Object.keys(value).length === 1 && typeof value.secure === "string") {
      secretKeys.push(full);
      problems.push(
        `${file}: ${full} is a secret (secure:), which the offline preview cannot decrypt; expected a plain value in the stack file it previews.`,
      );
      continue;
    }
    if (value === null || value === undefined) continue;
    config[full] =
      typeof value === "string"
        ? value
        : typeof value === "number" || typeof value === "boolean"
          ? String(value)
          : JSON.stringify(value);
  }
  if (problems.length > 0) throw new StackFileError(problems);
  return { config, secretKeys };
}
