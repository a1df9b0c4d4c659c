/**
 * `npm start`: the offline preview's command line (preview/cli.ts), run with this process's
 * arguments and streams. See `npm start -- --help`.
 */
import { EXIT, main } from "../preview";

main(
  process.argv,
  (text) => process.stdout.write(text),
  (text) => process.stderr.write(text),
).then(
  (status) => {
    // Outputs of refused resources never settle; exit rather than wait for them.
    process.exitCode = status;
    process.exit();
  },
  (err: unknown) => {
    process.stderr.write(
      `The offline preview failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(EXIT.usage);
  },
);
