// What the cards over the map drawn in the browser share (js/sensorcard.js): one card at a time, a × button, and closing by
// itself after data-close-after ms (30 s) — a wall has nobody to close it. The cards the CountyMap component renders
// (grid, alarm, unit, point of interest: data-circuit) are closed through their component (Maps/CountyMap.razor.js).
export function mapCard(card) {
  let timer = 0;
  function hide() { clearTimeout(timer); card.hidden = true; }
  card.querySelector('.close').addEventListener('click', hide);
  function open() {
    for (const other of document.querySelectorAll('.map-card:not([data-circuit])')) if (other !== card) other.hidden = true;
    document.dispatchEvent(new CustomEvent('map-card-open', { detail: card }));
    clearTimeout(timer);
    timer = setTimeout(hide, Number(card.dataset.closeAfter) || 30_000);
    card.hidden = false;
  }
  return { open, hide, get shown() { return !card.hidden; } };
}
