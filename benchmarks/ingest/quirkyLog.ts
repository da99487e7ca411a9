// The log `npm run bench:ingest` reads: a perfmon PDH-CSV log of a 40-VM Hyper-V host written
// here, byte by byte, not by the project's own writer (a reader tested only on its own writer's
// output proves little). Quirks a real log has: every cell quoted, CRLF line ends, `" "` and `""`
// blanks (the first row of rate counters blank), 3-digit exponents (`1.2e-005`), 17 significant
// digits, and instance names with commas, colons, dots and braces.
import { createWriteStream, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';

const VMS = 40;
const HOST = 'HV-QUIRK-07';
/** Bump when the file's content changes, so an old copy is not reused. */
const VERSION = 1;

/** The 126 counter paths: per VM a virtual processor, a virtual disk and a network adapter; 6 host counters. */
export function quirkyPaths(): string[] {
  const paths: string[] = [];
  for (let vm = 1; vm <= VMS; vm++) {
    const name = `sql-prod.${String(vm).padStart(2, '0')}`;
    paths.push(`\\\\${HOST}\\Hyper-V Hypervisor Virtual Processor(${name}:Hv VP 0)\\% Guest Run Time`);
    paths.push(`\\\\${HOST}\\Hyper-V Virtual Storage Device(C:-ClusterStorage-Volume1-${name}, disk.0.vhdx)\\Read Operations/Sec`);
    paths.push(`\\\\${HOST}\\Hyper-V Virtual Network Adapter(${name}_Network Adapter_{5F2E${String(vm).padStart(4, '0')}-7A1B-4C3D-9E8F-0A1B2C3D4E5F}--0)\\Bytes/sec`);
  }
  paths.push(`\\\\${HOST}\\Hyper-V Hypervisor Logical Processor(_Total)\\% Total Run Time`);
  paths.push(`\\\\${HOST}\\Memory\\Available MBytes`);
  paths.push(`\\\\${HOST}\\PhysicalDisk(_Total)\\Disk Transfers/sec`);
  paths.push(`\\\\${HOST}\\Network Interface(Intel[R] Ethernet 10G 2P X520 Adapter _2)\\Bytes Total/sec`);
  paths.push(`\\\\${HOST}\\Network Interface(Intel[R] Ethernet 10G 2P X520 Adapter _2)\\Current Bandwidth`);
  paths.push(`\\\\${HOST}\\Processor(_Total)\\% Processor Time`);
  return paths;
}

/** A deterministic Park-Miller generator: the same rows every time. */
function random(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** perfmon's local time: `"MM/DD/YYYY hh:mm:ss.mmm"` (the header says Eastern Daylight Time, bias 240). */
function stamp(utcMs: number): string {
  const d = new Date(utcMs - 240 * 60_000);
  return `${pad(d.getUTCMonth() + 1, 2)}/${pad(d.getUTCDate(), 2)}/${d.getUTCFullYear()} ${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}.${pad(d.getUTCMilliseconds(), 3)}`;
}

/** A value as perfmon writes it: 3-digit exponents below 1e-4. */
function cell(v: number): string {
  if (v !== 0 && Math.abs(v) < 1e-4) {
    const [m, e] = v.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${pad(Math.abs(exp), 3)}`;
  }
  return String(v);
}

/** One CRLF line of `rows`: the quoted time, then the quoted cells. */
function line(r: number, rnd: () => number, width: number): string {
  let out = `"${stamp(Date.UTC(2024, 5, 1) + r * 15_000 + Math.floor(rnd() * 40))}"`;
  for (let i = 0; i < width; i++) {
    const kind = i < VMS * 3 ? i % 3 : 3 + (i - VMS * 3);
    const blank = rnd();
    if ((r === 0 && kind !== 4 && kind !== 7) || blank < 0.003) {
      out += blank < 0.0015 ? ',""' : '," "';
      continue;
    }
    let v: number;
    if (kind === 0) v = rnd() * 100; // % Guest Run Time: 17 significant digits
    else if (kind === 1) v = rnd() < 0.1 ? rnd() * 9e-5 : Math.round(rnd() * 4000) / 16; // idle disks: tiny rates
    else if (kind === 2) v = Math.round(rnd() * 1.25e8); // Bytes/sec
    else if (kind === 3 || kind === 8) v = Math.round(rnd() * 1e6) / 1e4; // host CPU %
    else if (kind === 4) v = Math.round(65536 + rnd() * 131072); // Available MBytes
    else if (kind === 5) v = Math.round(rnd() * 1e5) / 10;
    else if (kind === 6) v = Math.round(rnd() * 1.25e9);
    else v = 1e10; // Current Bandwidth
    out += `,"${cell(v)}"`;
  }
  return out + '\r\n';
}

/**
 * Writes the log of `rows` rows into `.bench/ingest/` (once; later calls reuse it) and returns
 * its path.
 *
 * @example
 * const file = await ensureQuirkyLog(200_000); // about 366 MB
 */
export async function ensureQuirkyLog(rows: number): Promise<string> {
  const dir = fileURLToPath(new URL('../../.bench/ingest/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}quirky-${VMS}vms-${rows}rows-v${VERSION}.csv`;
  if (existsSync(file)) return file;
  const started = performance.now();
  process.stdout.write(`generating ${file} ...`);
  const paths = quirkyPaths();
  const out = createWriteStream(file + '.part');
  out.write(`"(PDH-CSV 4.0) (Eastern Daylight Time)(240)",${paths.map((p) => `"${p}"`).join(',')}\r\n`);
  const rnd = random(18);
  for (let r = 0; r < rows; r++) {
    if (!out.write(line(r, rnd, paths.length))) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
  renameSync(file + '.part', file);
  console.log(` ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return file;
}
