// The CountyMap component's browser half: makes the county's map once the circuit is up (js/map.js draws it, one place for
// the wall, the console and replay), hands it to the page's module (js/mapregistry.js) and sends clicks to .NET, where
// the card is made from the server's live state.
import { createMap } from '../js/map.js';
import { loadGeography } from '../js/geo.js';
import { provideMap } from '../js/mapregistry.js';

export async function create(el, options, dotnet) {
  const geo = await loadGeography();
  const api = createMap(el, geo, { tiles: options.tiles || '', attribution: options.attribution || '', basemap: options.basemap || '',
    fitOnResize: !!options.fitOnResize });
  api.geo = geo;
  const send = (method, ...args) => dotnet.invokeMethodAsync(method, ...args).catch(() => { /* the circuit is down: the page reloads or reconnects */ });
  if (options.cards) {
    api.onGridClick = code => send('GridClicked', code);
    api.onAlarmClick = (id, grid) => send('AlarmClicked', id, grid);
    api.onUnitClick = order => send('UnitClicked', order);
    api.onPoiClick = id => send('PoiClicked', id);
  }
  // a card drawn in the browser (the sensor's) opening closes the component's
  const onOther = () => send('CloseCard');
  document.addEventListener('map-card-open', onOther);
  provideMap(api);
  return {
    ready: () => api.ready,
    dispose() { document.removeEventListener('map-card-open', onOther); },
  };
}

/** The component's card is open: the cards drawn in the browser close (one card at a time). */
export function cardOpened() {
  for (const c of document.querySelectorAll('.map-card:not([data-circuit])')) c.hidden = true;
}
