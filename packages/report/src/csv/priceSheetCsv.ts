import type { PriceLine } from '../input/types.js';
import { csvTable } from './cell.js';

/** Columns of {@link priceSheetCsv}. */
export const PRICE_SHEET_CSV_HEADER = ['item', 'unit', 'unit_price', 'currency', 'quantity', 'line_total', 'source'] as const;

/**
 * The price sheet as CSV; `line_total` = unit_price x quantity when a quantity is given.
 * Text cells are neutralised against formula injection.
 *
 * @example
 * priceSheetCsv([{ item: 'Host', unit: 'host', unitPrice: 100, quantity: 2 }], 'USD')
 * // => 'item,unit,unit_price,currency,quantity,line_total,source\r\nHost,host,100,USD,2,200,\r\n'
 */
export function priceSheetCsv(lines: readonly PriceLine[], currency = 'USD'): string {
  return csvTable(PRICE_SHEET_CSV_HEADER, lines.map((l) => [l.item, l.unit, l.unitPrice, l.currency ?? currency, l.quantity, l.quantity === undefined ? undefined : l.unitPrice * l.quantity, l.source ?? '']));
}
