// 风险预警 on the wall: the warnings panel (colour, sensor kind, place, reading, since when, the trend as a sparkline)
// and the warnings layer on the map (js/map.js setWarnings). The list comes whole in the snapshot and in a delta when it
// changed (a new reading moves a sparkline); most severe first.
import { t } from './i18n.js';
import { el as h, fill } from './dom.js';
import { age } from './panels.js';
import { createSensorCard } from './sensorcard.js';

const ROWS = 30;
const ROMAN = ['', 'I', 'II', 'III', 'IV'];
const SVG = 'http://www.w3.org/2000/svg';

/** A small line of the trend (values oldest first), scaled to its own min..max. */
function sparkline(values) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 60 16');
  svg.setAttribute('preserveAspectRatio', 'none');
  svg.classList.add('spark');
  if (values.length < 2) return svg;
  const min = Math.min(...values), max = Math.max(...values), span = max - min || 1;
  const line = document.createElementNS(SVG, 'polyline');
  line.setAttribute('points', values.map((v, i) => `${(i / (values.length - 1) * 60).toFixed(1)},${(15 - (v - min) / span * 14).toFixed(1)}`).join(' '));
  svg.append(line);
  return svg;
}

const fmtValue = v => Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2);

/** `open(w)`: where given (the console, for coordinators), each row gets a button that opens an incident from the warning. */
export function createWarnings(geo, map, { now = () => Date.now(), open: openIncident = null } = {}) {
  const list = document.getElementById('warnings');
  const count = document.getElementById('warning-count');
  let warnings = [];
  const card = createSensorCard(geo, { now });
  const open = sensor => { const w = warnings.find(x => x.sensor === sensor); if (w) card.show(w); };
  list?.addEventListener('click', e => { const li = e.target.closest('li'); if (li && !e.target.closest('button')) open(li.dataset.sensor); });
  if (map) map.onWarningClick = open;

  function setWarnings(all) {
    warnings = all;
    map?.setWarnings(all);
    if (count) count.textContent = all.length || '';
    if (!list) return;
    fill(list, all.slice(0, ROWS).map(w => h('li', { class: `w${w.level} cause-${w.cause}`, dataset: { sensor: w.sensor, since: Date.parse(w.since) } },
      h('span', { class: `lvl w${w.level}` }, ROMAN[w.level]),
      // the kind and the street at a glance (the ring on the map shows the exact place; the full place on hover)
      h('span', { class: 'where', title: geo.placeOf(w.grid) }, t('Sensor_' + w.kind, w.kind), ' · ', geo.nameOf(geo.parentOf(geo.parentOf(w.grid)) ?? w.grid)),
      h('span', { class: 'reading' }, w.cause === 'silent' ? t('WarningSilent') : `${fmtValue(w.value)} ${w.unit}`),
      sparkline(w.trend),
      h('span', { class: 'age' }, age(now() - Date.parse(w.since))),
      openIncident ? h('button', { class: 'open', onclick: async ev => {
        const r = await openIncident(w);
        ev.target.closest('li').querySelector('.msg').textContent = r.ok ? '' : r.error;
      } }, t('OpenIncident')) : null,
      openIncident ? h('div', { class: 'msg' }) : null)));
    if (list.dataset.empty !== undefined) list.dataset.empty = all.length ? '' : t('NoWarnings');
  }

  setInterval(() => {
    const at = now();
    for (const li of list?.children ?? []) li.querySelector('.age').textContent = age(at - Number(li.dataset.since));
  }, 1000);

  return { setWarnings, card, get warnings() { return warnings; } };
}
