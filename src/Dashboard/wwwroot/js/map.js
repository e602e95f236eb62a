// The county's emergency command map: boundaries, grids by status level (feature state), alarms by
// severity (pulsing while unacknowledged), recent check-ins, points of interest, labels by zoom.
// Grid updates are queued and written at most once per animation frame. The pulse of unacknowledged
// alarms is a CSS animation on a few HTML markers, so the WebGL map only repaints when data changes.
// The map is made by the CountyMap component (Maps/CountyMap.razor.js); the pages' modules get it from js/mapregistry.js.
// Clicks (a grid, an alarm, a unit, a point of interest) go to the api's on…Click handlers the component sets.
import * as maplibregl from '../lib/maplibre/maplibre-gl.mjs';
import { t } from './i18n.js';
import { basemapStyle, basemapLabels } from './basemap.js';
import { applySymbolScale } from './mapscale.js';

// The status palette is css/wall.css's custom properties (--lv0..3 grid levels, --sev1..4 alarm levels): the legend,
// the panels and the map read the same values. The fallbacks are those values, for a page without the stylesheet.
const FALLBACK = { '--lv0': '#123a55', '--lv1': '#f6f588', '--lv2': '#e08b0f', '--lv3': '#ba1828', '--lv-edge': '#ffe3e6', '--lv-opacity': '.85',
  '--sev1': '#e0152b', '--sev2': '#ff9a1f', '--sev3': '#fff06a', '--sev4': '#3d9bff' };
export function palette() {
  const css = getComputedStyle(document.documentElement);
  const v = name => css.getPropertyValue(name).trim() || FALLBACK[name];
  return { lv: [0, 1, 2, 3].map(i => v(`--lv${i}`)), edge: v('--lv-edge'), opacity: Number(v('--lv-opacity')),
    sev: { 1: v('--sev1'), 2: v('--sev2'), 3: v('--sev3'), 4: v('--sev4') } };
}
const LEVEL = { normal: 0, attention: 1, alarm: 2, critical: 3 };
const POI = { police: ['警', '#2f6bff'], fire: ['消', '#e53935'], hospital: ['医', '#1fb37a'], depot: ['储', '#f5a623'], service: ['党', '#c62828'] };
const empty = () => ({ type: 'FeatureCollection', features: [] });
const MAX_PULSES = 60;

// fitOnResize: the wall, which nobody pans, keeps the whole county in view when its window changes size.
export function createMap(el, geo, { tiles, attribution, basemap, now = Date.now, fitOnResize = false } = {}) {
  const style = {
    version: 8,
    sources: {},
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#040a13' } }],
  };
  if (tiles) {
    style.sources.basemap = { type: 'raster', tiles: [tiles], tileSize: 256, attribution: attribution || '' };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap', paint: { 'raster-opacity': 0.45, 'raster-saturation': -0.6 } });
  } else if (basemap) {
    // the offline vector basemap (this host's /basemap/tiles.json): first in the style, so under the grids and alarms
    const vector = basemapStyle(basemap);
    style.sources.basemap = vector.source;
    style.layers.push(...vector.layers);
  }
  const map = new maplibregl.Map({ container: el, style, attributionControl: false, preserveDrawingBuffer: true, fadeDuration: 0, maxZoom: 17 });
  const pending = new Map();
  let frame = 0;
  const pulses = new Map();
  const units = new Map();
  // now(): what check-in dots age against — the clock live, replay's cursor in replay (js/replay.js sets it)
  const api = { map, ready: false, now, gridStates: new Map(), pulses, units, setGrids, resetGrids, setAlarms, setWarnings, addCheckIns, setCheckIns, setUnits, flyTo };

  map.on('load', () => {
    map.addSource('county', { type: 'geojson', data: geo.county });
    map.addSource('streets', { type: 'geojson', data: geo.streets });
    map.addSource('communities', { type: 'geojson', data: geo.communities });
    map.addSource('grids', { type: 'geojson', data: geo.grids, promoteId: 'code' });
    map.addSource('alarms', { type: 'geojson', data: empty() });
    map.addSource('warnings', { type: 'geojson', data: empty() });
    map.addSource('checkins', { type: 'geojson', data: empty() });
    map.addSource('pois', { type: 'geojson', data: geo.pois });

    const level = ['coalesce', ['feature-state', 'level'], 0];
    const P = palette(), SEV = P.sev;
    map.addLayer({ id: 'grid-fill', type: 'fill', source: 'grids', paint: {
      'fill-color': ['match', level, 1, P.lv[1], 2, P.lv[2], 3, P.lv[3], P.lv[0]],
      'fill-opacity': ['case', ['>', level, 0], P.opacity, ['boolean', ['feature-state', 'patrolled'], false], 0.5, 0.28],
    } });
    map.addLayer({ id: 'grid-line', type: 'line', source: 'grids', paint: { 'line-color': '#2b5c80', 'line-width': 0.5, 'line-opacity': ['interpolate', ['linear'], ['zoom'], 10, 0.25, 13, 0.7] } });
    map.addLayer({ id: 'grid-overdue', type: 'line', source: 'grids', paint: {
      'line-color': '#ff4fd8', 'line-opacity': ['case', ['boolean', ['feature-state', 'overdue'], false], 0.95, 0] } });
    map.addLayer({ id: 'grid-drill', type: 'line', source: 'grids', paint: {
      'line-color': '#b06bff', 'line-opacity': ['case', ['boolean', ['feature-state', 'drill'], false], 1, 0] } });
    // critical grids also get a light edge: their deep red stands out by its outline, not by hue alone
    map.addLayer({ id: 'grid-critical', type: 'line', source: 'grids', paint: {
      'line-color': P.edge, 'line-opacity': ['case', ['==', level, 3], 0.9, 0] } });
    map.addLayer({ id: 'community-line', type: 'line', source: 'communities', paint: { 'line-color': '#4a86b0', 'line-opacity': 0.8 } });
    map.addLayer({ id: 'street-line', type: 'line', source: 'streets', paint: { 'line-color': '#8cc3ff' } });
    map.addLayer({ id: 'county-glow', type: 'line', source: 'county', paint: { 'line-color': '#4fc3f7', 'line-opacity': 0.25, 'line-blur': 6 } });
    map.addLayer({ id: 'county-line', type: 'line', source: 'county', paint: { 'line-color': '#bfe3ff' } });
    map.addLayer({ id: 'checkins', type: 'circle', source: 'checkins', paint: {
      'circle-color': ['case', ['get', 'drill'], '#b06bff', '#3fd3c6'], 'circle-opacity': 0.85 } });
    addPoiIcons(map);
    map.addLayer({ id: 'pois', type: 'symbol', source: 'pois', minzoom: 9.5, layout: {
      'icon-image': ['concat', 'poi-', ['get', 'kind']], 'icon-allow-overlap': true } });
    // 风险预警: a sensor as a ring in its warning colour (alarms are filled discs), red I … blue IV
    map.addLayer({ id: 'warnings', type: 'circle', source: 'warnings', paint: {
      'circle-color': 'rgba(0,0,0,0.35)', 'circle-stroke-color': ['match', ['get', 'level'], 1, SEV[1], 2, SEV[2], 3, SEV[3], SEV[4]] } });
    map.addLayer({ id: 'alarms', type: 'circle', source: 'alarms', paint: {
      'circle-color': ['case', ['has', 'drill'], 'rgba(0,0,0,0)', ['match', ['get', 'severity'], 1, SEV[1], 2, SEV[2], 3, SEV[3], SEV[4]]],
      'circle-stroke-color': ['case', ['has', 'drill'], '#b06bff', ['get', 'acked'], '#9fb3c8', '#ffffff'] } });
    // sizes (discs, rings, badges, lines) follow the page's text size: js/mapscale.js
    api.scale = applySymbolScale(map);
    map.on('resize', () => {
      api.scale = applySymbolScale(map);
      if (fitOnResize && flying === null) fitCounty(map, geo, false);
    });

    // a warning's ring opens its sensor's card (js/warnings.js sets api.onWarningClick)
    map.on('click', 'warnings', e => { const f = e.features?.[0]; if (f) api.onWarningClick?.(f.properties.sensor); });
    // an alarm, a point of interest or a grid opens its card (the CountyMap component sets the handlers); the one on
    // top takes the click: a warning's ring, then an alarm, then a point of interest, then the grid under them
    const above = (e, layers) => map.queryRenderedFeatures(e.point, { layers }).length > 0;
    map.on('click', 'alarms', e => {
      if (above(e, ['warnings'])) return;
      const f = e.features?.[0]; if (f) api.onAlarmClick?.(f.properties.id, f.properties.grid ?? '');
    });
    map.on('click', 'pois', e => {
      if (above(e, ['warnings', 'alarms'])) return;
      const f = e.features?.[0]; if (f) api.onPoiClick?.(f.properties.code);
    });
    map.on('click', 'grid-fill', e => {
      if (above(e, ['warnings', 'alarms', 'pois'])) return;
      const f = e.features?.[0]; if (f) api.onGridClick?.(f.properties.code);
    });
    for (const layer of ['warnings', 'alarms', 'pois']) {
      map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
      map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
    }

    addLabels(map, geo);
    fitCounty(map, geo, false);
    api.ready = true;
    flush();
  });

  function setGrids(summaries) {
    for (const g of summaries) pending.set(g.code, g);
    if (!frame) frame = requestAnimationFrame(flush);
  }

  /** Every grid back to normal: what a full snapshot starts from, so a resync leaves no stale colour behind. */
  function resetGrids() {
    api.gridStates.clear();
    setGrids(geo.grids.features.map(f => ({ code: f.properties.code, level: 'normal', casesOverdue: 0, patrolled: false, drillActive: 0 })));
  }

  function flush() {
    frame = 0;
    if (!api.ready) return;
    for (const [code, g] of pending) {
      const s = { level: LEVEL[g.level] ?? 0, overdue: g.casesOverdue > 0, patrolled: !!g.patrolled, drill: g.drillActive > 0 };
      map.setFeatureState({ source: 'grids', id: code }, s);
      api.gridStates.set(code, s);
    }
    pending.clear();
  }

  function setAlarms(alarms) {
    const features = alarms.filter(a => a.lon != null).map(a => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [a.lon, a.lat] },
      properties: { id: a.id, grid: a.grid, severity: a.severity, acked: a.acked, ...(a.drillId ? { drill: a.drillId } : {}) } }));
    whenReady(() => map.getSource('alarms').setData({ type: 'FeatureCollection', features }));
    // at most MAX_PULSES rings (the list is most urgent first): each is a DOM element the compositor animates
    const unacked = new Map(alarms.filter(a => !a.acked && !a.drillId && a.lon != null).slice(0, MAX_PULSES).map(a => [a.id, a]));
    for (const [id, marker] of pulses) if (!unacked.has(id)) { marker.remove(); pulses.delete(id); }
    for (const [id, a] of unacked) {
      if (pulses.has(id)) continue;
      const el = document.createElement('div');
      el.className = `alarm-pulse sev${a.severity}`;
      el.dataset.id = id;
      pulses.set(id, new maplibregl.Marker({ element: el }).setLngLat([a.lon, a.lat]).addTo(map));
    }
  }

  function setWarnings(warnings) {
    const features = warnings.filter(w => w.lon != null).map(w => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [w.lon, w.lat] },
      properties: { sensor: w.sensor, level: w.level, kind: w.kind } }));
    whenReady(() => map.getSource('warnings').setData({ type: 'FeatureCollection', features }));
  }

  // dispatched units (an order each) as round HTML markers at where the unit is: a click opens the unit's card
  function setUnits(orders) {
    const wanted = new Map(orders.filter(o => o.lon != null).map(o => [o.id, o]));
    for (const [id, m] of units) if (!wanted.has(id)) { m.remove(); units.delete(id); }
    for (const [id, o] of wanted) {
      let m = units.get(id);
      if (!m) {
        const el = document.createElement('div');
        el.dataset.order = id;
        el.addEventListener('click', ev => { ev.stopPropagation(); api.onUnitClick?.(id); });
        m = new maplibregl.Marker({ element: el }).setLngLat([o.lon, o.lat]).addTo(map);
        units.set(id, m);
      }
      const el = m.getElement();
      el.className = `unit-marker ${o.state}`;
      el.title = `${o.unitName} (${o.unitId})`;
      el.textContent = t('Unit_' + o.unitKind, o.unitKind).slice(0, 1);
    }
  }

  let dots = [];
  function setCheckIns(list) { dots = list.slice(0, 1500); drawDots(); }
  function addCheckIns(list) { if (!list.length) return; dots = list.concat(dots).slice(0, 1500); drawDots(); }
  function drawDots() {
    const cutoff = api.now() - 30 * 60_000;
    dots = dots.filter(d => Date.parse(d.at) > cutoff);
    const features = dots.map(d => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [d.lon, d.lat] }, properties: { drill: d.drill } }));
    whenReady(() => map.getSource('checkins').setData({ type: 'FeatureCollection', features }));
  }

  function whenReady(fn) { if (api.ready) fn(); else map.once('load', fn); }

  let flying = null;
  function flyTo(lon, lat) {
    clearTimeout(flying);
    map.flyTo({ center: [lon, lat], zoom: 14, speed: 0.8 });
    flying = setTimeout(() => { flying = null; fitCounty(map, geo, true); }, 12_000);
  }

  return api;
}

function fitCounty(map, geo, animate) {
  const b = new maplibregl.LngLatBounds();
  for (const ring of geo.county.features[0].geometry.coordinates.flat(geo.county.features[0].geometry.type === 'MultiPolygon' ? 1 : 0))
    for (const p of ring) b.extend(p);
  map.fitBounds(b, { padding: 30, animate, duration: animate ? 2500 : 0 });
}

// Chinese labels as HTML markers: no glyph server is needed (many command centers have no internet).
function addLabels(map, geo) {
  const make = (f, cls) => {
    const el = document.createElement('div');
    el.className = `map-label ${cls}`;
    el.textContent = f.properties.name;
    const [lon, lat] = f.properties.label ?? centroid(f.geometry);
    return new maplibregl.Marker({ element: el }).setLngLat([lon, lat]);
  };
  // larger areas first: when two labels would overlap, the smaller area's label is the one hidden
  const bySize = list => list.map(f => [f, Math.abs(ringArea(f.geometry))]).sort((a, b) => b[1] - a[1]).map(([f]) => f);
  const streets = bySize(geo.streets.features).map(f => make(f, 'street'));
  const communities = bySize(geo.communities.features).map(f => make(f, 'community'));
  // the basemap's own names (rivers, the reservoir, the station, hamlets) go after the county's areas: they give way
  const own = new Set([...geo.streets.features, ...geo.communities.features].map(f => f.properties.name));
  const named = new Map();
  let shown = null;
  const update = () => {
    const z = map.getZoom();
    const want = z >= 12.3 ? 'communities' : 'streets';
    if (want !== shown) {
      shown = want;
      for (const m of streets) want === 'streets' ? m.addTo(map) : m.remove();
      for (const m of communities) want === 'communities' ? m.addTo(map) : m.remove();
    }
    const wanted = basemapLabels(map, own);
    const keep = new Set(wanted.map(l => l.key));
    for (const [key, m] of named) if (!keep.has(key)) { m.remove(); named.delete(key); }
    for (const l of wanted) {
      if (named.has(l.key)) continue;
      const el = document.createElement('div');
      el.className = `map-label basemap ${l.kind}`;
      el.textContent = l.name;
      named.set(l.key, new maplibregl.Marker({ element: el }).setLngLat(l.lngLat).addTo(map));
    }
    declutter([...(want === 'streets' ? streets : communities), ...wanted.map(l => named.get(l.key))]);
  };
  map.on('moveend', update);
  map.on('resize', update);
  // names arrive with the basemap's tiles: place them once a batch of tiles has loaded
  let later = 0;
  map.on('sourcedata', e => { if (e.sourceId === 'basemap' && e.isSourceLoaded && !later) later = setTimeout(() => { later = 0; update(); }, 150); });
  update();
}

// Neighbouring labels never collide: a label whose box meets one already placed is hidden until zooming in frees it.
function declutter(markers) {
  const placed = [];
  for (const m of markers) m.getElement().hidden = false;
  for (const m of markers) {
    const el = m.getElement(), r = el.getBoundingClientRect();
    if (placed.some(p => r.left < p.right && r.right > p.left && r.top < p.bottom && r.bottom > p.top)) el.hidden = true;
    else placed.push(r);
  }
}

function ringArea(geometry) {
  const ring = geometry.type === 'MultiPolygon' ? geometry.coordinates[0][0] : geometry.coordinates[0];
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) sum += (ring[j][0] - ring[i][0]) * (ring[j][1] + ring[i][1]);
  return sum / 2;
}

function centroid(geometry) {
  const ring = geometry.type === 'MultiPolygon' ? geometry.coordinates[0][0] : geometry.coordinates[0];
  const s = ring.reduce((a, p) => [a[0] + p[0], a[1] + p[1]], [0, 0]);
  return [s[0] / ring.length, s[1] / ring.length];
}

// POI icons drawn on a canvas: a coloured badge with one Chinese character.
function addPoiIcons(map) {
  for (const [kind, [ch, color]] of Object.entries(POI)) {
    const size = 48, c = document.createElement('canvas');
    c.width = c.height = size;
    const g = c.getContext('2d');
    g.fillStyle = color; g.strokeStyle = '#ffffff'; g.lineWidth = 3;
    g.beginPath(); g.roundRect(3, 3, size - 6, size - 6, 10); g.fill(); g.stroke();
    g.fillStyle = '#ffffff'; g.font = `bold 28px "Noto Sans CJK SC", sans-serif`; g.textAlign = 'center'; g.textBaseline = 'middle';
    g.fillText(ch, size / 2, size / 2 + 2);
    map.addImage(`poi-${kind}`, g.getImageData(0, 0, size, size), { pixelRatio: 2 });
  }
}

export const poiLabel = kind => t({ police: 'Poi_PoliceStation', fire: 'Poi_FireStation', hospital: 'Poi_Hospital', depot: 'Poi_SupplyDepot', service: 'Poi_ServiceCenter' }[kind]);
