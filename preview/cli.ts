/**
 * The offline preview's command line, `npm start [-- --program DIR|FILE] [--stack prod] [--json]`:
 * what `pulumi preview` would print for a stack, offline: the program (this repository's
 * index.ts unless --program names another) runs in this process, in preview mode, against a
 * simulated account (`<stack>.account.yaml` beside the stack file, or --account-file). It checks
 * the simulated account, not real disks. Exit status 0 when the plan has no error, 1 when it has
 * any, 2 for a usage mistake (an unknown flag, a stack or program that does not exist).
 */
import * as path from "node:path";
import { Command, CommanderError } from "commander";
import pc from "picocolors";

import { renderText, toJson } from "./render";
import { runPreview, UsageError, type PreviewResult } from "./run";

interface CliOptions {
  program?: string;
  stack: string;
  json?: boolean;
  configFile?: string;
  accountFile?: string;
  color: boolean;
  verbose?: boolean;
}

/** Exit statuses: a clean plan, a plan with errors, a usage mistake. */
export const EXIT = { clean: 0, errors: 1, usage: 2 } as const;

/**
 * Runs the CLI; resolves with the exit status. The plan goes to `write` (stdout), usage
 * mistakes to `writeError` (stderr), so that stdout stays JSON alone with --json.
 */
export async function main(
  argv: string[],
  write: (text: string) => void,
  writeError: (text: string) => void = write,
): Promise<number> {
  const cli = new Command()
    .name("npm start --")
    .description(
      "Preview a Pulumi program offline, against a simulated Alibaba Cloud account: a pre-merge check of a stack's snapshots. It checks the simulated account, not your real disks.",
    )
    .option(
      "-p, --program <dir|file>",
      "the program: a project folder (Pulumi.yaml main, package.json main, index.ts) or a file; default: this repository's index.ts",
    )
    .option("-s, --stack <name>", "the stack to preview (<stackConfigDir>/Pulumi.<name>.yaml)", "dev")
    .option("--json", "print the plan as JSON, for CI")
    .option("--config-file <file>", "preview this stack file instead of stacks/Pulumi.<stack>.yaml")
    .option("--account-file <file>", "simulate this account instead of <stack>.account.yaml beside the stack file")
    .option("--no-color", "print without colors")
    .option("--verbose", "print the stack of each error the program throws (also: ESSD_PREVIEW_VERBOSE=1)")
    .allowExcessArguments(false)
    .exitOverride()
    .configureOutput({ writeOut: write, writeErr: writeError });
  // Read before parsing: a usage mistake in the same command line still answers in JSON.
  const json = argv.slice(2).includes("--json");
  try {
    cli.parse(argv);
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    // --help and --version end here too, successfully.
    if (err.exitCode === 0) return EXIT.clean;
    if (json) write(usageJson(err.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ")));
    return EXIT.usage;
  }
  const opts = cli.opts<CliOptions>();
  // `--config-file tests/Pulumi.ci.yaml` previews the stack "ci" unless --stack names another.
  const named = opts.configFile && /Pulumi\.([^./]+)\.ya?ml$/.exec(path.basename(opts.configFile));
  const stack = cli.getOptionValueSource("stack") === "default" && named ? named[1] : opts.stack;
  let result: PreviewResult;
  try {
    result = await runPreview({
      program: opts.program,
      stack,
      configFile: opts.configFile,
      accountFile: opts.accountFile,
      verbose: opts.verbose ?? process.env.ESSD_PREVIEW_VERBOSE === "1",
    });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    writeError(`error: ${err.message}\n`);
    if (json) write(usageJson(err.message));
    return EXIT.usage;
  }
  const width = process.stdout.columns || 160;
  write(opts.json ? toJson(result) : renderText(result, { color: opts.color && pc.isColorSupported, width }));
  return result.totals.errors > 0 ? EXIT.errors : EXIT.clean;
}

/**
 * A usage mistake with --json: a JSON object on stdout (the message is on stderr too), so a CI
 * step that parses stdout reads why there is no plan. Exit status 2 as without --json.
 */
export function usageJson(message: string): string {
  return `${JSON.stringify({ error: { kind: "usage", message } }, null, 2)}\n`;
}
