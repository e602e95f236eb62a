// The card a click on a grid opens over the wall's map (issue 16 "click to see"): the grid's place and status, who is on
// duty there (latest check-in first), its open alarms and cases with their ages, its last patrol — from
// GET api/v1/grids/{code}. It closes by itself (js/mapcard.js).
import { t } from './i18n.js';
import { el as h, fill } from './dom.js';
import { age } from './panels.js';
import { mapCard } from './mapcard.js';

const ROMAN = ['', 'I', 'II', 'III', 'IV'];
const LEVEL = { normal: 'Normal', attention: 'Attention', alarm: 'Alarm', critical: 'Critical' };
const ROWS = 6;

export function createGridCard(geo, { now = () => Date.now() } = {}) {
  const card = document.getElementById('grid-card');
  if (!card) return { show() {}, hide() {} };
  const $ = sel => card.querySelector(sel);
  const frame = mapCard(card);
  let shown = null;

  const section = (title, rows, empty) => [h('h3', null, title, ' ', h('span', { class: 'n' }, rows.length)),
    rows.length ? h('ul', null, ...rows.slice(0, ROWS)) : h('p', { class: 'none' }, empty)];

  async function show(code) {
    shown = code;
    card.dataset.grid = code;
    $('.title').textContent = geo.placeOf(code);
    fill($('.body'), h('p', { class: 'none' }, '…'));
    frame.open();
    let d;
    try {
      const r = await fetch(`api/v1/grids/${encodeURIComponent(code)}`);
      if (!r.ok || shown !== code || !frame.shown) return;
      d = await r.json();
    } catch { return; }
    const at = now();
    const s = d.summary;
    card.className = `map-card grid-card lv-${s.level}`;
    $('.level').textContent = t(LEVEL[s.level] ?? 'Normal');
    const workers = (d.workers ?? []).map(w => h('li', null, h('span', null, w.name ?? w.workerId), h('span', { class: 'age' }, age(at - Date.parse(w.checkedInAt)))));
    const alarms = (d.alarms ?? []).map(a => h('li', { class: a.acknowledgedAt ? 'acked' : 'unacked' },
      h('span', { class: `sev sev${a.severity}` }, ROMAN[a.severity]), h('span', null, t('Kind_' + a.kind, a.kind)),
      h('span', { class: 'age' }, a.acknowledgedAt ? t('Acked') : age(at - Date.parse(a.raisedAt)))));
    const cases = (d.cases ?? []).map(c => h('li', { class: Date.parse(c.deadline) < at ? 'overdue' : '' },
      h('span', null, t('Cs_' + c.state, c.state)), h('span', null, t('Cat_' + c.category, c.category)), h('span', { class: 'age' }, age(at - Date.parse(c.reportedAt)))));
    fill($('.body'),
      h('p', { class: 'patrol' }, t('LastPatrol'), ': ', s.lastPatrolledAt ? age(at - Date.parse(s.lastPatrolledAt)) : t('NeverPatrolled')),
      ...section(t('OnDuty'), workers, t('NobodyOnDuty')),
      ...section(t('ActiveAlarms'), alarms, t('NoAlarmsHere')),
      ...section(t('CasesOpen'), cases, t('NoCasesHere')));
    card.dataset.loaded = 'true';
  }

  return { show, hide: frame.hide };
}
