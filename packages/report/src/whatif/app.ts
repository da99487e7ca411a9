// The page's what-if script (bundled for the browser with core, see bundle.ts): re-plans when a
// control changes and redraws the sections that depend on the plan with the report's own renderers.
import { RESOURCES, type Resource } from '@hostplan/core';
import { sectionFailover } from '../html/sections/failover.js';
import { sectionHosts } from '../html/sections/hosts.js';
import { sectionPlacementMap } from '../html/sections/placementMap.js';
import { sectionSummary } from '../html/sections/summary.js';
import { sectionUnplaced } from '../html/sections/unplaced.js';
import { sectionVmTable } from '../html/sections/vmTable.js';
import type { Section, SectionContext } from '../html/sections/context.js';
import { escapeHtml } from '../html/escape.js';
import { reportFailoverFrom, reportInputFromPlan } from '../input/fromCore.js';
import type { ReportInput } from '../input/types.js';
import { formatMoney } from '../format/number.js';
import type { WhatIfPayload } from './payload.js';
import { replanWhatIf, type WhatIfSettings } from './replan.js';
import { formatNumber } from '../format/number.js';

const RENDERERS = [sectionSummary, sectionHosts, sectionPlacementMap, sectionVmTable, sectionFailover, sectionUnplaced] as const;
const SECTION_IDS = ['summary', 'hosts', 'placement', 'vms', 'failover', 'unplaced'] as const;

function readSettings(form: HTMLFormElement, payload: WhatIfPayload): WhatIfSettings {
  const num = (name: string) => {
    const el = form.querySelector<HTMLInputElement>(`input[name="${name}"]`);
    const v = el && !el.disabled && el.value.trim() !== '' ? Number(el.value) : NaN;
    return Number.isFinite(v) ? v : undefined;
  };
  const targets: Partial<Record<Resource, number>> = {};
  form.querySelectorAll<HTMLInputElement>('input[name="targetUtilization"]').forEach((el) => {
    const r = el.dataset.resource as Resource;
    const v = Number(el.value);
    if ((RESOURCES as readonly string[]).includes(r) && v > 0 && v <= 1) targets[r] = v;
  });
  const k = num('failover');
  const growth = num('growth');
  const margin = num('margin');
  const comfort = num('comfortFactor');
  return {
    failover: k === undefined ? payload.data.failover : Math.max(0, Math.round(k)),
    targetUtilization: targets,
    ...(comfort !== undefined && comfort > 0 && { comfortFactor: comfort }),
    ...(growth !== undefined && growth > 0 && { growth: growth / 100 }),
    ...(margin !== undefined && margin >= 0 && margin < 100 && { margin: margin / 100 }),
  };
}

function place(section: Section | null, id: string): void {
  let node = document.getElementById(id);
  if (!section) {
    if (node) node.hidden = true;
    return;
  }
  if (!node) {
    node = document.createElement('section');
    node.id = id;
    node.setAttribute('data-section', id);
    const anchor = document.getElementById('assumptions') ?? document.querySelector('main > footer');
    anchor?.parentNode?.insertBefore(node, anchor);
  }
  node.hidden = false;
  node.innerHTML = `<h2>${escapeHtml(section.title)}</h2>\n${section.html}`;
}

function run(form: HTMLFormElement, payload: WhatIfPayload, status: HTMLElement): void {
  const settings = readSettings(form, payload);
  const answer = replanWhatIf(payload.data, settings);
  const { hosts } = payload.data;
  const input: ReportInput = {
    ...payload.base,
    ...reportInputFromPlan({ plan: answer.plan, hosts, vms: answer.vms, policy: answer.policy }),
    ...(answer.failover && { failover: reportFailoverFrom({ summary: answer.failover.summary, result: answer.failover.result, plan: answer.plan, hosts, vms: answer.vms, policy: answer.policy }) }),
  };
  let n = 0;
  const ctx: SectionContext = { input, ids: { next: (prefix) => `${prefix}-w${++n}` }, options: payload.options };
  RENDERERS.forEach((render, i) => place(render(ctx), SECTION_IDS[i]!));
  const s = answer.plan.summary;
  const k = settings.failover ?? 0;
  status.classList.remove('busy');
  status.textContent = `Re-planned in this page: ${formatNumber(s.vmsPlaced, 0)} of ${formatNumber(answer.vms.length, 0)} VMs on ${s.hostsUsed} hosts` +
    (answer.failover ? `; failover N+${k} ${answer.failover.summary.met ? 'met' : answer.failover.summary.verdict === 'not proven' ? 'not proven' : 'not met'}, tolerates ${answer.failover.summary.toleratedFailures}` : '; no failover check') + '.';
  const price = document.querySelector('[data-hostplan="price-per-vm"]');
  if (price) price.textContent = answer.pricePerVmMonth === null ? '' : `Price per VM per month at this margin: ${formatMoney(answer.pricePerVmMonth, payload.data.currency ?? 'USD')}.`;
}

const block = document.getElementById('hostplan-whatif-data');
const form = document.querySelector<HTMLFormElement>('form[data-hostplan="whatif"]');
const status = document.querySelector<HTMLElement>('[data-hostplan="whatif-status"]');
if (block && form && status) {
  const payload = JSON.parse(block.textContent ?? '{}') as WhatIfPayload;
  form.addEventListener('submit', (e) => e.preventDefault());
  let pending = 0;
  form.addEventListener('change', () => {
    status.classList.add('busy');
    status.textContent = 'Re-planning…';
    window.clearTimeout(pending);
    // let the status paint before the planning runs (a failover check can take seconds)
    pending = window.setTimeout(() => {
      try {
        run(form, payload, status);
      } catch (e) {
        status.classList.remove('busy');
        status.textContent = `Could not re-plan: ${e instanceof Error ? e.message : String(e)}`;
      }
    }, 30);
  });
}
