// @hostplan/core: the pure planning model. No I/O, no clock, no randomness, no Node built-ins:
// it runs in a browser. The public API, by what a user does; everything else is internal.
// api/core.api.md lists it (npm run api); adding a name here is a decision for review.

// Model: the hosts, VMs, policy and resources a plan is made of; errors
export { type Host, type DiskGroup, type Storage, type Nic, type NicRole, NIC_ROLES, type RaidLevel, RAID_LEVELS, type Installation } from './model/host.js';
export { type Vm, type VhdType, VHD_TYPES } from './model/vm.js';
export { type Policy, type ResolvedPolicy, type Reserves, type NewVmDefaults, type VhdIopsFactors } from './model/policy.js';
export { POLICY_DEFAULTS, POLICY_SOURCES, resolvePolicy } from './model/defaults.js';
export { policyAssumptions } from './model/assumptions.js';
export { type Assumption } from './plan/types.js';
export { type PlatformProfile, type GuestVcpuRule } from './platform/profile.js';
export { PLATFORMS, DEFAULT_PLATFORM, HYPERV_2008_GUEST_RULES, resolvePlatform } from './platform/profiles.js';
export { type Resource, type ResourceVector, RESOURCES, RESOURCE_UNITS, RESOURCE_LABELS } from './model/resources.js';
export { HostplanError, type ErrorCode, invalid } from './errors.js';

// Inputs: reading hosts, VMs, policies, quantities and formulas from documents
export { parseHost } from './input/host.js';
export { parseHosts, parseVms } from './input/documents.js';
export { parseVm } from './input/vm.js';
export { parsePolicy } from './input/policy.js';
export { parseJsonText } from './input/jsonText.js';
export { parseQuantity, formatQuantity, type FieldUnit } from './units/quantity.js';
export { compileFormula, type Formula } from './units/formula.js';
export { parseDurationMs } from './units/duration.js';
export { formatDecimal, formatMoneyAmount, formatUsd, type DecimalOptions } from './format/numbers.js';

// Capacity: what a host offers, what a VM asks, how many fit
export { hostCapacity } from './capacity/hostCapacity.js';
export { type HostCapacity, type VmDemand, type FitResult, type Shortfall, type Violation } from './capacity/types.js';
export { vmDemand } from './capacity/vmDemand.js';
export { vmsPerHost, type VmsPerHost } from './capacity/vmsPerHost.js';
export { fits } from './capacity/fits.js';
export { memoryOverheadMB } from './capacity/overhead.js';
export { platformViolations } from './capacity/platformRules.js';
export { effectiveIops, usableCapacityGB, RAID_WRITE_PENALTY } from './capacity/storage.js';
export { checkNics, type NicCheckOptions, type NicFinding } from './network/checkNics.js';

// Placement: which VM on which host, host ratings, packing engines and bounds
export { placeVms, type PlaceVmsOptions, type PinnedVm, type PlacementGoal, PLACEMENT_GOALS, binding, DEFAULT_PLACE_EFFORT, rateHosts, type RateHostsOptions, type HostRating, type ResourceWeights, DEFAULT_RESOURCE_WEIGHTS, type ScoringOptions, type ScorerContribution, type CoincidenceOptions, type VmProfile, type ProfiledResource, PROFILED_RESOURCES, DEFAULT_COINCIDENCE_PERCENTILE, packVectors, type PackVectorsOptions, type VectorPacking, type PackConstruction, PACK_CONSTRUCTIONS, DEFAULT_PACK_EFFORT, packClassic, CLASSIC_HEURISTICS, type ClassicHeuristic, type FfdKey, vectorLowerBound, hostLowerBound, parseVbp, type VectorInstance, seededRandom } from './placement/index.js';
export { type PlacementPlan, type Placement, type Unplaced, type Reason, type HostUse } from './plan/types.js';

// Failover: does the plan survive k failed hosts, and by which rule
export { checkFailover, type FailoverOptions, type FailoverResult, type FailoverScenario, type ClusterCoverage, type RuleComparison, type SeedRuleCluster, type SlotPolicyCluster, FAILOVER_DEFAULTS, failoverReport, type FailoverSummary, type Replacer, type ReplaceRequest, type ReplaceResult, DEFAULT_REPLACE, bestFitReplace, placementReplace, wholeHostFallback, portfolio, seedRule, slotPolicy, splitClusters, type Cluster, hostLoads, type HostLoad, utilization, combinations, sampleCombinations } from './failover/index.js';

// Cost: licensing, monthly host cost, a VM's share, quotes
export { quote, type QuoteOptions, type QuoteFarm, type QuoteLine, type QuoteLicensing, type PriceSheet, type VmPlan, type DensityPoint, QUOTE_DEFAULTS, planVm, cheapestLicensing, needsWindowsLicence, type LicensingInput, type LicensingOption, type LicensingResult, type LicensedGuest, type LicenceItem, type LicensingEra, type HostOs, type Edition, type Prices2008, type Prices2016, type PriceList, DEFAULT_LICENCE_PRICES, licensedCores2016, datacenter2008, datacenter2016, standard2016, hyperVServer, standardEnterpriseMix, hostMonthlyCost, type HostMonthlyCost, type HostCostInputs, type PricedHost, HOST_COST_DEFAULTS, monthlyPayment, costAssumptions, shareFarmCost, type CostShareOptions, type VmCost, COST_SHARE_RESOURCES, suggestPlanTiers, type PlanTier, parseCostInputs, parsePlans, parseLicencePrices } from './cost/index.js';

// Sizing: which host models and how many, and for how long
export { sizeFarm, type Sizing, type SizingOption, type SizingOptions, type SizingContext, SIZING_DEFAULTS, type WhatIf, type ModelCount, runway, type Runway, grownInventory, vmsAfter, buildFarm, type FarmSpec, withSpares, clusterCount, licenceFarm, type ModelLicensing, parseCatalog, parseCatalogEntry } from './sizing/index.js';

// Statistics: the type-7 quantile and order statistics, the one implementation @hostplan/bench uses too
// (its rank and interpolation steps are in @hostplan/core/internal, for hostplan's own packages)
export { selectRanks } from './math/selectRanks.js';
export { quantileSorted7 } from './math/quantile.js';

// Rules the seed states, checked on a farm: NIC roles, VMs per cluster, platform profiles
export { validatePlatformProfile } from './platform/validateProfile.js';
export { checkVector } from './capacity/checkVector.js';
export { checkFarmRules, type FarmFinding, type FarmRuleOptions } from './rules/checkFarmRules.js';
// Inputs: the formula sandbox's limits
export { FORMULA_MAX_DEPTH, FORMULA_MAX_LENGTH, FORMULA_MAX_NODES } from './units/formulaParser.js';

// Guest operating systems: the names inventories use, classified from a table
export { GUEST_OS_TABLE, classifyGuestOs, guestOsAssumptions, type GuestOsClass, type GuestOsKind, type GuestOsReview, type GuestOsRow } from './guest/index.js';

// The farm as it runs today: checking a layout, and the live migrations to another one
export { checkLayout } from './layout/checkLayout.js';
export { layoutProblems } from './layout/layoutProblems.js';
export type { CheckLayoutOptions, LayoutCheck, LayoutProblem } from './layout/types.js';
export { planMoves } from './moves/planMoves.js';
export { drainMoves } from './moves/drainMoves.js';
export { DEFAULT_MAX_CONCURRENT_MIGRATIONS, type DrainMovesOptions, type Move, type MovePlan, type PlanMovesOptions, type Unreachable } from './moves/types.js';

// Failover: runbooks and verdicts
export { failoverRunbook, RUNBOOK_DEFAULT_SCENARIOS, type FailoverRunbook, type RunbookOptions, type RunbookScenario } from './failover/runbook.js';
export type { FailoverVerdict } from './failover/types.js';
// Cost: licences per host on the failover layout
export { licenceFarmByHost, type HostLicensing } from './sizing/licenceFarm.js';
// Sizing: growth bounds
export { MAX_GROWTH_RATE, MAX_RUNWAY_VMS } from './sizing/runway.js';
// Placement: measured exposure, running VMs as rating input
export { measuredExposure, type ExposureOptions, type HostExposure, type ResourceExposure } from './placement/measuredExposure.js';
export { resolvePlacedVms } from './placement/resolvePlaced.js';
export type { PlacedVm, RatingDifference } from './placement/types.js';
// Inputs: a short, safe rendering of a received value, so every package's input errors read alike
export { show as describeReceivedValue } from './errors.js';
// Placement: rating one VM against a large farm, an index over the hosts' free capacity
export { HostIndex, indexHosts, type IndexedRatings } from './placement/hostIndex.js';
// Inputs: JSON documents with a key written twice
export { checkDuplicateJsonKeys, duplicateJsonKey, type DuplicateJsonKey } from './input/duplicateKeys.js';
