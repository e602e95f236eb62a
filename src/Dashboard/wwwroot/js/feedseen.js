// Which rows of the live event feed a screen has already shown. Rows carry no single county-wide order any more: each
// Orleans grain stamps its own accept times, so a later delta may bring a row with an earlier time. A row is new when its
// key — time, grid, type: unique in the event log — has not been seen; the last `limit` keys are remembered.
export function createFeedSeen(limit = 2000) {
  const seen = new Set();
  const order = [];
  const key = e => `${e.seq}/${e.grid}/${e.type}`;
  function remember(k) {
    seen.add(k);
    order.push(k);
    if (order.length > limit) seen.delete(order.shift());
  }
  return {
    /** A snapshot's feed: these rows are on screen now. */
    reset(rows) { seen.clear(); order.length = 0; rows.forEach(r => remember(key(r))); },
    /** The rows of a delta not shown yet (each remembered as shown). */
    fresh(rows) { return rows.filter(r => { const k = key(r); if (seen.has(k)) return false; remember(k); return true; }); },
  };
}
