export { main, errorLine } from './main.js';
export type { Command } from './command.js';
export { EXIT, UsageError, type Io, type ExitCode } from './io.js';
export { reportInputFromDemand } from './reportFromDemand.js';
