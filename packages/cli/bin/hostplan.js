#!/usr/bin/env node
// The hostplan command: runs the compiled CLI (built by `npm ci` through the root `prepare`).
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
  isTTY: Boolean(process.stderr.isTTY),
});
