/**
 * sysstat activity names, keyed by the first column after `timestamp` of a `sadf -d` header,
 * or the second when the first is `CPU` or `IFACE` (shared by several activities). The columns
 * differ between versions; these first columns are stable. The name becomes `SeriesKey.object`;
 * the `sar` option that shows the activity is given for reference.
 */
export const SAR_ACTIVITIES: Readonly<Record<string, string>> = {
  '%usr': 'cpu', // -u ALL / -P
  '%user': 'cpu', // -u
  'proc/s': 'task', // -w
  'INTR': 'interrupts', // -I
  'pswpin/s': 'swapping', // -W
  'pgpgin/s': 'paging', // -B
  'tps': 'io', // -b
  'kbmemfree': 'memory', // -r
  'kbswpfree': 'swap', // -S
  'kbhugfree': 'hugepages', // -H
  'dentunusd': 'inode', // -v
  'runq-sz': 'queue', // -q
  'TTY': 'serial', // -y
  'DEV': 'disk', // -d
  'rxpck/s': 'network', // -n DEV (after IFACE)
  'rxerr/s': 'network-errors', // -n EDEV (after IFACE)
  'call/s': 'nfs', // -n NFS
  'scall/s': 'nfsd', // -n NFSD
  'totsck': 'sock', // -n SOCK
  'irec/s': 'ip', // -n IP
  'ihdrerr/s': 'eip', // -n EIP
  'imsg/s': 'icmp', // -n ICMP
  'ierr/s': 'eicmp', // -n EICMP
  'active/s': 'tcp', // -n TCP
  'atmptf/s': 'etcp', // -n ETCP
  'idgm/s': 'udp', // -n UDP
  'tcp6sck': 'sock6', // -n SOCK6
  'irec6/s': 'ip6', // -n IP6
  'ihdrer6/s': 'eip6', // -n EIP6
  'imsg6/s': 'icmp6', // -n ICMP6
  'ierr6/s': 'eicmp6', // -n EICMP6
  'idgm6/s': 'udp6', // -n UDP6
  'FCHOST': 'fchost', // -n FC
  'total/s': 'softnet', // -n SOFT
  'MHz': 'cpufreq', // -m CPU
  'BAT': 'battery', // -m BAT
  'FILESYSTEM': 'filesystem', // -F
  '%scpu-10': 'psi-cpu', // -q CPU
  '%sio-10': 'psi-io', // -q IO
  '%smem-10': 'psi-mem', // -q MEM
  'manufact': 'usb', // -m USB
};

/** Header columns that name an instance rather than a metric (`CPU = -1` is all CPUs). */
export const SAR_KEY_COLUMNS: ReadonlySet<string> = new Set(['CPU', 'INTR', 'DEV', 'IFACE', 'TTY', 'FCHOST', 'FILESYSTEM', 'BAT', 'BUS']);

/** Header columns that hold text, not metrics: kept out of the series (listed, not silently dropped). */
export const SAR_TEXT_COLUMNS: ReadonlySet<string> = new Set(['status', 'manufact', 'product', 'idvendor', 'idprod']);
