// The wall display: wires the live connection to the map and the panels. Data flows one way:
// snapshot, then deltas.
import { t } from './i18n.js';
import { createFeedSeen } from './feedseen.js';
import { connectLive, showStatus } from './live.js';
import { loadGeography } from './geo.js';
import { whenMap } from './mapregistry.js';
import { createPanels } from './panels.js';
import { createTrends } from './trends.js';
import { createWarnings } from './warnings.js';
import { renderStock, shortageCount } from './supplies.js';
import { createWallPlans } from './wallplans.js';
import { fmtDateTime } from './time.js';

const wall = document.getElementById('wall');
const clock = document.getElementById('clock');

const fmtClock = () => fmtDateTime(Date.now());
setInterval(() => { clock.textContent = fmtClock(); }, 1000);

const geo = await loadGeography();
// the map is the CountyMap component's (Maps/CountyMap.razor): it draws the county and opens the cards on a click
const map = await whenMap();
const mapEl = map.map.getContainer();
const panels = createPanels(geo);
const trends = createTrends(document.getElementById('trend-chart'));
const warnings = createWarnings(geo, map);
const plans = createWallPlans(document.getElementById('plans'), document.getElementById('plan-overdue'));
const flyToCritical = mapEl.dataset.fly === 'true';
const seenAlarms = new Set();
const feedSeen = createFeedSeen();

function setAlarms(alarms, initial) {
  panels.setAlarms(alarms);
  map.setAlarms(alarms);
  for (const a of alarms) {
    const isNew = !seenAlarms.has(a.id);
    seenAlarms.add(a.id);
    if (isNew && !initial && flyToCritical && !a.drillId && a.severity === 1 && a.lon != null) map.flyTo(a.lon, a.lat);
  }
  if (seenAlarms.size > 20_000) seenAlarms.clear();
}

function setBoard(b) {
  const open = b.incidents.filter(i => !i.closedAt);
  document.querySelector('.tile[data-key="incidentsOpen"] .v').textContent = open.length;
  document.querySelector('.tile[data-key="unitsOut"] .v').textContent = open.reduce((n, i) => n + i.orders.filter(o => !['done', 'cancelled'].includes(o.state)).length, 0);
  plans.set(b);
  // the units out on the open incidents, on the map (a click opens the unit's card)
  map.setUnits(open.flatMap(i => i.orders.filter(o => !['done', 'cancelled'].includes(o.state))));
}

// 应急物资: the county's stock by item; the title counts depot items below their minimum
function setSupplies(view) {
  if (!view) return;
  renderStock(document.getElementById('supply-stock'), view);
  const n = shortageCount(view);
  document.getElementById('supply-warn').textContent = n ? `⚠ ${n} ${t('BelowMinimum')}` : '';
}

function onSnapshot(s) {
  setBoard(s.board);
  map.resetGrids();
  map.setGrids(s.grids);
  map.setCheckIns(s.checkIns);
  setAlarms(s.alarms, true);
  panels.setCounty(s.county);
  panels.setStreets(s.streets);
  panels.setFeed(s.feed);
  panels.setDrills(s.drills);
  warnings.setWarnings(s.warnings ?? []);
  setSupplies(s.supplies);
  feedSeen.reset(s.feed);
}

function onDelta(d) {
  if (d.grids.length) map.setGrids(d.grids);
  if (d.alarms) setAlarms(d.alarms, false);
  map.addCheckIns(d.checkIns);
  const feed = feedSeen.fresh(d.feed).reverse();
  if (feed.length) panels.addFeed(feed, true);
  panels.setCounty(d.county);
  panels.setStreets(d.streets);
  if (d.drills) panels.setDrills(d.drills);
  if (d.board) setBoard(d.board);
  if (d.warnings) warnings.setWarnings(d.warnings);
  if (d.supplies) setSupplies(d.supplies);
}


const live = connectLive({ url: 'hubs/live', onSnapshot, onDelta, onStatus: s => showStatus(s, t), build: wall.dataset.build });
// for tests and for looking at a running screen from the console
window.__wall = { map, live, panels, geo, trends, warnings, plans, loadedAt: Date.now() };
