import { readFile } from 'node:fs/promises';
import { DEFAULT_LICENCE_PRICES, parseCatalog, parseCostInputs, parseJsonText, parsePlans, quote } from '@hostplan/core';

const read = async (file: string) => parseJsonText(await readFile(file, 'utf8'), file);
const entry = parseCatalog(await read('data/catalog.json'), 'data/catalog.json').find((e) => e.host.id === 'r760-2x16')!;
const costs = parseCostInputs(await read('data/costs.json'), 'data/costs.json');
const plans = parsePlans(await read('data/plans.json'), 'data/plans.json');

// What each VM plan costs a month on this host model, and its price at a 35 % margin
const licensing = { era: '2016', prices: DEFAULT_LICENCE_PRICES['2016'].prices } as const;
const sheet = quote(plans, { entry, costs, licensing }, { margin: 0.35 });
for (const line of sheet.lines) {
  console.log(`${line.plan}: ${line.vmsPerHost} a host, cost ${line.costPerMonth?.toFixed(2)}, price ${line.pricePerMonth?.toFixed(2)} USD a month`);
}
