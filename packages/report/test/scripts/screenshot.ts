// Renders out/report/sample.html to out/report/sample.png (full page) with headless chromium.
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../helpers/browser.js';

const file = process.argv[2] ?? 'out/report/sample.html';
const png = process.argv[3] ?? file.replace(/\.html$/, '.png');
const context = await launchChromium();
const page = await context.newPage();
page.on('console', (m) => console.log(`console.${m.type()}: ${m.text()}`));
if (process.env.PRINT) {
  await page.setViewportSize({ width: 760, height: 1000 });
  await page.emulateMedia({ media: 'print' });
}
await page.goto(pathToFileURL(file).href);
await page.screenshot({ path: png, fullPage: true });
if (process.env.SECTIONS) {
  for (const id of await page.$$eval('section[data-section]', (els) => els.map((e) => e.id))) {
    await page.locator(`#${id}`).screenshot({ path: png.replace(/\.png$/, `-${id}.png`) });
  }
}
await context.close();
console.log(png);
