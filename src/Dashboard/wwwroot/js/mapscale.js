// The map's symbols (alarm discs, warning rings, POI badges, check-in dots, boundary lines) are sized in CSS pixels by
// MapLibre, while the panels are sized by the page's root font (css/wall.css: 1.45vh at 1080p, smaller per pixel at 4K).
// One scale keeps both in step: the root font over its 1080p size, so a 4K wall draws its icons as readable as its
// text instead of at half their size. Applied at load and again when the page is resized.
const BASE_FONT_PX = 15.66; // 1.45vh of a 1080-pixel-high page

export function symbolScale() {
  const px = parseFloat(getComputedStyle(document.documentElement).fontSize) || BASE_FONT_PX;
  return Math.min(3, Math.max(1, px / BASE_FONT_PX));
}

// [layer, paint|layout, property, size at scale k]; zoom interpolations scale their stops (MapLibre allows ['zoom']
// only as the input of a top-level interpolate), data-driven sizes are multiplied.
const SIZES = [
  ['checkins', 'paint', 'circle-radius', k => ['interpolate', ['linear'], ['zoom'], 9, 1.6 * k, 14, 4 * k]],
  ['pois', 'layout', 'icon-size', k => ['interpolate', ['linear'], ['zoom'], 9.5, 0.45 * k, 14, 0.85 * k]],
  ['warnings', 'paint', 'circle-radius', k => ['*', k, ['match', ['get', 'level'], 1, 11, 2, 10, 9]]],
  ['warnings', 'paint', 'circle-stroke-width', k => 3.5 * k],
  // unacknowledged real level-I/II alarms: the largest markers (and the larger pulse rings, css/wall.css)
  ['alarms', 'paint', 'circle-radius', k => ['*', k, ['case', ['all', ['!', ['has', 'drill']], ['!', ['get', 'acked']], ['<=', ['get', 'severity'], 2]], 12,
    ['match', ['get', 'severity'], 1, 9, 2, 8, 3, 6.5, 5.5]]]],
  ['alarms', 'paint', 'circle-stroke-width', k => ['*', k, ['case', ['has', 'drill'], 2.5, ['get', 'acked'], 1.5, 2.5]]],
  ['grid-overdue', 'paint', 'line-width', k => 2 * k],
  ['grid-drill', 'paint', 'line-width', k => 2.5 * k],
  ['grid-critical', 'paint', 'line-width', k => 1.6 * k],
  ['community-line', 'paint', 'line-width', k => 1 * k],
  ['street-line', 'paint', 'line-width', k => 2.2 * k],
  ['county-glow', 'paint', 'line-width', k => 10 * k],
  ['county-line', 'paint', 'line-width', k => 2.6 * k],
];

/** Sets every symbol size for scale k (the layers must exist); returns k. */
export function applySymbolScale(map, k = symbolScale()) {
  for (const [layer, kind, prop, size] of SIZES) {
    if (!map.getLayer(layer)) continue;
    if (kind === 'paint') map.setPaintProperty(layer, prop, size(k)); else map.setLayoutProperty(layer, prop, size(k));
  }
  return k;
}
