// Report input types: what the page needs to re-plan in the browser.
import type { Host, PlacementGoal, Policy, Vm } from '@hostplan/core';

/** A measured figure of a VM, which the comfort factor multiplies. */
export type MeasuredField = 'cpuDemandGHz' | 'cpuUtilization' | 'memoryGB' | 'iops' | 'networkMbps';

/**
 * The inputs of the plan, as core takes them, so that the page re-plans with the same core:
 * same inputs, same answer as the command that wrote it.
 */
export interface ReportWhatIf {
  readonly hosts: readonly Host[];
  /** The VMs as planned (measured ones at percentile x comfort factor). */
  readonly vms: readonly Vm[];
  readonly policy: Policy;
  /** @defaultValue `'consolidate'` */
  readonly goal?: PlacementGoal;
  /** Host failures checked by the command (0: none). */
  readonly failover: number;
  /** Comfort factor the measured VMs were sized with. @defaultValue 1 */
  readonly comfortFactor?: number;
  /** Per measured VM, the figures that came from measurements (the comfort factor scales them). */
  readonly measured?: readonly { readonly id: string; readonly fields: readonly MeasuredField[] }[];
  /** Cost of one host per month, for the price per VM at a margin; none: the margin control is off. */
  readonly costPerHostMonth?: number;
  /** @defaultValue `'USD'` */
  readonly currency?: string;
  /** Margin of the price, price = cost / (1 - margin). @defaultValue 0.35 (core's quote default) */
  readonly margin?: number;
}
