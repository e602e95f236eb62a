// The panels around the map: county figures, active alarms, live event feed, street ranking, drill banner.
import { t } from './i18n.js';
import { el as h, fill } from './dom.js';
import { fmtClock as fmtTime } from './time.js';

const $ = id => document.getElementById(id);
const FEED_ROWS = 40, ALARM_ROWS = 40;
const ROMAN = ['', 'I', 'II', 'III', 'IV'];
const pct = v => `${(v * 100).toFixed(1)}%`;
const sum = (f, keys) => keys.reduce((a, k) => a + (f[k] ?? 0), 0);
const OPEN_ALARMS = ['alarmsOpenI', 'alarmsOpenII', 'alarmsOpenIII', 'alarmsOpenIV'];
const UNACKED = ['alarmsUnackedI', 'alarmsUnackedII', 'alarmsUnackedIII', 'alarmsUnackedIV'];
const OPEN_CASES = ['casesReported', 'casesAccepted', 'casesDispatched', 'casesInProgress', 'casesHandled', 'casesVerified', 'casesReturned'];

export function age(ms) {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}${t('Seconds')}`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}${t("MinuteShort")}${String(s % 60).padStart(2, "0")}${t("Seconds")}`;
  return `${Math.floor(m / 60)}${t('Hours')}${m % 60}${t('Minutes')}`;
}

// now(): the time the ages are counted to — the wall clock live, the cursor in replay.
export function createPanels(geo, { now = () => Date.now() } = {}) {
  let county = null, oldest = null, alarms = [], streets = [];
  // the urgent banner: unacknowledged real level-I/II alarms — the count from the county's figures (every alarm,
  // drills never counted), the oldest from the alarms sent (they come unacknowledged and most severe first)
  let urgentCount = 0, urgentOldest = null;
  // a page shows the tiles it wants; the others are simply not there
  const none = document.createElement('span');
  const tile = key => document.querySelector(`.tile[data-key="${key}"] .v`) ?? none;

  function setCounty(summary) {
    county = summary;
    const f = summary.figures;
    tile('onDuty').textContent = f.workersOnDuty;
    tile('coverage').textContent = pct(summary.patrolCoverage);
    tile('alarmsActive').textContent = sum(f, OPEN_ALARMS);
    const unacked = sum(f, UNACKED);
    tile('alarmsUnacked').textContent = unacked;
    tile('alarmsUnacked').parentElement?.classList.toggle('alert', unacked > 0 && f.alarmsEscalated > 0);
    tile('casesOpen').textContent = sum(f, OPEN_CASES);
    tile('casesOverdue').textContent = f.casesOverdue;
    rate('onTime', summary.onTimeRate, 'OnTimeRatePending');
    rate('closure', summary.closureRate, 'ClosureRatePending');
    tile('meanAck').textContent = summary.meanAckSeconds == null ? '—' : age(summary.meanAckSeconds * 1000);
    oldest = summary.oldestUnackedAt ? Date.parse(summary.oldestUnackedAt) : null;
    urgentCount = (f.alarmsUnackedI ?? 0) + (f.alarmsUnackedII ?? 0);
    tickAges();
  }

  // a rate with nothing to count yet is "—", with the reason on hover, never a false 0 %
  function rate(key, value, reason) {
    const v = tile(key);
    v.textContent = value == null ? '—' : pct(value);
    // the tile's hover is its label (the header may cut it); while undefined, the reason
    if (v.parentElement) v.parentElement.title = value == null ? t(reason) : v.parentElement.querySelector('.k')?.textContent ?? '';
  }

  function setStreets(list) {
    streets = list;
    const rows = [...list].sort((a, b) => sum(b.figures, UNACKED) - sum(a.figures, UNACKED) || sum(b.figures, OPEN_ALARMS) - sum(a.figures, OPEN_ALARMS)
      || b.figures.casesOverdue - a.figures.casesOverdue || a.patrolCoverage - b.patrolCoverage);
    fill($('ranking').tBodies[0], rows.map((s, i) => {
      const u = sum(s.figures, UNACKED);
      return h('tr', { dataset: { code: s.code } }, h('td', null, i + 1), h('td', null, geo.nameOf(s.code)), h('td', { class: u ? 'hot' : '' }, u),
        h('td', null, sum(s.figures, OPEN_ALARMS)), h('td', null, s.figures.casesOverdue), h('td', null, pct(s.patrolCoverage)));
    }));
  }

  function setAlarms(list) {
    alarms = list;
    const real = list.filter(a => !a.drillId);
    const urgent = real.filter(a => !a.acked && a.severity <= 2).map(a => Date.parse(a.raisedAt));
    urgentOldest = urgent.length ? Math.min(...urgent) : null;
    $('alarm-count').textContent = real.filter(a => !a.acked).length || '';
    fill($('alarms'), list.slice(0, ALARM_ROWS).map(a => {
      const cls = [a.acked ? 'acked' : 'unacked', a.escalation > 0 && !a.acked ? 'escalated' : '', a.drillId ? 'drill' : ''].join(' ');
      return h('li', { class: cls, dataset: { id: a.id, raised: Date.parse(a.raisedAt) } }, h('span', { class: `sev sev${a.severity}` }, ROMAN[a.severity]),
        h('span', { class: 'where' }, t('Kind_' + a.kind, a.kind), ' · ', geo.placeOf(a.grid)),
        h('span', { class: 'age' }, a.acked ? t('Acked') : age(now() - Date.parse(a.raisedAt))));
    }));
    tickAges();
  }

  function addFeed(items, fresh) {
    const ol = $('feed');
    const rows = items.map(e => {
      const sev = e.severity ? ` s${ROMAN.indexOf(e.severity)}` : '';
      let what = geo.placeOf(e.grid);
      if (e.type === 'case_changed') what = `${t('Cs_' + e.state, e.state)} · ${what}`;
      else if (e.type === 'alarm_raised') what = `${t('LevelOf').replace('{0}', ROMAN[e.severity] ?? e.severity)} ${t('Kind_' + e.kind, e.kind ?? '')} · ${what}`;
      else if (e.type.startsWith('drill_')) what = e.kind ?? e.drill ?? '';
      else if (e.actor) what = `${what} · ${e.actor}`;
      return h('li', { class: `${fresh ? 'fresh' : ''} ${e.drill ? 'drill' : ''}`, dataset: { seq: e.seq } }, h('span', { class: 't' }, fmtTime(e.at)),
        h('span', { class: `kind${sev}` }, t('Ev_' + e.type, e.type)), h('span', { class: 'what' }, what));
    });
    ol.prepend(...rows);
    while (ol.children.length > FEED_ROWS) ol.lastElementChild.remove();
  }

  function setFeed(items) { $('feed').replaceChildren(); addFeed(items, false); }

  function setDrills(drills) {
    const running = drills.filter(d => !d.endedAt);
    $('drill-banner').hidden = running.length === 0;
    const names = running.map(d => `${d.name}（${d.streets.map(geo.nameOf).join('、')}）`).join('；');
    $('drill-names').textContent = names;
    $('drill-banner').title = names;
    requestAnimationFrame(fitDrillNote);
  }

  // The banner's note ("drill events are not counted") gives way to the drill's names in a narrow header: shown whole or
  // not at all, never as a stray letter or two.
  function fitDrillNote() {
    const note = document.querySelector('#drill-banner small');
    if (!note) return;
    note.style.visibility = '';
    if (note.scrollWidth > note.clientWidth + 1) note.style.visibility = 'hidden';
  }
  addEventListener('resize', () => requestAnimationFrame(fitDrillNote));

  function tickAges() {
    const at = now();
    tile('oldestUnacked').textContent = oldest ? age(at - oldest) : '—';
    for (const li of document.querySelectorAll('#alarms li.unacked')) li.querySelector('.age').textContent = age(at - Number(li.dataset.raised));
    const banner = $('urgent-banner');
    if (banner) {
      banner.hidden = urgentCount === 0;
      $('urgent-count').textContent = urgentCount;
      $('urgent-age').textContent = urgentCount && urgentOldest != null ? t('UrgentOldest').replace('{0}', age(at - urgentOldest)) : '';
    }
  }
  setInterval(tickAges, 1000);

  return { setCounty, setStreets, setAlarms, addFeed, setFeed, setDrills, get alarms() { return alarms; }, get county() { return county; }, get streets() { return streets; } };
}

