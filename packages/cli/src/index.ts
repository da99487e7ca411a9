// @hostplan/cli: the `hostplan` command, callable from code, and the adapter it uses between
// bench's measurements and report's input. api/cli.api.md lists the public API (npm run api).

// Running the command
export { main, errorLine } from './main.js';
export type { Command } from './command.js';
export { EXIT, UsageError, type Io, type ExitCode } from './io.js';

// Adapters: bench's measured demand as report input
export { reportInputFromDemand } from './reportFromDemand.js';
