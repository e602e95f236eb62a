// The offline vector basemap under the grids: a dark, muted style for OpenMapTiles-schema layers (water, waterway,
// transportation, building) served by this host from an MBTiles file (/basemap/tiles.json), and its names
// (place, water_name, mountain_peak, railway stations) as HTML labels: no glyph server, no font files.
// Arterials in the demo lie along the street boundaries the map draws in light blue: wide enough to show beside them.
// The colours are quieter than every status colour: the grids, alarms and their labels stay the loudest things.
export const BASEMAP_COLOURS = { water: '#0d2a40', river: '#12344f', stream: '#0f2c44', wood: '#0a1a17', building: '#152030',
  motorway: '#414f63', primary: '#36465c', tertiary: '#2a3648', minor: '#202a38', rail: '#46536a' };
const C = BASEMAP_COLOURS;
const z = (...stops) => ['interpolate', ['exponential', 1.6], ['zoom'], ...stops];

/** The source and layers to put first in the style (they draw below everything the map adds later). */
export function basemapStyle(tileJsonUrl) {
  const src = { source: 'basemap' };
  const cls = (...names) => ['match', ['get', 'class'], names, true, false];
  return {
    source: { type: 'vector', url: new URL(tileJsonUrl, location.href).href },
    layers: [
      { id: 'bm-wood', type: 'fill', ...src, 'source-layer': 'landcover', filter: cls('wood', 'forest'), paint: { 'fill-color': C.wood } },
      { id: 'bm-water', type: 'fill', ...src, 'source-layer': 'water', paint: { 'fill-color': C.water } },
      { id: 'bm-stream', type: 'line', ...src, 'source-layer': 'waterway', filter: ['!', cls('river', 'canal')],
        layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': C.stream, 'line-width': z(9, 0.6, 14, 2.5) } },
      { id: 'bm-river', type: 'line', ...src, 'source-layer': 'waterway', filter: cls('river', 'canal'),
        layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': C.river, 'line-width': z(8, 1.2, 14, 4) } },
      { id: 'bm-building', type: 'fill', ...src, 'source-layer': 'building', minzoom: 13, paint: { 'fill-color': C.building, 'fill-opacity': z(13, 0.4, 15, 0.9) } },
      { id: 'bm-minor', type: 'line', ...src, 'source-layer': 'transportation', minzoom: 11, filter: cls('minor', 'service', 'track', 'path'),
        layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': C.minor, 'line-width': z(11, 0.8, 14, 3, 17, 9) } },
      { id: 'bm-tertiary', type: 'line', ...src, 'source-layer': 'transportation', minzoom: 10, filter: cls('tertiary', 'secondary'),
        layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': C.tertiary, 'line-width': z(10, 1, 14, 4.5, 17, 12) } },
      { id: 'bm-primary', type: 'line', ...src, 'source-layer': 'transportation', filter: cls('primary', 'trunk'),
        layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': C.primary, 'line-width': z(8, 1.5, 12, 5, 14, 8, 17, 18) } },
      { id: 'bm-motorway', type: 'line', ...src, 'source-layer': 'transportation', filter: cls('motorway'),
        layout: { 'line-cap': 'round', 'line-join': 'round' }, paint: { 'line-color': C.motorway, 'line-width': z(8, 1.6, 12, 5, 14, 9, 17, 22) } },
      { id: 'bm-rail', type: 'line', ...src, 'source-layer': 'transportation', filter: cls('rail', 'transit'),
        paint: { 'line-color': C.rail, 'line-width': z(8, 1, 14, 2.5), 'line-dasharray': [3, 2] } },
    ],
  };
}

// which names become labels, from which zoom, most important first (an overlapping later one is hidden)
const LABELS = [
  { layer: 'place', kind: 'place', rank: f => ({ city: 0, town: 1, suburb: 2, village: 3, hamlet: 4 })[f.properties.class] ?? 5,
    minzoom: f => ({ city: 0, town: 9, suburb: 10, village: 11 })[f.properties.class] ?? 12 },
  { layer: 'water_name', kind: 'water', rank: () => 2, minzoom: f => f.properties.class === 'stream' ? 12 : 9 },
  { layer: 'poi', kind: 'station', rank: () => 2, minzoom: () => 10, filter: f => f.properties.class === 'railway' },
  { layer: 'mountain_peak', kind: 'peak', rank: () => 3, minzoom: () => 10 },
];
const MAX_LABELS = 80;

/** The basemap's names in view as {key, name, kind, lngLat, rank}, deduplicated, skipping names the map labels itself. */
export function basemapLabels(map, skipNames) {
  if (!map.getSource('basemap') || !map.isSourceLoaded('basemap')) return [];
  const zoom = map.getZoom(), seen = new Map();
  for (const spec of LABELS) {
    for (const f of map.querySourceFeatures('basemap', { sourceLayer: spec.layer })) {
      const name = f.properties['name:zh'] || f.properties.name;
      if (!name || skipNames.has(name) || f.geometry.type !== 'Point' || (spec.filter && !spec.filter(f)) || zoom < spec.minzoom(f)) continue;
      const [lon, lat] = f.geometry.coordinates;
      const key = `${spec.kind}:${name}:${lon.toFixed(3)}:${lat.toFixed(3)}`; // one feature appears in every tile buffer it touches
      if (!seen.has(key)) seen.set(key, { key, name, kind: spec.kind, lngLat: [lon, lat], rank: spec.rank(f) });
    }
  }
  return [...seen.values()].sort((a, b) => a.rank - b.rank || a.key.localeCompare(b.key)).slice(0, MAX_LABELS);
}
