// Starts Blazor for the page's interactive island (the CountyMap component) so that a kiosk recovers by itself: no
// reconnect dialog waiting for a person. A lost connection is retried forever (1 s, 2 s, … at most 15 s apart); when the
// server answers but no longer has the circuit (it restarted), the page reloads — only then, so a wall never reloads
// into a browser error page while the server is down. The page's status light (js/live.js) shows the hub meanwhile.
/* global Blazor */
const delay = attempt => Math.min(1000 * 2 ** Math.min(attempt, 4), 15_000);
let recovering = null;

function recover() {
  let cancelled = false;
  (async () => {
    for (let attempt = 0; !cancelled; attempt++) {
      await new Promise(resolve => setTimeout(resolve, delay(attempt)));
      if (cancelled) return;
      try {
        if (await Blazor.reconnect()) return;   // the same circuit again
        location.reload();                      // the server is up but forgot the circuit: start afresh
        return;
      } catch { /* the server is not reachable yet: try again */ }
    }
  })();
  return { cancel() { cancelled = true; } };
}

window.__circuit = { downs: 0, ups: 0 };
Blazor.start({
  circuit: {
    reconnectionHandler: {
      onConnectionDown() { window.__circuit.downs++; recovering ??= recover(); },
      onConnectionUp() { window.__circuit.ups++; recovering?.cancel(); recovering = null; },
    },
  },
});
