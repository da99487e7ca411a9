import type { Command } from '../command.js';
import { capacity } from './capacity.js';

/** Every subcommand, in the order `hostplan --help` lists them. Add a command: one file, one line here. */
export const COMMANDS: readonly Command[] = [capacity];
