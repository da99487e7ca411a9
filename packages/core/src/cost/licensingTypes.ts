/** Licensing rules: `'2008'` for Windows Server 2008 and 2008 R2, `'2016'` for the per-core rules of 2016 and later. */
export type LicensingEra = '2008' | '2016';

/** List prices under the 2008 / 2008 R2 rules, in one currency (inputs: no price is built in). */
export interface Prices2008 {
  /** One Standard licence: 1 virtual instance per licensed host. */
  readonly standard: number;
  /** One Enterprise licence: 4 virtual instances per licensed host. */
  readonly enterprise: number;
  /** Datacenter, per processor socket: unlimited virtual instances. */
  readonly datacenterPerSocket: number;
  /** A licence for one Windows guest on Hyper-V Server (free host). @defaultValue `standard` */
  readonly perGuest?: number;
}

/** List prices under the per-core rules of 2016 and later, per 16 cores. */
export interface Prices2016 {
  /** Standard for 16 cores: 2 VMs per full licensing of the host's cores, stackable. */
  readonly standardPer16Cores: number;
  /** Datacenter for 16 cores: unlimited VMs. */
  readonly datacenterPer16Cores: number;
  /** A licence for one Windows guest on Hyper-V Server; required to price that option under these rules. */
  readonly perGuest?: number;
}

/** Editions a licensing result may list. `hyper-v-server` is the free host; `guest` a per-guest licence. */
export type Edition = 'standard' | 'enterprise' | 'datacenter' | 'hyper-v-server' | 'guest';

/** What runs on the host: Windows Server with the Hyper-V role, the free Hyper-V Server, or the cheaper of the two. */
export type HostOs = 'windows' | 'hyper-v-server' | 'cheapest';

/** A guest, as far as licensing cares: Linux and other non-Windows guests need no Windows licence. */
export interface LicensedGuest {
  readonly guestOS?: string;
}

/** The input of `cheapestLicensing`. */
export interface LicensingInput {
  readonly era: LicensingEra;
  readonly sockets: number;
  readonly coresPerSocket: number;
  /** The number of Windows guests, or the guests themselves (non-Windows ones need no licence). */
  readonly vms: number | readonly LicensedGuest[];
  readonly prices: Prices2008 | Prices2016;
  /** @defaultValue 'windows' */
  readonly hostOs?: HostOs;
}

/** One line of a licensing result. */
export interface LicenceItem {
  readonly edition: Edition;
  /** Licences (2008), stackings of the host's cores (2016 Standard), 1 for 2016 Datacenter. */
  readonly count: number;
  /** Price of one `count` unit: per licence, per socket x sockets for 2008 Datacenter, per core set for 2016. */
  readonly unitPrice: number;
  readonly amount: number;
  /** How the line is worked out, e.g. `2 x $1,069 per 16 cores x 24 cores / 16`. */
  readonly rule: string;
}

/** One way to license the host, with its total. */
export interface LicensingOption {
  readonly total: number;
  readonly items: readonly LicenceItem[];
}

/** The answer of `cheapestLicensing`: the cheapest option first, then every option compared. */
export interface LicensingResult extends LicensingOption {
  /** Windows guests that need a licence. */
  readonly windowsGuests: number;
  /** Cores licensed under the 2016 rules (all cores, at least 8 per socket and 16 per host); null for 2008. */
  readonly licensedCores: number | null;
  /** Every option considered, cheapest first. */
  readonly options: readonly LicensingOption[];
}
