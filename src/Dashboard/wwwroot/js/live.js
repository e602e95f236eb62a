// The one live connection of a page: snapshot on every (re)connect, then deltas in version order.
// Stale deltas are dropped, a gap triggers a fresh snapshot, reconnection retries forever with backoff,
// and a different server build makes the page reload itself.
/* global signalR */

const STALE_AFTER_MS = 10_000;

/** Shows the connection state in the page's status light (#status, #status-text). */
export function showStatus(s, t) {
  document.getElementById('status').dataset.state = s;
  document.getElementById('status-text').textContent = t({ live: 'Live', reconnecting: 'Reconnecting', stale: 'Stale', connecting: 'Connecting' }[s]);
}

export function connectLive({ url, onSnapshot, onDelta, onStatus, build }) {
  const state = { version: -1, synced: false, buffer: [], lastMessageAt: 0, snapshots: 0, reconnects: 0, dropped: 0, alarms: new Map() };
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(url)
    .withAutomaticReconnect({ nextRetryDelayInMilliseconds: ctx => Math.min(1000 * 2 ** Math.min(ctx.previousRetryCount, 4), 15000) + Math.random() * 500 })
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  connection.serverTimeoutInMilliseconds = 20_000;
  connection.keepAliveIntervalInMilliseconds = 5_000;

  const status = s => { state.status = s; onStatus(s); };

  connection.on('delta', delta => {
    state.lastMessageAt = Date.now();
    if (!state.synced) { state.buffer.push(delta); return; }
    apply(delta);
  });

  function apply(delta) {
    if (delta.version <= state.version) { state.dropped++; return; }
    if (delta.version > state.version + 1) { resync(); return; }
    if (delta.alarmIds && !rebuildAlarms(delta)) { resync(); return; }
    state.version = delta.version;
    onDelta(delta);
  }

  // A delta names the alarm list by id and carries only new or changed alarms: rebuild the whole list
  // (delta.alarms) from what this screen already has. An id it does not know means it missed something.
  function rebuildAlarms(delta) {
    for (const a of delta.alarmsChanged ?? []) state.alarms.set(a.id, a);
    const list = [];
    for (const id of delta.alarmIds) {
      const a = state.alarms.get(id);
      if (!a) return false;
      list.push(a);
    }
    state.alarms = new Map(list.map(a => [a.id, a]));
    delta.alarms = list;
    return true;
  }

  async function resync() {
    state.synced = false;
    state.buffer = [];
    try {
      const snap = await connection.invoke('Snapshot');
      if (build && snap.build !== build) { location.reload(); return; }
      state.version = snap.version;
      state.alarms = new Map((snap.alarms ?? []).map(a => [a.id, a]));
      state.snapshots++;
      state.lastMessageAt = Date.now();
      onSnapshot(snap);
      state.synced = true;
      const pending = state.buffer.splice(0).sort((a, b) => a.version - b.version);
      for (const d of pending) apply(d);
      status('live');
    } catch (err) {
      console.error('snapshot failed', err);
      status('stale'); // a screen that cannot draw its snapshot must say so, not sit on 'connecting'
      setTimeout(() => connection.state === 'Connected' && resync(), 2000);
    }
  }

  async function start(attempt = 0) {
    status(attempt === 0 ? 'connecting' : 'reconnecting');
    try {
      await connection.start();
      await resync();
    } catch {
      setTimeout(() => start(attempt + 1), Math.min(1000 * 2 ** Math.min(attempt, 4), 15000));
    }
  }

  connection.onreconnecting(() => { state.synced = false; status('reconnecting'); });
  connection.onreconnected(() => { state.reconnects++; resync(); });
  connection.onclose(() => start(1)); // automatic reconnect gave up (it never should): start over

  setInterval(() => {
    if (state.status === 'live' && Date.now() - state.lastMessageAt > STALE_AFTER_MS) status('stale');
    else if (state.status === 'stale' && state.synced && Date.now() - state.lastMessageAt <= STALE_AFTER_MS) status('live');
  }, 1000);

  start();
  return state;
}
