// The screenshots of the report's sections in docs/ (referenced from the README):
//   npm start && npm run example:architect
//   HOSTPLAN_CHROMIUM=/usr/bin/chromium npx tsx packages/report/test/scripts/docsScreenshots.ts
// (a browser that has fonts: the npm Chromium finds none outside AWS Lambda).
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { launchChromium } from '../helpers/browser.js';

const report = process.argv[2] ?? 'out/report.html';
const architect = process.argv[3] ?? 'out/architect-report.html';
const docs = process.argv[4] ?? 'docs';

/** Screenshot from the top of `from` to the bottom of `to` (or `maxHeight` pixels), full width of the main column. */
async function shot(page: Page, file: string, from: string, to = from, maxHeight = 1400): Promise<void> {
  const a = (await page.locator(from).first().boundingBox())!;
  const b = (await page.locator(to).first().boundingBox())!;
  const main = (await page.locator('main').boundingBox())!;
  const y = a.y - 6;
  await page.screenshot({ path: `${docs}/${file}`, fullPage: true, clip: { x: main.x, y, width: main.width, height: Math.min(maxHeight, b.y + b.height - y + 8) } });
  console.log(`${docs}/${file}`);
}

const context = await launchChromium();
const page = await context.newPage();
await page.goto(pathToFileURL(report).href);
await shot(page, 'report-timeline.png', '#timelines h2', '#timelines .grid2');
await shot(page, 'report-farm.png', '#timelines h3:text("Farm by day and hour")', '#timelines table');
await shot(page, 'report-hosts.png', '#hosts h2', '#hosts figure');
await shot(page, 'report-vms.png', '#vms h2', '#vms table', 620);
await page.locator('input[name="failover"]').fill('3');
await page.locator('input[name="failover"]').dispatchEvent('change');
await page.waitForFunction(() => /^Re-planned/.test(document.querySelector('[data-hostplan="whatif-status"]')?.textContent ?? ''), null, { timeout: 120_000 });
await shot(page, 'report-whatif.png', '#summary h2', '#whatif .whatif-status');
await shot(page, 'report-assumptions.png', '#assumptions h2', '#assumptions', 700);
await page.goto(pathToFileURL(architect).href);
await shot(page, 'report-sizing.png', '#sizing h2', '#sizing table');
await context.close();
