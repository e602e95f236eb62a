// The replay timeline: an event-density histogram stacked by type, markers for serious alarms and drills,
// and a cursor that can be dragged (seek). Axis times in the county's time zone.
import { fmtHourMinute } from './time.js';

const COLORS = { patrol_checkin: '#1f6f6a', alarm_raised: '#ff8a1f', alarm_acknowledged: '#ffd21f', alarm_cleared: '#4a86b0',
  case_changed: '#4fc3f7', drill_started: '#b06bff', drill_ended: '#b06bff' };

export function createTimeline(canvas, { onSeek }) {
  let hist = null, cursor = null, dragging = false;
  const ctx = canvas.getContext('2d');

  function resize() {
    canvas.width = canvas.clientWidth * devicePixelRatio;
    canvas.height = canvas.clientHeight * devicePixelRatio;
    draw();
  }
  new ResizeObserver(resize).observe(canvas);

  const from = () => Date.parse(hist.from), to = () => Date.parse(hist.to);
  const xOf = t => (t - from()) / (to() - from()) * canvas.width;
  const tOf = x => from() + Math.min(1, Math.max(0, x / canvas.width)) * (to() - from());

  function draw() {
    const w = canvas.width, h = canvas.height, axis = 18 * devicePixelRatio;
    ctx.clearRect(0, 0, w, h);
    if (!hist) return;
    const types = Object.keys(hist.counts);
    const totals = Array.from({ length: hist.buckets }, (_, i) => types.reduce((a, t) => a + hist.counts[t][i], 0));
    const max = Math.max(1, ...totals);
    const bw = w / hist.buckets, plot = h - axis;
    for (let i = 0; i < hist.buckets; i++) {
      let y = plot;
      for (const t of types) {
        const v = hist.counts[t][i];
        if (!v) continue;
        const bh = v / max * (plot - 6 * devicePixelRatio);
        ctx.fillStyle = COLORS[t] ?? '#888';
        ctx.fillRect(i * bw, y - bh, Math.max(1, bw - 1), bh);
        y -= bh;
      }
    }
    for (const m of hist.markers) {
      const x = xOf(Date.parse(m.at));
      ctx.fillStyle = m.type.startsWith('drill') ? '#b06bff' : m.severity === 1 ? '#ff2d2d' : '#ff8a1f';
      ctx.fillRect(x - 1.5 * devicePixelRatio, 0, 3 * devicePixelRatio, 10 * devicePixelRatio);
    }
    ctx.fillStyle = '#7f9bb8';
    ctx.font = `${11 * devicePixelRatio}px sans-serif`;
    const ticks = 8;
    for (let k = 0; k <= ticks; k++) {
      const t = from() + (to() - from()) * k / ticks;
      const label = fmtHourMinute(t);
      ctx.fillText(label, Math.min(w - 40 * devicePixelRatio, xOf(t) + 2), h - 4 * devicePixelRatio);
    }
    if (cursor != null) {
      const x = xOf(cursor);
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(x - devicePixelRatio, 0, 2 * devicePixelRatio, plot);
    }
  }

  const seekAt = ev => { const r = canvas.getBoundingClientRect(); onSeek(tOf((ev.clientX - r.left) * devicePixelRatio)); };
  canvas.addEventListener('pointerdown', ev => { if (!hist) return; dragging = true; canvas.setPointerCapture(ev.pointerId); seekAt(ev); });
  canvas.addEventListener('pointermove', ev => { if (dragging) seekAt(ev); });
  canvas.addEventListener('pointerup', () => { dragging = false; });

  return {
    set(h) { hist = h; draw(); },
    setCursor(t) { cursor = t; draw(); },
  };
}
