/** The report's stylesheet, inlined into the page: system fonts, a restrained palette, print rules. */
export const REPORT_CSS = `
:root{--ink:#1f2933;--muted:#616e7c;--rule:#cbd2d9;--track:#eef1f4;--accent:#2f6690;--pale:#d9e8f2;--warn:#c77d0a;--alarm:#b23a48;--good:#3b7d4f}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Liberation Sans",Arial,sans-serif;color:var(--ink);background:#fff}
main{max-width:1020px;margin:0 auto;padding:28px 32px 48px}
header.report-head{border-bottom:3px solid var(--accent);padding-bottom:12px;margin-bottom:8px}
h1{font-size:26px;margin:0 0 2px;font-weight:650;letter-spacing:-.01em}
h2{font-size:19px;margin:36px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--rule);font-weight:620}
h3{font-size:15px;margin:22px 0 6px;font-weight:620}
p{margin:6px 0 10px}
.meta,.note{color:var(--muted);font-size:12.5px}
nav.toc{font-size:12.5px;margin:10px 0 4px;color:var(--muted)}
nav.toc a{color:var(--accent);text-decoration:none;margin-right:14px;white-space:nowrap}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(180px,1fr));gap:10px;margin:14px 0}
.card{border:1px solid var(--rule);border-radius:6px;padding:10px 12px;break-inside:avoid}
.card .label{font-size:11.5px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em}
.card .value{font-size:22px;font-weight:620;font-variant-numeric:tabular-nums;line-height:1.25;overflow-wrap:anywhere}
.card .sub{font-size:12px;color:var(--muted);overflow-wrap:anywhere}
.status-ok{color:var(--good)}.status-bad{color:var(--alarm)}.status-warn{color:var(--warn)}
table{border-collapse:collapse;width:100%;margin:8px 0 14px;font-size:12.5px}
caption{text-align:left;color:var(--muted);font-size:12px;padding-bottom:4px}
th,td{padding:4px 8px;border-bottom:1px solid var(--track);text-align:left;vertical-align:top;overflow-wrap:break-word;word-break:normal;hyphens:manual}
th{font-weight:600;border-bottom:1px solid var(--rule);background:#f7f9fa;white-space:nowrap}
td:first-child{min-width:7em}
table.assumptions td:first-child{white-space:nowrap;font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.sortable th{cursor:pointer}
table.sortable th[aria-sort=ascending]::after{content:" ▲";font-size:9px}
table.sortable th[aria-sort=descending]::after{content:" ▼";font-size:9px}
figure{margin:10px 0 18px;break-inside:avoid;overflow-x:auto}
figcaption{font-size:12px;color:var(--muted);margin-top:2px}
svg.chart{display:block;max-width:100%;height:auto;font-size:11px;fill:var(--ink)}
svg.chart text{font-family:inherit}
svg .axis line,svg .axis .domain{stroke:var(--muted);stroke-width:1}
svg .grid,svg .axis line.grid{stroke:#e4e7eb;stroke-width:1}
svg .tick,svg .legend,svg .value{fill:var(--muted);font-size:10.5px}
svg .axis text{fill:var(--muted);font-size:10.5px}
svg .axis-label{fill:var(--ink);font-size:11px}
svg .col-head{font-weight:600;font-size:11px}
svg .row-label{font-size:10.5px}
svg .track{fill:var(--track)}
svg .target-line{stroke:var(--ink);stroke-width:1.6}
svg .reserve-line{stroke:var(--alarm);stroke-width:1.6}
svg .threshold,svg .capacity-line{stroke:var(--alarm);stroke-width:1.2;stroke-dasharray:6 3}
svg .threshold-label{fill:var(--alarm);font-size:10.5px}
svg .marker{stroke:var(--ink);stroke-dasharray:3 3}
svg .marker-label{font-size:10px;fill:var(--ink)}
svg .heat-empty{fill:#f5f5f5;stroke:#e4e7eb}
svg .run-out{fill:var(--alarm)}
.grid2{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:6px 18px}
.alert{border-left:4px solid var(--muted);padding:4px 10px;margin:4px 0;background:#f7f9fa;font-size:13px}
.alert.warning{border-color:var(--warn)}.alert.critical{border-color:var(--alarm)}
.stars{color:var(--warn);letter-spacing:1px;white-space:nowrap}
p.filter input{font:inherit;padding:3px 6px;margin-left:6px;width:18em;border:1px solid var(--rule);border-radius:4px}
table.vm-table td:first-child,table.vm-table td:nth-child(2){overflow-wrap:normal;word-break:normal}
@media print{p.filter{display:none}}
details{margin:4px 0 12px}details>summary{cursor:pointer;color:var(--accent);font-size:13px}
form.whatif{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:8px 14px;margin:10px 0;padding:10px 12px;border:1px solid var(--rule);border-radius:6px;background:#f7f9fa}
.whatif-field{display:flex;flex-direction:column;font-size:12.5px}.whatif-field input{font:inherit;padding:3px 6px;border:1px solid var(--rule);border-radius:4px;width:100%}.whatif-field small{color:var(--muted);font-size:11px}
.whatif-status{font-size:13px;color:var(--muted)}.whatif-status.busy{color:var(--warn)}
@media print{form.whatif{display:none}}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
footer{margin-top:40px;color:var(--muted);font-size:12px;border-top:1px solid var(--rule);padding-top:8px}
@media print{
  @page{size:A4;margin:14mm 12mm}
  body{font-size:11px}
  main{max-width:none;padding:0}
  nav.toc{display:none}
  h2{break-after:avoid;margin-top:20px}
  section{break-inside:auto}
  figure,.card,tr{break-inside:avoid}
  thead{display:table-header-group}
  a{color:inherit;text-decoration:none}
  .card .value{font-size:17px}
  figure{overflow:visible}
}
`;
