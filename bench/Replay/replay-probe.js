// Injected into /replay before the page's own scripts (page.AddInitScriptAsync) by the replay benchmark.
// - a requestAnimationFrame loop that, while recording, notes per frame: [performance.now(), the replay cursor (ms),
//   frames drawn so far (window.__replay.state.frames), playing 1/0]
// - long tasks of the main thread (PerformanceObserver 'longtask': every task over 50 ms), [start ms, duration ms]
// - a resource-timing buffer big enough to keep every request of the run (the default keeps 250), so the bench
//   can read each frame request's duration and size afterwards
(() => {
  try { performance.setResourceTimingBufferSize(100000); } catch (e) { /* older engines: keep the default */ }
  const B = window.__bench = { samples: [], recording: false, t0: 0 };
  const loop = t => {
    if (B.recording) {
      const s = window.__replay && window.__replay.state;
      B.samples.push([t, s ? s.cursor : 0, s ? s.frames : 0, s && s.playing ? 1 : 0]);
    }
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);

  B.longtasks = [];
  try {
    new PerformanceObserver(list => { for (const e of list.getEntries()) B.longtasks.push([e.startTime, e.duration]); })
      .observe({ type: 'longtask', buffered: true });
  } catch (e) { B.longtasks = null; }

  B.start = () => { B.samples = []; B.t0 = performance.now(); B.recording = true; return B.t0; };
  B.stop = () => { B.recording = false; return B.samples; };
  B.longtasksSince = since => (B.longtasks || []).filter(t => t[0] + t[1] >= since);

  // The page's replay API requests since t: [kind, start ms, end ms, body bytes]; kind frame | events | other.
  B.requests = since => performance.getEntriesByType('resource')
    .filter(e => e.startTime >= since && e.name.includes('/api/v1/replay/'))
    .map(e => [e.name.includes('/frame?') ? 'frame' : e.name.includes('/events?') ? 'events' : 'other',
               e.startTime, e.responseEnd, e.encodedBodySize || 0]);
})();
