// Replay: pick a range or an incident, then seek, play at speed and step through what happened,
// drawn with the wall's own map and panels. The server replays the stored events through the grains.
import { t } from './i18n.js';
import { loadGeography } from './geo.js';
import { whenMap } from './mapregistry.js';
import { createPanels } from './panels.js';
import { createTimeline } from './timeline.js';
import { createWallPlans } from './wallplans.js';
import { el as h, fill } from './dom.js';
import { fmtMonthDayTime as fmt, fmtClock, countyMidnight, countyDateStart } from './time.js';

const $ = id => document.getElementById(id);
const ROMAN = ['', 'I', 'II', 'III', 'IV'];

const geo = await loadGeography();
const state = { id: null, status: 'idle', from: 0, to: 0, cursor: 0, playing: false, frames: 0, busy: false, wanted: null, follow: null, lastEvents: 0,
  frameNo: null, alarms: new Map(), dots: [], diffFrames: 0, fullFrames: 0 };
// check-in dots are the last 30 minutes of replay time, not of the clock
const map = await whenMap(); // the CountyMap component's
map.now = () => state.drawnAt ?? state.cursor;
const panels = createPanels(geo, { now: () => state.cursor });
const plans = createWallPlans($('plans'), $('plan-overdue'), () => state.cursor);
const timeline = createTimeline($('histogram'), { onSeek: at => { pause(); seek(at); } });
window.__replay = { state, map, panels };

async function open(from, to, follow = null) {
  pause();
  state.follow = follow;
  state.status = 'loading';
  const r = await fetch('api/v1/replay', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ from: new Date(from).toISOString(), to: new Date(to).toISOString() }) });
  const s = await r.json();
  if (!r.ok) { alert(s.error); return; }
  Object.assign(state, { id: s.id, from, to, cursor: from, frameNo: null });
  $('progress').hidden = false;
  for (;;) {
    const st = await (await fetch(`api/v1/replay/${s.id}`)).json();
    $('progress').querySelector('i').style.setProperty('--p', `${Math.round(st.progress * 100)}%`);
    $('progress').querySelector('span').textContent = `${t('Loading')} ${Math.round(st.progress * 100)}%`;
    if (st.status === 'ready') break;
    if (st.status === 'failed') { $('progress').querySelector('span').textContent = st.error; return; }
    await new Promise(res => setTimeout(res, 250));
  }
  $('progress').hidden = true;
  state.status = 'ready';
  timeline.set(await (await fetch(`api/v1/replay/${state.id}/histogram?buckets=300`)).json());
  await seek(follow?.at ?? from, true);
  loadReport();
  if (follow) map.map.flyTo({ center: follow.center, zoom: 13.5, duration: 0 });
}

async function seek(at, full = false) {
  state.cursor = Math.min(state.to, Math.max(state.from, at));
  timeline.setCursor(state.cursor);
  $('cursor-time').textContent = fmt(state.cursor);
  if (state.status !== 'ready') return;
  if (state.busy) { state.wanted = { at: state.cursor, full: full || state.wanted?.full }; return; }
  state.busy = true;
  try {
    // after the first frame, ask for what changed since the last one drawn (the server answers whole when it cannot)
    const since = !full && state.frameNo != null ? `&since=${state.frameNo}` : '';
    const r = await fetch(`api/v1/replay/${state.id}/frame?at=${encodeURIComponent(new Date(state.cursor).toISOString())}${full ? '&full=true' : ''}${since}`);
    if (r.ok) draw(await r.json()); else state.frameNo = null;
  } finally {
    state.busy = false;
    if (state.wanted) { const w = state.wanted; state.wanted = null; seek(w.at, w.full); }
  }
  if (!state.playing || Date.now() - state.lastEvents > 1000) loadEvents();
}

// the wall's order: real before drill, unacknowledged first, then by severity and age
const urgency = (a, b) => (!!a.drillId - !!b.drillId) || (a.acked - b.acked) || (a.severity - b.severity) || (Date.parse(a.raisedAt) - Date.parse(b.raisedAt));

function draw(f) {
  state.drawnAt = Date.parse(f.at);
  if (f.base != null && f.base === state.frameNo) {
    // a diff frame: only what changed since the frame drawn last
    for (const id of f.alarmsRemoved ?? []) state.alarms.delete(id);
    for (const a of f.alarms) state.alarms.set(a.id, a);
    const cutoff = state.drawnAt - 30 * 60_000;
    const added = (f.dots ?? []).map(([lon, lat, at, drill]) => ({ lon, lat, at: new Date(at).toISOString(), drill: !!drill }));
    state.dots = added.concat(state.dots).filter(d => Date.parse(d.at) > cutoff).slice(0, 1500);
    state.diffFrames++;
  } else {
    if (f.full) map.resetGrids();
    state.alarms = new Map(f.alarms.map(a => [a.id, a]));
    state.dots = f.checkIns ?? [];
    state.fullFrames++;
  }
  state.frameNo = f.number;
  const alarms = [...state.alarms.values()].sort(urgency);
  map.setGrids(f.grids);
  map.setAlarms(alarms);
  map.setWarnings(f.warnings ?? []);
  plans.set({ incidents: f.plans ?? [] });
  map.setCheckIns(state.dots);
  panels.setCounty(f.county);
  panels.setStreets(f.streets);
  panels.setAlarms(alarms);
  panels.setDrills(f.drills);
  state.frames++;
  state.applied = f.applied;
  if (state.follow && $('follow').checked) {
    const b = map.map.getBounds();
    if (!b.contains(state.follow.center)) map.map.easeTo({ center: state.follow.center, duration: 300 });
  }
}

async function loadEvents() {
  state.lastEvents = Date.now();
  const r = await fetch(`api/v1/replay/${state.id}/events?at=${encodeURIComponent(new Date(state.cursor).toISOString())}&around=12`);
  if (!r.ok) return;
  const { before, after } = await r.json();
  const row = (e, cls) => h('li', { class: `${cls} ${e.drill ? 'drill' : ''}`, dataset: { at: e.at } },
    h('span', { class: 't' }, fmtClock(e.at)),
    h('span', { class: 'k' }, t('Ev_' + e.type, e.type), e.state ? '·' + t('Cs_' + e.state, e.state) : '', e.severity ? ' ' + ROMAN[e.severity] : ''),
    h('span', { class: 'what' }, geo.placeOf(e.grid), e.actor ? ' · ' + e.actor : ''));
  fill($('events'), before.map((e, i) => row(e, i === before.length - 1 ? 'current' : '')), after.map(e => row(e, 'future')));
}

async function loadReport() {
  const r = await (await fetch(`api/v1/replay/${state.id}/report`)).json();
  const rows = (list, drill) => list.filter(s => s.alarms || s.cases).map(s => h('tr', { class: drill ? 'drill' : '' },
    h('td', null, drill ? t('DrillPrefix') : '', s.name), h('td', null, s.alarms), h('td', null, s.meanAckSeconds ?? '—'), h('td', null, s.maxAckSeconds ?? '—'),
    h('td', null, s.cases), h('td', null, s.closed), h('td', null, s.meanCloseHours ?? '—')));
  fill($('report').tBodies[0], rows(r.streets, false), rows(r.drillStreets, true));
  $('incident-report').hidden = r.incidents.length === 0;
  fill($('incident-report').tBodies[0], r.incidents.map(i => h('tr', null, h('td', { title: i.title }, i.drill ? t('DrillPrefix') : '', i.title), h('td', null, ROMAN[i.level]),
    h('td', null, i.dispatchMinutes ?? '—'), h('td', null, i.onSceneMinutes ?? '—'), h('td', null, i.closeMinutes ?? '—'))));
  // 预案执行: each step's minutes from activation to done; a step done late or still open past its deadline is missed
  $('plan-report').hidden = r.planSteps.length === 0;
  fill($('plan-report').tBodies[0], r.planSteps.map(s => h('tr', { class: s.missed ? 'missed' : '', dataset: { step: `${s.plan}/${s.step}` } },
    h('td', { title: s.planName }, s.drill ? t('DrillPrefix') : '', s.planName), h('td', { title: s.title }, s.title), h('td', { title: s.role }, s.role), h('td', null, s.minutes ?? '—'),
    h('td', null, s.done ? (s.missed ? t('Ps_late') : t('Ps_done')) : (s.missed ? t('StepMissed') : t('Ps_pending'))))));
  for (const a of $('exports').querySelectorAll('a')) a.href = `api/v1/replay/${state.id}/report.csv?kind=${a.dataset.kind}`;
}

// playback: the cursor moves at speed × real time; one frame request at a time keeps up at any speed
let last = 0;
function tick(ts) {
  if (!state.playing) return;
  const dt = last ? ts - last : 0;
  last = ts;
  const next = state.cursor + dt * Number($('speed').value);
  if (next >= state.to) { seek(state.to); pause(); return; }
  seek(next);
  requestAnimationFrame(tick);
}
function play() { if (state.status !== 'ready') return; state.playing = true; last = 0; $('play').textContent = `⏸ ${$('play').dataset.pause}`; requestAnimationFrame(tick); }
function pause() { state.playing = false; $('play').textContent = `▶ ${$('play').dataset.play}`; }
$('play').onclick = () => state.playing ? pause() : play();
// stepping goes from the event stepped to last by its sequence number (exact; a time rounded to the browser's
// milliseconds would land before it again), or from the cursor once it has moved elsewhere
async function step(dir) {
  pause();
  const from = state.stepped && state.stepped.cursor === state.cursor ? `seq=${state.stepped.seq}` : `at=${encodeURIComponent(new Date(state.cursor).toISOString())}`;
  const r = await fetch(`api/v1/replay/${state.id}/step?${from}&dir=${dir}`);
  if (r.status !== 200) return;
  const e = await r.json();
  // atMs: the event's time rounded up to the millisecond, so the frame drawn includes it
  const cursor = Math.min(state.to, Math.max(state.from, e.atMs));
  state.stepped = { seq: e.seq, cursor, type: e.type };
  seek(cursor);
}
$('prev').onclick = () => step('prev');
$('next').onclick = () => step('next');
$('events').addEventListener('click', ev => { const li = ev.target.closest('li'); if (li) { pause(); seek(Date.parse(li.dataset.at)); } });

// ranges and incidents
const presets = {
  hour: () => [Date.now() - 3600_000, Date.now()],
  today: () => [countyMidnight(0), Date.now()],
  yesterday: () => [countyMidnight(1), countyMidnight(0)],
};
for (const b of document.querySelectorAll('[data-preset]')) b.onclick = () => { const [f, to] = presets[b.dataset.preset](); open(f, to); loadIncidents(f, to); };
$('date').onchange = () => {
  if (!$('date').value) return;
  const f = countyDateStart($('date').value);
  open(f, Math.min(Date.now(), f + 86_400_000)); loadIncidents(f, f + 86_400_000);
};
let incidents = [];
async function loadIncidents(from, to) {
  const r = await fetch(`api/v1/replay/incidents?from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(Math.min(to, Date.now())).toISOString())}`);
  incidents = r.ok ? await r.json() : [];
  const sel = $('incident');
  const label = i => i.kind === 'drill' ? i.name
    : i.kind === 'incident' ? `${t('ResponseOf').replace('{0}', ROMAN[i.severity])} · ${i.name}`
    : `${t('LevelOf').replace('{0}', ROMAN[i.severity])} ${t('Kind_' + i.name, i.name ?? '')} · ${geo.placeOf(i.grid)}`;
  fill(sel, h('option', { value: '' }, incidents.length ? t('Incident') : t('NoIncidents')),
    incidents.map((i, k) => h('option', { value: String(k) }, i.drill ? t('DrillPrefix') : '', label(i), ' · ', fmtClock(i.start))));
}
$('incident').onchange = () => {
  const i = incidents[Number($('incident').value)];
  if (!i) return;
  const grid = geo.byCode.get(i.grid);
  const center = grid?.label ?? null;
  $('follow').checked = !!center;
  // +1 ms: the browser's clock has ms precision, the stored accept time ns — land just after the event
  open(Date.parse(i.replayFrom), Math.min(Date.now(), Date.parse(i.replayTo)), center ? { center, at: Date.parse(i.start) + 1 } : null);
};

const q = new URLSearchParams(location.search);
const [f0, t0] = q.get('from') ? [Date.parse(q.get('from')), Date.parse(q.get('to') ?? new Date().toISOString())] : presets.hour();
loadIncidents(Date.now() - 86_400_000, Date.now());
open(f0, t0);
