# Starts a Pulumi Python program for the stand-in Python language host (engine/pythonHost.ts):
#
#   python run.py --monitor ADDR --engine ADDR --project P --stack S --pwd DIR --dry_run true|false
#                 --parallel N [--organization O] [--root_directory DIR] PROGRAM [ARGS...]
#
# with PULUMI_CONFIG and PULUMI_CONFIG_SECRET_KEYS in the environment. The arguments and the exit
# codes are those of Pulumi's own launcher in v3.248.0 (sdk/python/cmd/pulumi-language-python-exec):
# 0 done, 1 an error the engine should report, 32 an error already shown to the user.
import argparse
import asyncio
import logging
import os
import runpy
import sys
import traceback
from concurrent.futures import ThreadPoolExecutor

try:
    import pulumi
    import pulumi.runtime
except ImportError:
    print(traceback.format_exc(), file=sys.stderr)
    print("The pulumi package cannot be imported by " + sys.executable + "; run scripts/build-python-venv.", file=sys.stderr)
    sys.exit(1)

ALREADY_SHOWN = 32


def parse():
    ap = argparse.ArgumentParser(description="Run a Pulumi Python program")
    for name in ("project", "root_directory", "stack", "parallel", "dry_run", "pwd", "monitor", "engine", "tracing", "organization"):
        ap.add_argument("--" + name)
    ap.add_argument("PROGRAM")
    ap.add_argument("ARGS", nargs="*")
    return ap.parse_args()


def program_frames_only(program: str) -> str:
    """The traceback from the first frame in the user's program on, when there is one."""
    main = os.path.abspath(os.path.join(program, "__main__.py") if os.path.isdir(program) else program)
    frames = traceback.extract_tb(sys.exc_info()[2])
    for i, frame in enumerate(frames):
        if os.path.abspath(frame.filename) == main:
            return traceback.format_exc(limit=-(len(frames) - i))
    return traceback.format_exc()


def main() -> int:
    args = parse()
    pulumi.runtime.set_all_config(pulumi.runtime.get_config_env(), pulumi.runtime.get_config_secret_keys_env())
    settings = pulumi.runtime.Settings(
        monitor=args.monitor,
        engine=args.engine,
        project=args.project,
        stack=args.stack,
        parallel=int(args.parallel or "1"),
        dry_run=args.dry_run == "true",
        organization=args.organization,
        root_directory=args.root_directory,
    )
    pulumi.runtime.configure(settings)
    sys.argv = [args.PROGRAM] + args.ARGS
    if args.pwd:
        os.chdir(args.pwd)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    executor = ThreadPoolExecutor(max_workers=max(settings.parallel or 1, 1) * 4)
    loop.set_default_executor(executor)
    # Unobserved futures of a failed program are expected; asyncio's complaints about them are noise.
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    code = 1
    try:
        loop.run_until_complete(pulumi.runtime.run_in_stack(lambda: runpy.run_path(args.PROGRAM, run_name="__main__")))
        code = 0
    except pulumi.RunError as e:
        pulumi.log.error(str(e))
    except Exception:  # noqa: BLE001 -- any failure of the program is reported to the user
        pulumi.log.error("Program failed with an unhandled exception:\n" + program_frames_only(args.PROGRAM))
        code = ALREADY_SHOWN
    finally:
        executor.shutdown(wait=True)
        loop.close()
        sys.stdout.flush()
        sys.stderr.flush()
    return code


if __name__ == "__main__":
    sys.exit(main())
