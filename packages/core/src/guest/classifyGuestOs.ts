import { GUEST_OS_TABLE, type GuestOsKind, type GuestOsRow } from './guestOsTable.js';

/** What {@link classifyGuestOs} makes of one guest OS name. */
export interface GuestOsClass {
  /** The name as given (`undefined` when the VM names none). */
  readonly input: string | undefined;
  /** The table row's family id, or null when the name is in no row (or none is given). */
  readonly family: string | null;
  /** The row's human name, or the input when unrecognised. */
  readonly name: string;
  /** `unknown` when unrecognised; `unnamed` when no name is given. */
  readonly kind: GuestOsKind | 'unknown' | 'unnamed';
  /** True for every Windows kind, and for unrecognised or unnamed guests (never silently free). */
  readonly needsWindowsLicence: boolean;
  /** Service pack named (`SP2`, `Service Pack 2`), else null. */
  readonly servicePack: number | null;
  /** Architecture named (`x64`, `64-bit`, `x86`, `32-bit`), else null. */
  readonly arch: 'x86' | 'x64' | null;
  /** The table form that matched, or null. */
  readonly matched: string | null;
}

/** Lower case, separators to spaces, service packs as `spN`: the tokens the table's forms are written in. */
function tokens(name: string): string[] {
  const s = name.toLowerCase()
    .replace(/®|™|\(r\)|\(tm\)/g, ' ')
    .replace(/[()[\],;:/\-"']/g, ' ')
    .replace(/service\s*pack\s*(\d+)/g, 'sp$1')
    .replace(/\bsp\s+(\d+)/g, 'sp$1');
  return s.split(/\s+/).filter(Boolean);
}

function contains(hay: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= hay.length; i++) {
    for (let j = 0; j < needle.length; j++) if (hay[i + j] !== needle[j]) continue outer;
    return true;
  }
  return false;
}

const ROWS: readonly { row: GuestOsRow; forms: readonly (readonly string[])[] }[] = GUEST_OS_TABLE.map((row) => ({ row, forms: row.forms.map((f) => f.split(' ')) }));

function archOf(t: readonly string[]): 'x86' | 'x64' | null {
  if (t.some((x) => x === 'x64' || x === 'amd64' || x === 'x86_64' || x === '64bit') || contains(t, ['64', 'bit'])) return 'x64';
  if (t.some((x) => x === 'x86' || x === 'i386' || x === '32bit') || contains(t, ['32', 'bit'])) return 'x86';
  return null;
}

/**
 * Classifies a guest OS name by {@link GUEST_OS_TABLE} (no regular expression guesses):
 * family, kind, service pack and architecture, and whether it needs a Windows licence.
 * Unrecognised and unnamed guests need one (conservative); list them with
 * `guestOsAssumptions`. O(table forms x name length) the first time a name is seen (about
 * 25 us), a map lookup after (the last 4,096 names are remembered).
 *
 * @example
 * classifyGuestOs('W2K3 SP2') // => { family: 'windows-server-2003', kind: 'windows-server', servicePack: 2, needsWindowsLicence: true, ... }
 * classifyGuestOs('CentOS 7 (64-bit)').needsWindowsLicence // => false
 * classifyGuestOs('Other (32-bit)').kind // => 'unknown'
 */
export function classifyGuestOs(name: string | undefined): GuestOsClass {
  if (name === undefined) return classifyUncached(name);
  // placement asks once per VM and host: memoised by name (the answers are frozen, so sharing is safe)
  let c = CACHE.get(name);
  if (!c) {
    if (CACHE.size >= CACHE_LIMIT) CACHE.clear();
    CACHE.set(name, (c = Object.freeze(classifyUncached(name))));
  }
  return c;
}

const CACHE = new Map<string, GuestOsClass>();
const CACHE_LIMIT = 4096;

function classifyUncached(name: string | undefined): GuestOsClass {
  if (name === undefined || name.trim() === '') {
    return { input: name, family: null, name: 'not named', kind: 'unnamed', needsWindowsLicence: true, servicePack: null, arch: null, matched: null };
  }
  const t = tokens(name);
  let best: { row: GuestOsRow; form: readonly string[] } | null = null;
  for (const { row, forms } of ROWS) {
    for (const form of forms) if ((!best || form.length > best.form.length) && contains(t, form)) best = { row, form };
  }
  const sp = t.find((x) => /^sp\d+$/.test(x));
  const common = { input: name, servicePack: sp ? Number(sp.slice(2)) : null, arch: archOf(t) };
  if (!best) return { ...common, family: null, name, kind: 'unknown', needsWindowsLicence: true, matched: null };
  const kind = best.row.kind;
  return { ...common, family: best.row.family, name: best.row.name, kind, needsWindowsLicence: kind.startsWith('windows'), matched: best.form.join(' ') };
}
