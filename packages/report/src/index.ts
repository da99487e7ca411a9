// @hostplan/report: turns plans and measurements into HTML (d3 charts as inline SVG), JSON, Markdown
// and CSV. It takes plain data (ReportInput), never bench's objects. The public API, by what a user
// does; everything else is internal. api/report.api.md lists it (npm run api).

// Input: the plain data a report is made of, and adapters from core's results and report JSON
export {
  type ReportInput, type ReportReason, type ReportPlan, type ReportHost, type ReportVm, type ReportFailover, type ReportSizing, type CostCategory,
  type ReportCosts, type PriceLine, type ReportMeasurements, type SeriesSummaryRow, type BandSeries, type BandPoint, type HeatmapData,
  type RightsizingFinding, type ReportGrowth, type LooseVector,
} from './input/types.js';
export { reportInputFromPlan, reportFailoverFrom } from './input/fromCore.js';
export { reportInputFromSizing } from './input/fromSizing.js';
export { reportInputFromJson, type JsonDocument } from './input/fromJson.js';
export { parseJsonDocument } from './input/parseJson.js';

// Outputs: the HTML report, its JSON, a Markdown summary, CSV tables
export { renderHtmlReport, type HtmlReportOptions, SECTION_ORDER } from './html/renderHtmlReport.js';
export { reportJson, reportJsonText, type ReportJson, REPORT_SCHEMA_ID, REPORT_SCHEMA_VERSION } from './json/reportJson.js';
export { renderMarkdownSummary, type MarkdownOptions } from './markdown/renderMarkdownSummary.js';
export { placementsCsv, PLACEMENTS_CSV_HEADER } from './csv/placementsCsv.js';
export { priceSheetCsv, PRICE_SHEET_CSV_HEADER } from './csv/priceSheetCsv.js';

// Charts: each chart alone, as an SVG string
export { chartUtilisationMatrix, type UtilisationMatrixOptions, type MatrixCell } from './charts/utilisationMatrix.js';
export { chartHistogram, type HistogramOptions } from './charts/histogram.js';
export { chartBands } from './charts/bandChart.js';
export { chartHeatmap } from './charts/heatmap.js';
export { chartPairedBars, type PairedBarsOptions } from './charts/pairedBars.js';
export { chartCostBars } from './charts/costBars.js';
export { chartGrowth } from './charts/growthChart.js';
export { chartPlacementMap, type PlacementMapOptions, type MapHost } from './charts/placementMap.js';

// Formatting: numbers, money, percentages and resources as the reports write them
export { formatNumber, formatPercent, formatMoney } from './format/number.js';
export { formatResource, resourceLabel, RESOURCE_DISPLAY, type ResourceDisplay } from './format/resources.js';

// Failover runbook, report JSON checks, time series and the charts added with them
export { runbookCsv, RUNBOOK_CSV_HEADER } from './csv/runbookCsv.js';
export { checkReportSection, type ReportSectionName } from './input/checkSchema.js';
export { REPORT_SCHEMA } from './input/reportSchema.js';
export { reduceToColumns, type ColumnSummary } from './timeline/reduce.js';
export { farmSeries, dayHourMeans, type FarmSeries, type DayRow } from './timeline/farm.js';
export { farmRunway, type ResourceRunway } from './timeline/runway.js';
export { chartTimeline, TIMELINE_MARGIN, type TimelineChartOptions } from './charts/timelineChart.js';
export { chartDayHourHeatmap, type DayHourHeatmapOptions } from './charts/dayHourHeatmap.js';
export { chartRunway, type RunwayBar, type RunwayChartOptions } from './charts/runwayChart.js';
export { chartModelComparison } from './charts/modelComparison.js';
export type { ReportTimelines, HostTimeline, ResourceTimeline, TimelineAlert, ExposureRow } from './input/types.js';

// What if in the page: the same re-plan in Node, and the data the page carries
export { replanWhatIf, type WhatIfSettings, type WhatIfAnswer } from './whatif/replan.js';
export type { ReportWhatIf, MeasuredField, SizingChoice } from './input/types.js';
export type { WhatIfPayload } from './whatif/payload.js';
