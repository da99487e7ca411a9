// @hostplan/report: turns plans and measurements into HTML (d3 charts as inline SVG), JSON, Markdown and CSV.
export * from './input/types.js';
export * from './html/escape.js';
export * from './html/csp.js';
export * from './html/renderHtmlReport.js';
export * from './format/number.js';
export * from './format/resources.js';
export * from './charts/svg.js';
export * from './charts/utilisationMatrix.js';
export * from './charts/histogram.js';
export * from './charts/bandChart.js';
export * from './charts/heatmap.js';
export * from './charts/pairedBars.js';
export * from './charts/costBars.js';
export * from './charts/growthChart.js';
export * from './charts/placementMap.js';
