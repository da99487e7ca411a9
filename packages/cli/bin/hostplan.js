#!/usr/bin/env node
// The hostplan command: runs the compiled CLI (built by `npm ci` through the root `prepare`).
// The statistics threads of a bench run boot while the rest of the command loads (prestart),
// so main is imported after it, not before as a static import would be.
const { prestart } = await import('../dist/prestart.js');
prestart(process.argv.slice(2));
const { main } = await import('../dist/main.js');

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
