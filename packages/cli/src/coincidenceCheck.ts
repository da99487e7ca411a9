import type { CoincidenceProfiles } from '@hostplan/bench';
import type { Vm } from '@hostplan/core';
import { UsageError, type Io } from './io.js';

/**
 * `--coincident-peaks` must not be a silent no-op: a usage error (exit 2) with the reasons
 * when no VM being planned got a profile (e.g. the logs' host names are not in --hosts, so
 * the clock is unknown), else a warning line per VM resource left at its demand.
 *
 * @example
 * checkCoincidence(coincidenceProfiles(demand), vms, io) // throws when nothing could be profiled
 */
export function checkCoincidence(co: CoincidenceProfiles, vms: readonly Vm[], io: Io): void {
  const planned = new Set(vms.map((v) => v.id));
  const profiled = Object.keys(co.coincidence.profiles).filter((id) => planned.has(id));
  const reasons = co.skipped.map((s) => `${s.vm}${s.resource ? ` ${s.resource}` : ''}: ${s.reason}`);
  if (profiled.length === 0) {
    throw new UsageError(`--coincident-peaks: no VM being planned has a measured profile${reasons.length ? `; ${reasons.slice(0, 3).join('; ')}${reasons.length > 3 ? ` (and ${reasons.length - 3} more)` : ''}` : ' (the VMs in the logs are not in --vms)'}`);
  }
  for (const r of reasons.slice(0, 5)) io.stderr.write(`warning: --coincident-peaks: ${r}; counted at its demand\n`);
  if (reasons.length > 5) io.stderr.write(`warning: --coincident-peaks: ${reasons.length - 5} more VM resources counted at their demand (see the JSON's coincidence.skipped)\n`);
}
