// Injected into /wall before the page's own scripts (page.AddInitScriptAsync) by the wall benchmark.
// - frame loop: the interval between consecutive requestAnimationFrame callbacks (ms)
// - probe watch: a MutationObserver on #alarms records Date.now() when a row whose data-id starts with
//   the probe prefix first appears, then Date.now() again in the next animation frame (= painted)
// - socket counter: messages and characters the page's WebSockets receive (the SignalR deltas)
// The bench drains all of it with window.__bench.drain() about once a second.
(() => {
  const PREFIX = '__PROBE_PREFIX__';
  const B = window.__bench = { frames: [], seen: [], seenIds: new Set(), lastFrame: 0, wsMessages: 0, wsChars: 0, observing: false };

  const loop = t => {
    if (B.lastFrame) B.frames.push(Math.round((t - B.lastFrame) * 100) / 100);
    B.lastFrame = t;
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);

  const watch = () => {
    const ol = document.getElementById('alarms');
    if (!ol) { setTimeout(watch, 50); return; }
    new MutationObserver(records => {
      const now = Date.now();
      for (const r of records)
        for (const n of r.addedNodes) {
          if (n.nodeType !== 1) continue;
          const id = n.dataset && n.dataset.id;
          if (!id || !id.startsWith(PREFIX) || B.seenIds.has(id)) continue;
          B.seenIds.add(id);
          const entry = { id, dom: now, painted: 0, row: Array.prototype.indexOf.call(ol.children, n) + 1, acked: n.classList.contains('acked') };
          B.seen.push(entry);
          requestAnimationFrame(() => { entry.painted = Date.now(); });
        }
    }).observe(ol, { childList: true });
    B.observing = true;
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', watch); else watch();

  const NativeWebSocket = window.WebSocket;
  window.WebSocket = class extends NativeWebSocket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        B.wsMessages++;
        B.wsChars += typeof e.data === 'string' ? e.data.length : (e.data.byteLength ?? e.data.size ?? 0);
      });
    }
  };

  B.drain = () => {
    const frames = B.frames;
    B.frames = [];
    const seen = B.seen.filter(e => e.painted);
    B.seen = B.seen.filter(e => !e.painted);
    return { frames, seen, observing: B.observing };
  };

  // What the screen holds now: the live connection, the alarm list the server sent, DOM size, bytes received.
  B.state = () => {
    const w = window.__wall;
    const alarms = w ? w.panels.alarms : [];
    const real = alarms.filter(a => !a.drillId && !a.id.startsWith(PREFIX));
    return {
      status: w ? w.live.status : 'none', version: w ? w.live.version : -1, snapshots: w ? w.live.snapshots : 0,
      reconnects: w ? w.live.reconnects : 0, dropped: w ? w.live.dropped : 0,
      elements: document.getElementsByTagName('*').length,
      alarms: alarms.length, unacked: real.filter(a => !a.acked).length,
      unackedI: real.filter(a => !a.acked && a.severity === 1).length,
      alarmsChars: JSON.stringify(alarms).length,
      pulses: w ? w.map.pulses.size : 0,
      alarmRows: document.querySelectorAll('#alarms li').length,
      wsMessages: B.wsMessages, wsChars: B.wsChars,
    };
  };
})();
