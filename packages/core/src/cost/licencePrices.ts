import type { Prices2008, Prices2016 } from './licensingTypes.js';

/** A default price list with where it comes from and when it was current. */
export interface PriceList<P> {
  readonly prices: P;
  readonly currency: 'USD';
  readonly source: string;
  /** When the prices were list prices. */
  readonly asOf: string;
  readonly unverified: boolean;
}

/**
 * Default Windows Server list prices, one per rule set (prices are inputs: these are only used
 * when the caller gives none, and every output lists them as assumptions).
 *
 * @example
 * DEFAULT_LICENCE_PRICES['2016'].prices.datacenterPer16Cores // => 6155
 */
export const DEFAULT_LICENCE_PRICES: { readonly '2008': PriceList<Prices2008>; readonly '2016': PriceList<Prices2016> } = Object.freeze({
  '2008': {
    prices: { standard: 999, enterprise: 2999, datacenterPerSocket: 2999 },
    currency: 'USD',
    source: 'hostplan domain reference (docs/model.md), unverified: rough Windows Server 2008 list prices of the time (Standard $999, Enterprise $2,999, Datacenter $2,999 per processor); 2008 R2 Enterprise was about $4,000, so give --prices for R2 hosts. The seeds give no prices',
    asOf: '2008',
    unverified: true,
  },
  '2016': {
    prices: { standardPer16Cores: 1069, datacenterPer16Cores: 6155 },
    currency: 'USD',
    source: 'Microsoft Windows Server 2022 pricing page, per 16 cores (2016: Standard $882, Datacenter $6,155)',
    asOf: '2021',
    unverified: false,
  },
});
