// Replay: pick a range or an incident, then seek, play at speed and step through what happened,
// drawn with the wall's own map and panels. The server replays the stored events through the grains.
import { t } from './i18n.js';
import { loadGeography } from './geo.js';
import { createMap } from './map.js';
import { createPanels } from './panels.js';
import { createTimeline } from './timeline.js';

const $ = id => document.getElementById(id);
const fmt = ms => new Date(ms).toLocaleString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
const beijingMidnight = (daysAgo) => {
  const now = new Date(Date.now() + 8 * 3600_000);
  return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - daysAgo) - 8 * 3600_000;
};

const geo = await loadGeography();
const state = { id: null, status: 'idle', from: 0, to: 0, cursor: 0, playing: false, frames: 0, busy: false, wanted: null, follow: null, lastEvents: 0,
  frameNo: null, alarms: new Map(), dots: [], diffFrames: 0, fullFrames: 0 };
// check-in dots are the last 30 minutes of replay time, not of the clock
const map = createMap($('map'), geo, { now: () => state.drawnAt ?? state.cursor });
const panels = createPanels(geo, { now: () => state.cursor });
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
  const row = (e, cls) => `<li class="${cls} ${e.drill ? 'drill' : ''}" data-at="${e.at}"><span class="t">${fmt(Date.parse(e.at)).slice(-8)}</span>` +
    `<span class="k">${t('Ev_' + e.type, e.type)}${e.state ? '·' + t('Cs_' + e.state, e.state) : ''}${e.severity ? ' ' + ['', 'I', 'II', 'III', 'IV'][e.severity] : ''}</span>` +
    `<span class="what">${geo.placeOf(e.grid)}${e.actor ? ' · ' + e.actor : ''}</span></li>`;
  $('events').innerHTML = before.map((e, i) => row(e, i === before.length - 1 ? 'current' : '')).join('') + after.map(e => row(e, 'future')).join('');
}

async function loadReport() {
  const r = await (await fetch(`api/v1/replay/${state.id}/report`)).json();
  const rows = (list, drill) => list.filter(s => s.alarms || s.cases).map(s => `<tr class="${drill ? 'drill' : ''}"><td>${drill ? t('DrillPrefix') : ''}${s.name}</td><td>${s.alarms}</td>` +
    `<td>${s.meanAckSeconds ?? '—'}</td><td>${s.maxAckSeconds ?? '—'}</td><td>${s.cases}</td><td>${s.closed}</td><td>${s.meanCloseHours ?? '—'}</td></tr>`).join('');
  $('report').tBodies[0].innerHTML = rows(r.streets, false) + rows(r.drillStreets, true);
  $('incident-report').hidden = r.incidents.length === 0;
  $('incident-report').tBodies[0].innerHTML = r.incidents.map(i => `<tr><td>${i.drill ? t('DrillPrefix') : ''}${i.title}</td><td>${['', 'I', 'II', 'III', 'IV'][i.level]}</td>` +
    `<td>${i.dispatchMinutes ?? '—'}</td><td>${i.onSceneMinutes ?? '—'}</td><td>${i.closeMinutes ?? '—'}</td></tr>`).join('');
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
async function step(dir) {
  pause();
  const r = await fetch(`api/v1/replay/${state.id}/step?at=${encodeURIComponent(new Date(state.cursor).toISOString())}&dir=${dir}`);
  if (r.status === 200) seek(Date.parse((await r.json()).at));
}
$('prev').onclick = () => step('prev');
$('next').onclick = () => step('next');
$('events').addEventListener('click', ev => { const li = ev.target.closest('li'); if (li) { pause(); seek(Date.parse(li.dataset.at)); } });

// ranges and incidents
const presets = {
  hour: () => [Date.now() - 3600_000, Date.now()],
  today: () => [beijingMidnight(0), Date.now()],
  yesterday: () => [beijingMidnight(1), beijingMidnight(0)],
};
for (const b of document.querySelectorAll('[data-preset]')) b.onclick = () => { const [f, to] = presets[b.dataset.preset](); open(f, to); loadIncidents(f, to); };
$('date').onchange = () => {
  if (!$('date').value) return;
  const f = Date.parse(`${$('date').value}T00:00:00+08:00`);
  open(f, Math.min(Date.now(), f + 86_400_000)); loadIncidents(f, f + 86_400_000);
};
let incidents = [];
async function loadIncidents(from, to) {
  const r = await fetch(`api/v1/replay/incidents?from=${encodeURIComponent(new Date(from).toISOString())}&to=${encodeURIComponent(new Date(Math.min(to, Date.now())).toISOString())}`);
  incidents = r.ok ? await r.json() : [];
  const sel = $('incident');
  sel.innerHTML = `<option value="">${incidents.length ? t('Incident') : t('NoIncidents')}</option>` + incidents.map((i, k) =>
    `<option value="${k}">${i.drill ? t('DrillPrefix') : ''}${i.kind === 'drill' ? i.name : i.kind === 'incident' ? `${t('ResponseOf').replace('{0}', ['', 'I', 'II', 'III', 'IV'][i.severity])} · ${i.name}` : `${t('LevelOf').replace('{0}', ['', 'I', 'II', 'III', 'IV'][i.severity])} ${t('Kind_' + i.name, i.name ?? '')} · ${geo.placeOf(i.grid)}`} · ${fmt(Date.parse(i.start)).slice(-8)}</option>`).join('');
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
