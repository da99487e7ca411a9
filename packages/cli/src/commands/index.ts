import type { Command } from '../command.js';
import { capacity } from './capacity.js';
import { report } from './report.js';
import { importCommand } from './import.js';
import { bench } from './bench.js';
import { license } from './license.js';
import { quoteCommand } from './quote.js';
import { size } from './size.js';
import { pack } from './pack.js';
import { plan } from './plan.js';
import { rate } from './rate.js';
import { moves } from './moves.js';

/** Every subcommand, in the order `hostplan --help` lists them. Add a command: one file, one line here. */
export const COMMANDS: readonly Command[] = [plan, size, capacity, rate, moves, quoteCommand, license, bench, importCommand, report, pack];
