// N screens on the host's /hubs/live with the official SignalR JavaScript client (@microsoft/signalr from npm), in Node.
// Each client connects as the wall page does (negotiate, WebSockets, kiosk token), asks for the Snapshot, then scans every
// "delta" for feed rows whose alarm id starts with the probe prefix and prints when it first saw each one.
//   node screen-clients.mjs <baseUrl> <kioskToken> <clients> <probePrefix>
// stdout, one line each:  ready <clients>  |  seen <client> <alarmId> <epochMs>  |  stats <client> <deltas> <probesSeen> <jsonChars (client 0 only)>  |  error <text>
// stdin: "stop" (or EOF) closes the connections, prints the stats lines and exits.
import * as signalR from '@microsoft/signalr';
import { createInterface } from 'node:readline';

const [baseUrl, token, clientsText, prefix] = process.argv.slice(2);
const clients = Number(clientsText);
const now = () => performance.timeOrigin + performance.now(); // epoch ms, sub-millisecond, same clock as the driver's UtcNow
const out = [];
const flush = () => { if (out.length) { process.stdout.write(out.join('\n') + '\n'); out.length = 0; } };
setInterval(flush, 50).unref();

const stats = [];
async function connect(i) {
  const s = { deltas: 0, chars: 0, seen: new Set() };
  stats[i] = s;
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`${baseUrl}/hubs/live?token=${encodeURIComponent(token)}`)
    .configureLogging(signalR.LogLevel.Error)
    .build();
  connection.on('delta', delta => {
    const t = now();
    s.deltas++;
    if (i === 0) s.chars += JSON.stringify(delta).length; // the size of what every screen receives, measured on one of them
    for (const row of delta.feed ?? []) {
      const a = row.alarm;
      if (a && a.startsWith(prefix) && !s.seen.has(a)) { s.seen.add(a); out.push(`seen ${i} ${a} ${t.toFixed(3)}`); }
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
  // connect in groups of 10, as screens would come up over a few seconds, not all in the same millisecond
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
  stats.forEach((s, i) => out.push(`stats ${i} ${s.deltas} ${s.seen.size} ${s.chars}`));
  flush();
  process.exit(0);
};
rl.on('line', l => { if (l.trim() === 'stop') stop(); });
rl.on('close', stop);
