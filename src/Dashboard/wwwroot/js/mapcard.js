// What the cards over the map share (js/gridcard.js, js/sensorcard.js): one card at a time, a × button, and closing by
// itself after data-close-after ms (30 s) — a wall has nobody to close it.
export function mapCard(card) {
  let timer = 0;
  function hide() { clearTimeout(timer); card.hidden = true; }
  card.querySelector('.close').addEventListener('click', hide);
  function open() {
    for (const other of document.querySelectorAll('.map-card')) if (other !== card) other.hidden = true;
    clearTimeout(timer);
    timer = setTimeout(hide, Number(card.dataset.closeAfter) || 30_000);
    card.hidden = false;
  }
  return { open, hide, get shown() { return !card.hidden; } };
}
