// Screens for the sensor-readings bench: N connections to the host's /hubs/live with the official SignalR client (as the
// wall page connects), each noting when a sensor first appears in a delta's warning list (`warnings`, the whole list when
// it changed; null when not).
//   node sensor-screens.mjs <baseUrl> <kioskToken> <clients>
// stdout, one line each:  ready <clients>  |  seen <client> <sensorId> <level> <epochMs>  |  stats <client> <deltas> <warningLists> <maxWarnings>  |  error <text>
// stdin: "stop" (or EOF) closes the connections, prints the stats lines and exits.
import * as signalR from '@microsoft/signalr';
import { createInterface } from 'node:readline';

const [baseUrl, token, clientsText] = process.argv.slice(2);
const clients = Number(clientsText);
const now = () => performance.timeOrigin + performance.now(); // epoch ms, the same machine clock as the driver's UtcNow
const out = [];
const flush = () => { if (out.length) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; } };
setInterval(flush, 50).unref();

const stats = [];
async function connect(i) {
  const s = { deltas: 0, lists: 0, most: 0, seen: new Set() };
  stats[i] = s;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/live?token=${encodeURIComponent(token)}`)
    .configureLogging(signalR.LogLevel.Error)
    .build();
  connection.on('delta', delta => {
    const t = now();
    s.deltas++;
    if (!delta.warnings) return;
    s.lists++;
    s.most = Math.max(s.most, delta.warnings.length);
    for (const w of delta.warnings) {
      if (!s.seen.has(w.sensor)) { s.seen.add(w.sensor); out.push(`seen ${i} ${w.sensor} ${w.level} ${t.toFixed(3)}`); }
    }
  });
  connection.onclose(e => { if (!stopping) out.push(`error client ${i} closed: ${e?.message ?? 'no error'}`); });
  await connection.start();
  await connection.invoke('Snapshot');
  return connection;
}

let connections = [];
let stopping = false;
try {
  for (let i = 0; i < clients; i += 10)
    connections.push(...await Promise.all(Array.from({ length: Math.min(10, clients - i) }, (_, k) => connect(i + k))));
  out.push(`ready ${connections.length}`);
  flush();
} catch (e) {
  out.push(`error ${e?.message ?? e}`);
  flush();
  process.exit(1);
}

const rl = createInterface({ input: process.stdin });
const stop = async () => {
  if (stopping) return;
  stopping = true;
  await Promise.allSettled(connections.map(c => c.stop()));
  stats.forEach((s, i) => out.push(`stats ${i} ${s.deltas} ${s.lists} ${s.most}`));
  flush();
  process.exit(0);
};
rl.on('line', l => { if (l.trim() === 'stop') stop(); });
rl.on('close', stop);
