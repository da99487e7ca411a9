// Report input types: the answers a report shows besides the placement: failover and its runbook, sizing, costs and the price sheet.
import type { Host, Resource } from '@hostplan/core';
import type { LooseVector, ReportReason } from './types.js';

/** The answer of the failover check. */
export interface ReportFailover {
  /** Host failures the plan survives (k). */
  readonly toleratedFailures: number;
  /** Host failures the policy asks for. */
  readonly requiredFailures?: number;
  readonly met: boolean;
  /** The failure set that leaves the least headroom. */
  readonly worstScenario?: {
    readonly failedHosts: readonly string[];
    readonly binding?: Resource | null;
    readonly description?: string;
  } | null;
  /** Headroom per surviving host after the worst failure set's VMs are re-placed. */
  readonly headroom?: readonly { readonly host: string; readonly free: LooseVector; readonly capacity: LooseVector }[];
  /** VMs that would not restart anywhere in the worst scenario. */
  readonly notRestarted?: readonly { readonly vm: string; readonly reasons?: readonly ReportReason[] }[];
  /** `met` (proven), `not met` or `not proven` (failure sets left unchecked). */
  readonly verdict?: 'met' | 'not met' | 'not proven';
  /** How the verdict was reached, in words. */
  readonly proof?: string;
  /** Failure sets re-placed / in all. */
  readonly coverage?: { readonly checked: number; readonly total: number };
  readonly warnings?: readonly string[];
  /** Where each displaced VM restarts, per failure set, worst first (core's `failoverRunbook`). */
  readonly runbook?: ReportRunbook;
}

/** Failure sets as an operator follows them: the worst first, possibly capped (`note` says so). */
export interface ReportRunbook {
  /** Failure sets checked in all. */
  readonly total: number;
  readonly note?: string | null;
  readonly scenarios: readonly ReportRunbookScenario[];
}

/** One failure set: each displaced VM, the host it ran on and where it restarts, and what would not restart and why. */
export interface ReportRunbookScenario {
  readonly cluster?: string;
  readonly failed: readonly string[];
  readonly placements: readonly { readonly vm: string; readonly from?: string; readonly host: string }[];
  readonly unplaced: readonly { readonly vm: string; readonly from?: string; readonly reasons?: readonly ReportReason[] }[];
}

/** How many hosts of which model the demand needs. */
export interface ReportSizing {
  readonly hostsNeeded: number;
  readonly hostModel?: string;
  readonly binding?: Resource | null;
  /** max over resources of ceil(total demand / host capacity). */
  readonly lowerBound?: number;
  /** Spare hosts added for failover, included in `hostsNeeded`. */
  readonly spareHosts?: number;
  /** Alternatives considered, cheapest first. */
  readonly options?: readonly SizingChoice[];
}

/** Cost categories the report knows; others are shown as written. */
export type CostCategory = 'hardware' | 'licences' | 'power' | 'rack' | 'administration' | (string & {});

/** One host model (or mix) as sized for the same VMs. */
export interface SizingChoice {
  readonly model: string;
  readonly hosts: number;
  readonly costPerMonth?: number;
  /** Cost per VM per month; null when no VM is placed. */
  readonly costPerVm?: number | null;
  /** The resource that runs out first on this model. */
  readonly binding?: Resource | null;
  /** Use of the binding resource across the farm, 0..1. */
  readonly bindingShare?: number;
  /** Runs every VM and holds failover. @defaultValue true */
  readonly feasible?: boolean;
  readonly note?: string;
}

/** What the farm costs, per category. */
export interface ReportCosts {
  /** ISO 4217 code or symbol. @defaultValue `'USD'` */
  readonly currency?: string;
  /** Every amount is per this period. @defaultValue `'month'` */
  readonly period?: 'month' | 'year';
  readonly lines: readonly { readonly category: CostCategory; readonly amount: number; readonly note?: string }[];
  /** VMs the cost is shared by; cost per VM = total / vmCount. */
  readonly vmCount?: number;
}

/** One line of the price sheet every cost figure comes from. */
export interface PriceLine {
  readonly item: string;
  readonly unit: string;
  readonly unitPrice: number;
  readonly currency?: string;
  readonly quantity?: number;
  readonly source?: string;
}
