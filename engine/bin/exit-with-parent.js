// Preloaded (node --require) by the plugin shims in this folder: a plugin the Pulumi engine
// started exits once the engine is gone. The engine starts each plugin as its child; when the
// `pulumi` process dies (killed, SIGKILL included), its children are handed to another parent
// (init or a subreaper), so a changed parent process ID means the engine is gone. Without this,
// the language host and the program it runs keep running, retrying a monitor no one serves.
/* global setInterval, clearInterval */
"use strict";
const parent = process.ppid;
const POLL_MS = 500;
const timer = setInterval(() => {
  if (process.ppid === parent) return;
  clearInterval(timer);
  process.exitCode = 1;
  // 'exit' handlers run (the language host kills the program it started there).
  process.exit(1);
}, POLL_MS);
timer.unref();
