// Writes api/<package>.api.md, the public API of each package (npm run api); the api tests compare.
import { writeFileSync } from 'node:fs';
import { apiReports } from './api/apiReport.js';

for (const [pkg, report] of Object.entries(apiReports())) {
  const file = new URL(`../api/${pkg}.api.md`, import.meta.url);
  writeFileSync(file, report);
  console.log(`api/${pkg}.api.md: ${/(\d+) exports/.exec(report)![1]} exports`);
}
