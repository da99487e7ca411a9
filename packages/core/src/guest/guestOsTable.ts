/** What a guest OS is, for licensing and the platform's guest rules. */
export type GuestOsKind = 'windows-server' | 'windows-client' | 'windows' | 'linux' | 'bsd' | 'other';

/** One row of {@link GUEST_OS_TABLE}: a guest OS family and the names inventories give it. */
export interface GuestOsRow {
  /** Stable id, e.g. `windows-server-2008r2`; platform guest rules refer to it. */
  readonly family: string;
  /** Human name for messages. */
  readonly name: string;
  readonly kind: GuestOsKind;
  /**
   * Names as token sequences after normalisation (lower case; brackets, commas, slashes and
   * dashes become spaces; `service pack 2` and `sp 2` become `sp2`). A form matches when its
   * tokens occur contiguously in the name; the longest matching form over all rows wins.
   */
  readonly forms: readonly string[];
}

const W = (family: string, name: string, forms: readonly string[]): GuestOsRow => ({ family, name, kind: 'windows-server', forms });
const C = (family: string, name: string, forms: readonly string[]): GuestOsRow => ({ family, name, kind: 'windows-client', forms });
const L = (family: string, name: string, forms: readonly string[]): GuestOsRow => ({ family, name, kind: 'linux', forms });

/** The short forms administrators use for a Windows Server year (`w2k8`, `win2k8`, `ws2008`...). */
function serverForms(year: string, r2 = false): string[] {
  const yy = year.slice(2);
  const k = year === '2003' ? '2k3' : year === '2008' ? '2k8' : `2k${yy}`;
  const tails = r2 ? [' r2', 'r2'] : [''];
  const out: string[] = [];
  for (const t of tails) {
    const sep = t;
    out.push(`windows server ${year}${sep}`, `server ${year}${sep}`, `windows ${year}${sep}`, `win ${year}${sep}`, `${year}${sep}`,
      `win${year}${sep}`, `ws${year}${sep}`, `w${year}${sep}`, `w${k}${sep}`, `win${k}${sep}`, `${k}${sep}`);
  }
  return [...new Set(out.map((f) => f.trim()))];
}

/**
 * Guest OS names as RVTools (`OS according to the configuration file` / `...VMware Tools`),
 * Get-VM, SCVMM and administrators write them, by family (domain.md section 9). Windows
 * Server 2003 R2 counts as 2003 (same guest rules). Windows client guests (XP, Vista, 7-11)
 * count as Windows guests too: hostplan prices them like server guests (their own licensing,
 * VDA, is not modelled).
 *
 * @example
 * GUEST_OS_TABLE.find((r) => r.family === 'windows-server-2003')!.forms.includes('w2k3') // => true
 */
export const GUEST_OS_TABLE: readonly GuestOsRow[] = Object.freeze([
  W('windows-server-2003', 'Windows Server 2003', [...serverForms('2003'), ...serverForms('2003', true), 'small business server 2003', 'sbs 2003']),
  W('windows-server-2008', 'Windows Server 2008', [...serverForms('2008'), 'hpc server 2008', 'small business server 2008', 'sbs 2008', 'longhorn']),
  W('windows-server-2008r2', 'Windows Server 2008 R2', serverForms('2008', true)),
  W('windows-server-2012', 'Windows Server 2012', serverForms('2012')),
  W('windows-server-2012r2', 'Windows Server 2012 R2', serverForms('2012', true)),
  W('windows-server-2016', 'Windows Server 2016', serverForms('2016')),
  W('windows-server-2019', 'Windows Server 2019', serverForms('2019')),
  W('windows-server-2022', 'Windows Server 2022', serverForms('2022')),
  W('windows-server-2025', 'Windows Server 2025', serverForms('2025')),
  W('windows-server-2000', 'Windows 2000 Server', ['windows 2000 server', 'windows 2000 advanced server', 'windows 2000', 'win2000', 'win2k', 'w2k']),
  W('windows-server', 'Windows Server (version not named)', ['windows server', 'microsoft windows server']),
  C('windows-xp', 'Windows XP', ['windows xp', 'win xp', 'winxp', 'xp']),
  C('windows-vista', 'Windows Vista', ['windows vista', 'vista']),
  C('windows-7', 'Windows 7', ['windows 7', 'win 7', 'win7', 'w7']),
  C('windows-8', 'Windows 8 / 8.1', ['windows 8', 'windows 8.1', 'win 8', 'win8', 'win8.1', 'w8']),
  C('windows-10', 'Windows 10', ['windows 10', 'win 10', 'win10', 'w10']),
  C('windows-11', 'Windows 11', ['windows 11', 'win 11', 'win11', 'w11']),
  { family: 'windows', name: 'Windows (version not named)', kind: 'windows', forms: ['windows', 'microsoft windows', 'win'] },
  L('sles-10', 'SUSE Linux Enterprise Server 10', ['sles 10', 'sles10', 'suse linux enterprise server 10', 'suse linux enterprise 10', 'suse 10', 'suse linux 10']),
  L('suse', 'SUSE Linux', ['suse', 'sles', 'opensuse']),
  L('rhel', 'Red Hat Enterprise Linux', ['red hat', 'redhat', 'rhel']),
  L('centos', 'CentOS', ['centos']),
  L('ubuntu', 'Ubuntu', ['ubuntu']),
  L('debian', 'Debian', ['debian']),
  L('oracle-linux', 'Oracle Linux', ['oracle linux', 'oel']),
  L('rocky', 'Rocky Linux', ['rocky']),
  L('almalinux', 'AlmaLinux', ['almalinux', 'alma linux']),
  L('fedora', 'Fedora', ['fedora']),
  L('photon', 'VMware Photon OS', ['photon']),
  L('coreos', 'CoreOS / Flatcar', ['coreos', 'flatcar']),
  L('linux', 'Linux (distribution not named)', ['linux', 'other linux']),
  { family: 'freebsd', name: 'FreeBSD', kind: 'bsd', forms: ['freebsd'] },
  { family: 'openbsd', name: 'OpenBSD', kind: 'bsd', forms: ['openbsd'] },
  { family: 'netbsd', name: 'NetBSD', kind: 'bsd', forms: ['netbsd'] },
  { family: 'solaris', name: 'Solaris', kind: 'other', forms: ['solaris', 'sun solaris', 'oracle solaris'] },
  { family: 'netware', name: 'Novell NetWare', kind: 'other', forms: ['netware'] },
  { family: 'ms-dos', name: 'MS-DOS', kind: 'other', forms: ['ms dos', 'msdos'] },
]);
