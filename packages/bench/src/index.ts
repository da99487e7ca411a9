// @hostplan/bench: file and monitoring readers, statistics, and per-VM demand for core.
// The public API, by what a user does; everything else is internal (the sub-folders' index
// files gather a folder's exports for the tests). api/bench.api.md lists it (npm run api).

// Inputs: hosts, VMs and policies from files; inventories from RVTools, Hyper-V and hostplan exports
export { loadHosts, loadVms, loadPolicy } from './inventory/load.js';
export { importInventory, parseInventory, type InventoryImportOptions, type InventoryImport, type InventoryFormat, type InventoryAssumption, type InventoryExcludedVm, type InventoryExclusionReason, type InventoryMatchedColumn } from './inventory/imports/index.js';

// Readers: performance counter logs (perfmon/PDH CSV, sar, CSV with a column map) into series
export { readPerfFile, readPerfStream, readPerfText, createPerfParser, type PerfParser, type ReadOptions, type ReadSummary, type PerfFormat, type PdhRow, type TimeFormat, type TimeZoneSource, type EpochUnit, type ColumnMap, type ColumnRef, type MetricColumn, COLUMN_MAP_PRESETS, BITBRAINS_COLUMN_MAP, parseCounterPath, translateCounterName, type CounterLanguage, writePdhCsv, writePdhCsvFile, type PdhWriterOptions } from './readers/index.js';
export { type ReadProgress, type ReadEvent, type ReadIssue, type SeriesSink, type SeriesKey } from './series/types.js';
export { type SampleSource } from './stats/index.js';

// Statistics: per-series summaries, percentiles, sustained peaks, threshold alerts
export { prestartWorkers, type PrestartOptions } from './workers/prestart.js';
export { seriesStatistics, concatSources, type StatsOptions, type StatsResult, type SeriesStats, type StatsMethod, type PercentileMap, type ThresholdRule, type ThresholdAlert, DEFAULT_THRESHOLDS } from './stats/index.js';
export { type AlignedSeries } from './stats/rollup.js';

// Demand: per-VM and per-host demand for core, with confidence, coincidence and growth
export { measureDemand, type MeasureDemandOptions, type DemandOptions, type DemandResult, type DemandGroup, type DemandResource, DEMAND_RESOURCES, DEMAND_OBJECT, type CounterMap, type CounterRule, DEFAULT_COUNTER_MAP, extendCounterMap, type VmMeasurement, type HostMeasurement, type MeasuredFigures, type Confidence, seriesConfidence, captureSpans, coincidenceProfiles, type CoincidenceProfiles, type CoincidenceProfilesOptions, type PeakCoincidence, type GrowthTrend, applyMeasuredCapacity, type EntityResolver, inventoryEntityResolver } from './demand/index.js';

// Prometheus: demand from a Prometheus-compatible API
export { benchFromPrometheus, type PrometheusBenchOptions, type PrometheusBenchResult, prometheusSource, type PrometheusSourceOptions, type PrometheusSource, type PrometheusEndpoint, PrometheusError, type PrometheusErrorCode, PROM_PRESETS, type PromPresetName, type PromQuerySpec, type PromWindow, loadPromMapping, parsePromMapping, resolvePromQueries, resolvePromWindow, redactedUrl, redactText } from './prometheus/index.js';
