import type { Command } from '../command.js';

/**
 * A subcommand's word and how to load it: a run loads its own command's module only (and what
 * that needs: `hostplan bench` does not load the report's d3, nor the planning commands).
 */
export interface CommandEntry {
  readonly name: string;
  readonly load: () => Promise<Command>;
}

/** Every subcommand, in the order `hostplan --help` lists them. Add a command: one file, one line here. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'plan', load: async () => (await import('./plan.js')).plan },
  { name: 'size', load: async () => (await import('./size.js')).size },
  { name: 'capacity', load: async () => (await import('./capacity.js')).capacity },
  { name: 'rate', load: async () => (await import('./rate.js')).rate },
  { name: 'moves', load: async () => (await import('./moves.js')).moves },
  { name: 'quote', load: async () => (await import('./quote.js')).quoteCommand },
  { name: 'license', load: async () => (await import('./license.js')).license },
  { name: 'bench', load: async () => (await import('./bench.js')).bench },
  { name: 'import', load: async () => (await import('./import.js')).importCommand },
  { name: 'report', load: async () => (await import('./report.js')).report },
  { name: 'pack', load: async () => (await import('./pack.js')).pack },
];
