// The page's one county map, made by the CountyMap component (Maps/CountyMap.razor.js) once its circuit is up: the
// page's modules (js/wall.js, js/dispatch.js, js/replay.js) wait for it here instead of making their own.
let provide;
const made = new Promise(resolve => { provide = resolve; });

/** Called by the component when it has made the map: { map api, geo }. */
export function provideMap(api) { provide(api); }

/** The map api (js/map.js) once the component has made it. */
export const whenMap = () => made;
