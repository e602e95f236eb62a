// The dispatch console (应急调度台): the alarm queue with live timers and acknowledgement, the map, figures
// and feed — fed by the same live connection as the wall. Actions go to the console API with the
// antiforgery token and a request id, so a double click does the work once.
import { t } from './i18n.js';
import { createFeedSeen } from './feedseen.js';
import { connectLive, showStatus } from './live.js';
import { loadGeography } from './geo.js';
import { whenMap } from './mapregistry.js';
import { createPanels, age } from './panels.js';
import { createBoard } from './board.js';
import { renderStock, shortageCount } from './supplies.js';
import { createWarnings } from './warnings.js';
import { el } from './dom.js';
import { errorText } from './errors.js';

const $ = id => document.getElementById(id);
const root = $('wall');
const canAck = root.dataset.canAck === 'true';
const canDispatch = root.dataset.canDispatch === 'true';
const csrf = document.querySelector('meta[name="csrf-token"]').content;
const geo = await loadGeography();
const map = await whenMap(); // the CountyMap component's
const panels = createPanels(geo);
const post = (url, body) => fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-TOKEN': csrf }, body: JSON.stringify(body) });
const board = createBoard({ geo, map, post, canDispatch });
const warnings = createWarnings(geo, map, { open: canDispatch ? w => board.openFromWarning(w) : null });
const rows = new Map();          // alarm id → <li>
const requestIds = new Map();    // alarm id → the request id its acknowledgement is sent with
const feedSeen = createFeedSeen();

function renderQueue(alarms) {
  const real = alarms.filter(a => !a.drillId);
  $('alarm-count').textContent = real.filter(a => !a.acked).length || '';
  const seen = new Set();
  for (const a of alarms) {
    seen.add(a.id);
    let li = rows.get(a.id);
    if (!li) {
      li = el('li', { dataset: { id: a.id }, title: a.id },
        el('span', { class: `sev sev${Number(a.severity)}` }, ['', 'I', 'II', 'III', 'IV'][a.severity] ?? ''),
        el('span', { class: 'where' }, `${a.drillId ? t('DrillPrefix') : ''}${t('Kind_' + a.kind, a.kind)} · ${geo.placeOf(a.grid)}`),
        el('span', { class: 'age' }), el('div', { class: 'act' }), el('div', { class: 'msg' }));
      li.addEventListener('click', ev => { if (!ev.target.closest('.act') && a.lon != null) map.map.flyTo({ center: [a.lon, a.lat], zoom: 15 }); });
      rows.set(a.id, li);
    }
    li.dataset.raised = Date.parse(a.raisedAt);
    li.classList.toggle('acked', a.acked);
    li.classList.toggle('unacked', !a.acked);
    const act = li.querySelector('.act');
    if (a.acked) {
      act.querySelector('.note')?.remove(); act.querySelector('.ack')?.remove();
      li.querySelector('.age').textContent = `${t('Acked')} · ${a.ackedBy ?? ''}`;
    } else if (canAck && !act.querySelector('.ack')) {
      act.prepend(el('input', { class: 'note', placeholder: t('NotePlaceholder'), maxlength: 500 }),
        el('button', { class: 'ack', onclick: () => acknowledge(a.id, li) }, t('Acknowledge')));
    }
    if (canDispatch && !act.querySelector('.open')) {
      act.append(el('button', { class: 'open', onclick: async () => {
        const r = await board.openFromAlarm(a);
        li.querySelector('.msg').textContent = r.ok ? '' : r.error;
      } }, t('OpenIncident')));
    }
  }
  for (const [id, li] of rows) if (!seen.has(id)) { li.remove(); rows.delete(id); }
  const ol = $('queue');
  alarms.forEach((a, i) => { const li = rows.get(a.id); if (ol.children[i] !== li) ol.insertBefore(li, ol.children[i] ?? null); });
  tick();
}

async function acknowledge(id, li) {
  if (!requestIds.has(id)) requestIds.set(id, crypto.randomUUID());
  const button = li.querySelector('.ack');
  button.disabled = true;
  const r = await post(`api/v1/console/alarms/${encodeURIComponent(id)}/acknowledge`, { requestId: requestIds.get(id), note: li.querySelector('.note')?.value || null });
  const body = await r.json().catch(() => ({}));
  li.querySelector('.msg').textContent = r.ok ? '' : errorText(body, r.status);
  if (!r.ok) button.disabled = false;
}

function tick() {
  for (const li of document.querySelectorAll('#queue li.unacked')) li.querySelector('.age').textContent = age(Date.now() - Number(li.dataset.raised));
}
setInterval(tick, 1000);

// 物资储备: the county's stock by item and what is below its minimum (the title warns)
function setSupplies(view) {
  if (!view) return;
  renderStock(document.getElementById('supply-stock'), view);
  const n = shortageCount(view);
  document.getElementById('supply-warn').textContent = n ? `⚠ ${n} ${t('BelowMinimum')}` : '';
}

function onSnapshot(s) {
  map.resetGrids();
  map.setGrids(s.grids);
  map.setAlarms(s.alarms);
  renderQueue(s.alarms);
  panels.setCounty(s.county);
  panels.setFeed(s.feed);
  panels.setDrills(s.drills);
  board.set(s.board);
  setSupplies(s.supplies);
  warnings.setWarnings(s.warnings ?? []);
  feedSeen.reset(s.feed);
}

function onDelta(d) {
  if (d.grids.length) map.setGrids(d.grids);
  if (d.alarms) { map.setAlarms(d.alarms); renderQueue(d.alarms); }
  const feed = feedSeen.fresh(d.feed).reverse();
  if (feed.length) panels.addFeed(feed, true);
  panels.setCounty(d.county);
  if (d.drills) panels.setDrills(d.drills);
  if (d.board) board.set(d.board);
  if (d.supplies) setSupplies(d.supplies);
  if (d.warnings) warnings.setWarnings(d.warnings);
}


const live = connectLive({ url: 'hubs/live', onSnapshot, onDelta, onStatus: s => showStatus(s, t), build: root.dataset.build });
window.__console = { map, live, rows, board, warnings, loadedAt: Date.now() };
