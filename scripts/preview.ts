/**
 * `npm start [-- --stack prod] [--json]`: what `pulumi preview` would print for a stack,
 * offline: the stack program (index.ts) runs in this process, in preview mode, against the
 * simulated account in `stacks/<stack>.account.yaml`. Exit status 0 when the plan has no
 * error, 1 when it has any.
 */
import * as path from "node:path";
import { Command } from "commander";
import pc from "picocolors";

import { runPreview, type PreviewOptions, type PreviewResult } from "./previewRun";
import { renderText, toJson } from "./previewRender";

export { runPreview, renderText, toJson, type PreviewOptions, type PreviewResult };

interface CliOptions {
  stack: string;
  json?: boolean;
  configFile?: string;
  accountFile?: string;
  color: boolean;
}

/** Runs the CLI; resolves with the exit status. */
export async function main(argv: string[], write: (text: string) => void): Promise<number> {
  const cli = new Command()
    .name("npm start --")
    .description("Preview a stack of essd-snapshots offline, against a simulated Alibaba Cloud account.")
    .option("-s, --stack <name>", "the stack to preview (stacks/Pulumi.<name>.yaml)", "dev")
    .option("--json", "print the plan as JSON, for CI")
    .option("--config-file <file>", "preview this stack file instead of stacks/Pulumi.<stack>.yaml")
    .option("--account-file <file>", "simulate this account instead of <stack>.account.yaml beside the stack file")
    .option("--no-color", "print without colors")
    .allowExcessArguments(false)
    .parse(argv);
  const opts = cli.opts<CliOptions>();
  // `--config-file tests/Pulumi.ci.yaml` previews the stack "ci" unless --stack names another.
  const named = opts.configFile && /Pulumi\.([^./]+)\.ya?ml$/.exec(path.basename(opts.configFile));
  const stack = cli.getOptionValueSource("stack") === "default" && named ? named[1] : opts.stack;
  const result = await runPreview({ stack, configFile: opts.configFile, accountFile: opts.accountFile });
  const width = process.stdout.columns || 160;
  write(opts.json ? toJson(result) : renderText(result, { color: opts.color && pc.isColorSupported, width }));
  return result.totals.errors > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv, (text) => process.stdout.write(text)).then(
    (status) => {
      // Outputs of refused resources never settle; exit rather than wait for them.
      process.exitCode = status;
      process.exit();
    },
    (err: unknown) => {
      process.stderr.write(
        `The offline preview failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
      );
      process.exit(2);
    },
  );
}
