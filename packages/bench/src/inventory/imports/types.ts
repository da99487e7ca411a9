import type { Assumption, Vm } from '@hostplan/core';

/** Inventory exports hostplan reads. */
export type InventoryFormat = 'rvtools' | 'hyperv' | 'hostplan';

/** Options of {@link importInventory}: which format to read and which VMs to keep. */
export interface InventoryImportOptions {
  /** @defaultValue 'auto' (from the `#TYPE` line and the header) */
  readonly format?: 'auto' | InventoryFormat;
  /** Keep VMs that are not running (RVTools `poweredOff` or `suspended`, Hyper-V `Off` or `Saved`). @defaultValue false */
  readonly includePoweredOff?: boolean;
  /** Keep templates and SRM placeholders (RVTools). @defaultValue false */
  readonly includeTemplates?: boolean;
}

/** Why a row did not become a VM. */
export type InventoryExclusionReason = 'powered-off' | 'template' | 'srm-placeholder';

/** A row of an inventory export that did not become a VM, and why (nothing is dropped silently). */
export interface InventoryExcludedVm {
  /** The VM name in the row. */
  readonly id: string;
  /** 1-based line of the row in the file. */
  readonly line: number;
  /** Why the row was left out. */
  readonly reason: InventoryExclusionReason;
  /** The power state as written in the file. */
  readonly state?: string;
}

/** A default or reading the import applied (core's Assumption shape), so that every number can be traced. */
export type InventoryAssumption = Assumption;

/** What an import produced and everything it left out or assumed. */
export interface InventoryImport {
  readonly file: string;
  readonly format: InventoryFormat;
  readonly vms: Vm[];
  /** Rows left out, each with its line and reason (powered off, template...). */
  readonly excluded: InventoryExcludedVm[];
  /** Header cells no hostplan field reads, listed once each, in file order. */
  readonly ignoredColumns: string[];
  /** Which source column fed each VM field, e.g. `{ memoryGB: 'Memory' }`. */
  readonly columns: Readonly<Record<string, string>>;
  /** VMs whose name repeated an earlier one and got a suffix (`web#2`). */
  readonly renamed: { readonly from: string; readonly to: string; readonly line: number }[];
  readonly assumptions: InventoryAssumption[];
}
