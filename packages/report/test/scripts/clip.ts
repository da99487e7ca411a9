// Screenshots the top of one section: clip.ts FILE SECTION-ID OUT.png [HEIGHT]
import { pathToFileURL } from 'node:url';
import { launchChromium } from '../helpers/browser.js';

const [file = 'out/report/sample.html', id = 'summary', png = 'out/report/clip.png', height = '1400'] = process.argv.slice(2);
const context = await launchChromium();
const page = await context.newPage();
await page.goto(pathToFileURL(file).href);
const box = (await page.locator(`#${id}`).boundingBox())!;
await page.screenshot({ path: png, clip: { x: box.x, y: box.y, width: box.width, height: Math.min(box.height, Number(height)) }, fullPage: true });
await context.close();
console.log(png);
