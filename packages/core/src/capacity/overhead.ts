import { invalid } from '../errors.js';
import { compileFormula } from '../units/formula.js';

/**
 * Hyper-V's per-VM memory overhead (seed): 32 MB for the first GB of virtual RAM plus 8 MB for
 * each additional GB; a started GB counts as a GB and a VM under 1 GB still pays 32 MB.
 * O(1).
 *
 * @param vmMemoryMB the VM's assigned memory in MB (binary)
 * @param formula optional arithmetic expression (mathjs syntax) of `memoryMB` and `memoryGB` that replaces the rule
 * @example
 * memoryOverheadMB(1536)  // => 40
 * memoryOverheadMB(65536) // => 536
 */
export function memoryOverheadMB(vmMemoryMB: number, formula?: string): number {
  if (!Number.isFinite(vmMemoryMB) || vmMemoryMB < 0) invalid('memoryMB', 'a finite number >= 0', vmMemoryMB);
  if (formula !== undefined) {
    const out = compileFormula(formula, ['memoryMB', 'memoryGB'], 'policy.memoryOverhead')({ memoryMB: vmMemoryMB, memoryGB: vmMemoryMB / 1024 });
    if (out < 0) invalid('policy.memoryOverhead', 'a formula giving MB >= 0', out);
    return out;
  }
  const startedGB = Math.max(1, Math.ceil(vmMemoryMB / 1024));
  return 32 + 8 * (startedGB - 1);
}
