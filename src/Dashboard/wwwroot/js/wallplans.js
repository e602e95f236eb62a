// The wall's "plans in action" panel (预案执行): every open incident's activated plans with their progress, and the
// steps overdue — escalating like unacknowledged alarms — so a duty officer sees at a glance what a plan still waits for.
import { t } from './i18n.js';
import { el, fill } from './dom.js';
import { age } from './panels.js';
import { stepState } from './checklist.js';

/** `now()`: the moment drawn — the clock on the wall, the cursor in replay. */
export function createWallPlans(list, count, now = () => Date.now()) {
  let incidents = [];

  function set(board) {
    incidents = board.incidents.filter(i => !i.closedAt && (i.plans ?? []).length);
    render();
  }

  function render() {
    const at = now();
    let overdueAll = 0;
    const items = incidents.flatMap(i => i.plans.map(p => {
      const states = p.steps.map(s => ({ s, ...stepState(s, at) }));
      const overdue = states.filter(x => x.state === 'overdue').sort((a, b) => Date.parse(a.s.dueAt) - Date.parse(b.s.dueAt));
      overdueAll += overdue.length;
      const done = p.steps.filter(s => s.doneAt).length;
      const worst = Math.max(0, ...overdue.map(x => x.escalation));
      return el('li', { class: `esc${worst}`, dataset: { incident: i.id, plan: p.id } },
        el('div', { class: 'head' }, el('b', {}, p.name), el('span', { class: 'of' }, i.title)),
        el('div', { class: 'progress' }, el('span', { class: 'bar' }, el('i', { style: { width: `${Math.round(100 * done / Math.max(1, p.steps.length))}%` } })),
          t('StepsDone').replace('{0}', done).replace('{1}', p.steps.length)),
        overdue.slice(0, 3).map(x => el('div', { class: `step esc${x.escalation}`, dataset: { step: x.s.id } },
          el('span', { class: 'late' }, `${t('Ps_overdue')} ${age(at - Date.parse(x.s.dueAt))}`), ' ', x.s.title, el('small', {}, ` · ${x.s.role}`))));
    }));
    fill(list, items);
    count.textContent = overdueAll ? t('StepsOverdue').replace('{0}', overdueAll) : '';
  }
  setInterval(render, 5000);

  return { set };
}
