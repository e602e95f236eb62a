// Response plans (预案) on an incident in the console: the matching plans to activate, and each activated plan's
// checklist — a step pending, done (by whom, at what time, through which orders or whistles) or overdue (escalating
// like an unacknowledged alarm). Built as DOM nodes (dom.js): data is text, never markup.
import { t } from './i18n.js';
import { el, fill } from './dom.js';
import { fmtClock as hhmm } from './time.js';
import { age } from './panels.js';
import { itemName, amount } from './supplies.js';

/** A step's state at `now` (ms): done / late (done after its deadline) / overdue / pending, and its escalation 0–2. */
export function stepState(s, now) {
  const due = Date.parse(s.dueAt);
  if (s.doneAt) return { state: Date.parse(s.doneAt) > due ? 'late' : 'done', escalation: 0 };
  if (now <= due) return { state: 'pending', escalation: 0 };
  // as StepProgress.Escalation: level 2 once overdue by the step's own window again (at least 15 minutes)
  return { state: 'overdue', escalation: now - due > Math.max(15, s.withinMinutes) * 60_000 ? 2 : 1 };
}

/** What fulfilled a step, as a person reads it: the units sent, the departments summoned, the supplies delivered. */
function linked(i, s) {
  const links = s.links ?? [];
  if (!links.length) return '';
  const orders = new Map((i.orders ?? []).map(o => [o.id, o.unitName]));
  const supplies = new Map((i.supplies ?? []).map(o => [o.id, `${o.depotName ?? ''} ${itemName(o.item)} ${amount(o.quantity, o.item)}`.trim()]));
  return links.map(id => orders.get(id) ?? supplies.get(id) ?? (id.startsWith('WSL-') ? t('Whistle') : id)).join('、');
}

export function createPlans({ root, act, canDispatch }) {
  let incident = null;

  function render(i) {
    incident = i;
    const open = canDispatch && !i.closedAt;
    fill(root.querySelector('#plans'), (i.plans ?? []).map(p => el('div', { class: 'plan', dataset: { plan: p.id } },
      el('div', { class: 'plan-head' }, el('span', { class: 'plan-name' }, p.name), ` · ${t('PlanVersion').replace('{0}', p.version)} · ${hhmm(p.activatedAt)} ${p.activatedBy ?? ''}`,
        el('span', { class: 'progress' })),
      el('table', { class: 'steps' }, el('tbody', {}, p.steps.map(s => el('tr', { dataset: { step: s.id } },
        el('td', { class: 'state' }),
        el('td', {}, el('span', { class: 'action' }, t('PlanAction_' + s.action, s.action)), ' ', s.title),
        el('td', { class: 'role', title: s.role }, s.role),
        el('td', { class: 'due' }, s.doneAt ? `${hhmm(s.doneAt)} · ${t('StepDoneBy').replace('{0}', s.doneBy ?? '')}` : `≤ ${hhmm(s.dueAt)}`),
        el('td', { class: 'links', title: (s.links ?? []).join(' ') }, s.doneAt ? linked(i, s) || (s.note ?? '')
          : open ? el('button', { class: 'mark-step', dataset: { plan: p.id, step: s.id },
            onclick: () => act(`incidents/${encodeURIComponent(i.id)}/plans/${encodeURIComponent(p.id)}/steps/${encodeURIComponent(s.id)}/done`, {}) }, t('MarkStepDone')) : null))))))));
    tick();
  }

  async function loadProposals(i) {
    const box = root.querySelector('#plan-proposals');
    if (!box) return;
    if (!canDispatch || i.closedAt) { box.replaceChildren(); return; }
    const r = await fetch(`api/v1/console/incidents/${encodeURIComponent(i.id)}/plans`);
    const res = await r.json().catch(() => ({}));
    if (!r.ok) { box.textContent = res.error ?? `HTTP ${r.status}`; return; }
    const activate = async (planId, version) => {
      if (await act(`incidents/${encodeURIComponent(i.id)}/plans`, { planId, version })) loadProposals(i);
    };
    const summary = p => `${p.name} · ${t('PlanVersion').replace('{0}', p.version)} · ${t('PlanSteps').replace('{0}', p.steps)}`;
    const others = el('select', { class: 'other-plans' }, res.others.map(p => el('option', { value: p.id, dataset: { version: p.version } }, summary(p))));
    fill(box,
      el('div', { class: 'row label' }, t('ProposedPlans')),
      res.proposed.length ? res.proposed.map(p => el('div', { class: 'row proposal', dataset: { plan: p.id } },
        el('span', {}, summary(p)), ' ', el('button', { class: 'activate-plan', onclick: () => activate(p.id, p.version) }, t('ActivatePlan'))))
        : el('div', { class: 'row none' }, t('NoProposedPlans')),
      res.others.length ? el('div', { class: 'row' }, others, ' ',
        el('button', { class: 'activate-other', onclick: () => activate(others.value, Number(others.selectedOptions[0]?.dataset.version)) }, t('ActivatePlan'))) : null);
  }

  function tick() {
    if (!incident) return;
    const now = Date.now();
    for (const p of incident.plans ?? []) {
      const box = root.querySelector(`.plan[data-plan="${CSS.escape(p.id)}"]`);
      if (!box) continue;
      let done = 0, overdue = 0;
      for (const s of p.steps) {
        const { state, escalation } = stepState(s, now);
        if (s.doneAt) done++;
        if (state === 'overdue') overdue++;
        const tr = box.querySelector(`tr[data-step="${CSS.escape(s.id)}"]`);
        if (!tr) continue;
        tr.className = `step-${state} esc${escalation}`;
        tr.querySelector('.state').textContent = state === 'overdue'
          ? `${t('Ps_overdue')} ${age(now - Date.parse(s.dueAt))}` : t('Ps_' + state, state);
      }
      box.querySelector('.progress').textContent = ` · ${t('StepsDone').replace('{0}', done).replace('{1}', p.steps.length)}`
        + (overdue ? ` · ${t('StepsOverdue').replace('{0}', overdue)}` : '');
    }
  }
  setInterval(tick, 1000);

  return { render, loadProposals };
}
