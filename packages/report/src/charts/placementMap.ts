import { quantile, scaleLinear } from 'd3';
import { escapeHtml } from '../html/escape.js';
import { CATEGORICAL, PALETTE } from './palette.js';
import { finiteOr, len, px, svgChart, svgText } from './svg.js';

/** One host row of the map. */
export interface MapHost {
  readonly id: string;
  /** Capacity in the measure (e.g. memory GB), or the VM count when sizes are unknown. */
  readonly capacity: number;
  readonly vms: readonly { readonly id: string; readonly size: number; readonly group?: string }[];
}

/** Options of {@link chartPlacementMap}. */
export interface PlacementMapOptions {
  readonly title: string;
  /** What segment widths measure, with unit, e.g. `memory (GB)`. */
  readonly measure: string;
  /** Colour by group when VMs have groups, else by size quartile. @defaultValue `'auto'` */
  readonly colourBy?: 'auto' | 'group' | 'size';
  /** Width of the SVG, px. @defaultValue 940 */
  readonly width?: number;
  /** VM segments drawn per host; the smallest beyond this become one grey segment. @defaultValue 120 */
  readonly maxSegments?: number;
}

/**
 * The placement map: one bar per host as wide as its capacity, split into one segment per VM as
 * wide as its size (grouped by colour, largest first); colour by group (the nine largest groups,
 * the rest grey) or by size quartile.
 * Hovering a segment shows the VM's name (an SVG `<title>`, no script).
 *
 * @example
 * chartPlacementMap([{ id: 'h1', capacity: 256, vms: [{ id: 'web1', size: 16, group: 'web' }] }], { title: 'Map', measure: 'memory (GB)' })
 */
export function chartPlacementMap(input: readonly MapHost[], options: PlacementMapOptions): string {
  const hosts = input.map((h) => {
    const vms = h.vms.map((v) => ({ ...v, size: Math.max(0, finiteOr(v.size, 0)) }));
    return { id: h.id, vms, capacity: Number.isFinite(h.capacity) && h.capacity > 0 ? h.capacity : vms.reduce((s, v) => s + v.size, 0) };
  });
  const { title, measure, colourBy = 'auto', width = 940, maxSegments = 120 } = options;
  const m = { top: 44, right: 12, bottom: 10, left: 150 };
  const rowHeight = 16;
  const height = m.top + hosts.length * rowHeight + m.bottom;
  const allVms = hosts.flatMap((h) => h.vms);
  const byGroup = colourBy === 'group' || (colourBy === 'auto' && allVms.some((v) => v.group !== undefined));
  const legend: { label: string; colour: string }[] = [];
  let colourOf: (vm: MapHost['vms'][number]) => string;
  let rankOf: (vm: MapHost['vms'][number]) => number = () => 0;
  if (byGroup) {
    const counts = new Map<string, number>();
    for (const v of allVms) counts.set(v.group ?? '(none)', (counts.get(v.group ?? '(none)') ?? 0) + 1);
    const top = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 9).map(([g]) => g);
    const colours = new Map(top.map((g, i) => [g, CATEGORICAL[i]!]));
    colourOf = (v) => colours.get(v.group ?? '(none)') ?? '#bab0ac';
    rankOf = (v) => { const i = top.indexOf(v.group ?? '(none)'); return i < 0 ? top.length : i; };
    top.forEach((g) => legend.push({ label: g, colour: colours.get(g)! }));
    if (counts.size > top.length) legend.push({ label: `${counts.size - top.length} other groups`, colour: '#bab0ac' });
  } else {
    const sizes = allVms.map((v) => v.size).sort((a, b) => a - b);
    const cuts = [0.25, 0.5, 0.75].map((q) => quantile(sizes, q) ?? 0);
    const shades = ['#c6dbef', '#7fb0d6', '#3f7fb3', '#1d4f7c'];
    const quartile = (s: number) => cuts.filter((c) => s > c).length;
    colourOf = (v) => shades[quartile(v.size)]!;
    const fmt = (n: number) => String(Math.round(n * 10) / 10);
    ['≤ ' + fmt(cuts[0]!), `≤ ${fmt(cuts[1]!)}`, `≤ ${fmt(cuts[2]!)}`, `> ${fmt(cuts[2]!)}`].forEach((label, i) => legend.push({ label: `${label} ${measure}`, colour: shades[i]! }));
  }
  const maxCapacity = Math.max(1, ...hosts.map((h) => Math.max(h.capacity, h.vms.reduce((s, v) => s + v.size, 0))));
  const x = scaleLinear([0, maxCapacity], [0, width - m.left - m.right]);
  const parts: string[] = [];
  let lx = m.left;
  for (const l of legend) {
    parts.push(`<rect x="${px(lx)}" y="6" width="12" height="10" fill="${l.colour}"/>`, svgText(lx + 16, 15, l.label.length > 18 ? l.label.slice(0, 17) + '…' : l.label, 'class="legend"'));
    lx += Math.min(18, l.label.length) * 6 + 34;
  }
  parts.push(svgText(m.left, 34, `segment width: ${measure}; bar outline: host capacity`, 'class="tick"'));
  hosts.forEach((h, i) => {
    const y = m.top + i * rowHeight;
    parts.push(svgText(m.left - 8, y + 11, h.id.length > 22 ? h.id.slice(0, 21) + '…' : h.id, 'class="row-label" text-anchor="end"'));
    parts.push(`<g transform="translate(${m.left},${y})">`, `<rect class="track" width="${len(x(h.capacity))}" height="12"/>`);
    let at = 0;
    // Past maxSegments VMs, the smallest are drawn as one grey segment: the size stays bounded.
    const bySize = [...h.vms].sort((a, b) => b.size - a.size || (a.id < b.id ? -1 : 1));
    const kept = h.vms.length > maxSegments ? bySize.slice(0, maxSegments - 1) : bySize;
    // Segments of one colour sit together: by legend order, then largest first.
    const drawn = [...kept].sort((a, b) => rankOf(a) - rankOf(b) || b.size - a.size || (a.id < b.id ? -1 : 1));
    for (const v of drawn) {
      const w = x(v.size);
      parts.push(`<rect x="${px(x(at))}" width="${len(Math.max(w - 0.6, 0.4))}" height="12" fill="${colourOf(v)}"><title>${escapeHtml(`${v.id}${v.group !== undefined ? ` (${v.group})` : ''} on ${h.id}: ${Math.round(v.size * 10) / 10} ${measure}`)}</title></rect>`);
      at += v.size;
    }
    if (drawn.length < h.vms.length) {
      const rest = h.vms.length - drawn.length;
      const restSize = h.vms.reduce((sum, v) => sum + v.size, 0) - at;
      parts.push(`<rect class="rest" x="${px(x(at))}" width="${len(Math.max(x(restSize) - 0.6, 0.4))}" height="12" fill="#bab0ac"><title>${escapeHtml(`${rest} smaller VMs on ${h.id}: ${Math.round(restSize * 10) / 10} ${measure}`)}</title></rect>`);
    }
    parts.push(`<rect class="host-outline" width="${len(x(h.capacity))}" height="12" fill="none" stroke="${PALETTE.muted}"/></g>`);
  });
  return svgChart({ kind: 'placement-map', width, height, title }, parts.join(''));
}
