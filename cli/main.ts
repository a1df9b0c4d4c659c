#!/usr/bin/env node
/**
 * `essd-snapshots`, the package's command-line tool (package.json `bin`, built to
 * dist/cli/main.js).
 *
 *   essd-snapshots preview [--program DIR|FILE] [--stack NAME] [--json] …   (offline, simulated)
 *   essd-snapshots review [--input FILE] [--json]   < preview.json
 *
 * Exit status: 0 done; 1 the preview has errors, or the input cannot be read as `pulumi preview
 * --json`; 2 a usage mistake (an unknown command or flag). With `--json` anywhere on the line,
 * usage mistakes and input errors are printed as JSON on stdout (`{ "error": { "kind", "message" },
 * … }`, the offline preview's shape), so a CI step that parses stdout always gets JSON.
 */
import { readFileSync } from "node:fs";

import { main as previewMain } from "../preview/cli";
import { classify, renderReview, type PreviewDigest } from "./review";

export interface Io {
  /** Reads all of stdin (or the named file). */
  read(file: string | undefined): string;
  out(text: string): void;
  err(text: string): void;
}

interface Command {
  summary: string;
  usage: string;
  run(args: string[], io: Io, json: boolean): number | Promise<number>;
}

class UsageError extends Error {}

const USAGE_HEAD = "Usage: essd-snapshots <command> [options]";

/** An error as JSON on stdout: `usage` for a mistake on the command line, `input` for unreadable input. */
function errorJson(kind: "usage" | "input", message: string, usageText?: string): string {
  return `${JSON.stringify({ error: { kind, message }, ...(usageText ? { usage: usageText } : {}) })}\n`;
}

/** The commands, by name. */
const COMMANDS: Record<string, Command> = {
  preview: {
    summary: "preview a Pulumi program offline against a simulated Alibaba Cloud account (no cloud, no engine)",
    usage:
      "essd-snapshots preview [--program DIR|FILE] [--stack NAME] [--config-file FILE] [--account-file FILE] [--json] [--verbose]\n" +
      "  --program DIR|FILE  the program: a Pulumi project folder or a file (default: the current folder)\n" +
      "  --stack NAME        the stack whose config it runs with (default dev); the account is <stack>.account.yaml beside the stack file\n" +
      "  --json              print the plan as JSON, for CI",
    run(args, io) {
      // The installed tool previews the project it is run in, unless told otherwise.
      const named = args.some((a) => a === "--program" || a === "-p" || a.startsWith("--program="));
      const argv = ["node", "essd-snapshots preview", ...(named ? [] : ["--program", process.cwd()]), ...args];
      return previewMain(
        argv,
        (t) => io.out(t),
        (t) => io.err(t),
      );
    },
  },
  review: {
    summary: "turn `pulumi preview --json` (on stdin) into a Markdown table of the ESSD snapshots, for a pull request",
    usage:
      "essd-snapshots review [--input FILE] [--json]\n" +
      "  --input FILE  read the preview's JSON from FILE instead of stdin\n" +
      "  --json        print the classified rows as JSON instead of Markdown",
    run(args, io, json) {
      let input: string | undefined;
      for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (arg === "--json") continue;
        if (arg === "--input") {
          input = args[++i];
          if (input === undefined) throw new UsageError("--input needs a file name.");
        } else throw new UsageError(`Unknown option ${JSON.stringify(arg)} for review.`);
      }
      let digest: PreviewDigest;
      const source = input ?? "stdin";
      try {
        digest = parseDigest(io.read(input));
      } catch (err) {
        const message = `Cannot read ${source} as the output of \`pulumi preview --json\`: ${(err as Error).message}`;
        if (json) io.out(errorJson("input", message));
        else io.err(`${message}\n`);
        return 1;
      }
      const review = classify(digest);
      io.out(json ? `${JSON.stringify(review, null, 2)}\n` : renderReview(review));
      return 0;
    },
  },
};

function parseDigest(textIn: string): PreviewDigest {
  if (textIn.trim() === "") throw new Error("it is empty (did `pulumi preview --json` fail before printing?)");
  const parsed = JSON.parse(textIn) as unknown;
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
    throw new Error("expected one JSON object with `steps`, `diagnostics` and `changeSummary`");
  const digest = parsed as PreviewDigest;
  if (digest.steps !== undefined && !Array.isArray(digest.steps)) throw new Error("`steps` is not a list");
  if (digest.diagnostics !== undefined && !Array.isArray(digest.diagnostics))
    throw new Error("`diagnostics` is not a list");
  return digest;
}

export function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return `${USAGE_HEAD}\n\nCommands:\n${lines.join("\n")}\n\n${Object.values(COMMANDS)
    .map((c) => c.usage)
    .join("\n\n")}\n`;
}

/**
 * Runs the tool with its arguments (no `node` and script name): the exit status, or a promise of
 * it for a command that runs a program (`preview`).
 */
export function main(argv: string[], io: Io): number | Promise<number> {
  const json = argv.includes("--json");
  const [name, ...rest] = argv;
  try {
    if (name === undefined || name === "--help" || name === "-h" || name === "help") {
      if (name === undefined) throw new UsageError("No command given.");
      io.out(usage());
      return 0;
    }
    const command = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!command) throw new UsageError(`Unknown command ${JSON.stringify(name)}.`);
    return command.run(rest, io, json);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    if (json) io.out(errorJson("usage", err.message, usage()));
    else io.err(`${err.message}\n\n${usage()}`);
    return 2;
  }
}

/* istanbul ignore next: the process door, exercised by the engine test through the real bin */
if (require.main === module) {
  const io: Io = {
    read: (file) => readFileSync(file ?? 0, "utf8"),
    out: (t) => process.stdout.write(t),
    err: (t) => process.stderr.write(t),
  };
  void Promise.resolve(main(process.argv.slice(2), io)).then((code) => (process.exitCode = code));
}
