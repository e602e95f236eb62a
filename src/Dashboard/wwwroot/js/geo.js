// The county's geography for the browser: GeoJSON from the server and the names a row or a label needs. Loaded once per
// page: the CountyMap component and the page's own module share it.
let loading = null;
export function loadGeography() {
  loading ??= load();
  return loading;
}

async function load() {
  const get = level => fetch(`api/v1/geo/${level}`).then(r => { if (!r.ok) throw new Error(`geo ${level}: ${r.status}`); return r.json(); });
  const [county, streets, communities, grids, pois] = await Promise.all(['county', 'streets', 'communities', 'grids', 'pois'].map(get));
  const byCode = new Map();
  for (const fc of [county, streets, communities, grids]) for (const f of fc.features) byCode.set(f.properties.code, f.properties);
  const nameOf = code => byCode.get(code)?.name ?? code;
  const parentOf = code => byCode.get(code)?.parent;
  // "街道 · 社区 · 网格" for a grid code
  const placeOf = code => {
    const grid = byCode.get(code);
    if (!grid) return code;
    const community = byCode.get(grid.parent);
    const street = community && byCode.get(community.parent);
    return [street?.name, grid.name].filter(Boolean).join(' · ');
  };
  return { county, streets, communities, grids, pois, byCode, nameOf, parentOf, placeOf };
}
