#!/usr/bin/env node
// The hostplan command: runs the compiled CLI (built by `npm ci` through the root `prepare`).
import { main } from '../dist/main.js';

// A reader that stops early (`hostplan ... | head`) closes the pipe: stop quietly, as Unix tools do.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  isTTY: Boolean(process.stderr.isTTY),
});
