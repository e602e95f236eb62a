// 系统管理: accounts, ingest API keys and geography import. Every change goes through the admin API
// with the page's antiforgery token; the server audits it.
import { t } from './i18n.js';
import { el as h, fill } from './dom.js';

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const $ = id => document.getElementById(id);

async function call(method, url, body) {
  const init = { method, headers: { 'X-CSRF-TOKEN': csrf } };
  if (body instanceof FormData) init.body = body;
  else if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const r = await fetch(url, init);
  const res = await r.json().catch(() => ({}));
  return { ok: r.ok, status: r.status, res, error: res.error ?? (r.ok ? '' : `HTTP ${r.status}`) };
}

async function loadUsers() {
  const r = await fetch('api/v1/admin/users');
  const users = await r.json();
  fill($('users').tBodies[0], users.map(u => h('tr', { dataset: { user: u.userName } }, h('td', null, u.userName), h('td', null, u.displayName),
    h('td', null, t('Role_' + u.role, u.role)), h('td', { class: u.locked ? 'locked' : '' }, u.locked ? t('Locked') : t('Active')),
    h('td', null, h('button', { dataset: { act: 'edit' } }, t('Edit')), u.locked ? h('button', { dataset: { act: 'unlock' } }, t('Unlock')) : null,
      h('button', { dataset: { act: 'remove' } }, t('Remove'))))));
  for (const b of $('users').querySelectorAll('button')) {
    const tr = b.closest('tr'), name = tr.dataset.user, u = users.find(x => x.userName === name);
    b.onclick = async () => {
      if (b.dataset.act === 'edit') {
        const f = $('user-form');
        f.userName.value = u.userName; f.displayName.value = u.displayName; f.role.value = u.role; f.password.value = ''; f.password.focus();
        return;
      }
      if (b.dataset.act === 'remove' && !confirm(`${t('Remove')} ${name}?`)) return;
      const r = b.dataset.act === 'unlock' ? await call('POST', `api/v1/admin/users/${encodeURIComponent(name)}/unlock`, {})
        : await call('DELETE', `api/v1/admin/users/${encodeURIComponent(name)}`);
      $('users-msg').textContent = r.error;
      loadUsers();
    };
  }
}

$('user-form').onsubmit = async ev => {
  ev.preventDefault();
  const f = ev.target;
  const r = await call('POST', 'api/v1/admin/users', { userName: f.userName.value.trim(), displayName: f.displayName.value.trim(), role: f.role.value, password: f.password.value });
  $('users-msg').textContent = r.error;
  if (r.ok) { f.reset(); loadUsers(); }
};

async function loadKeys() {
  const r = await fetch('api/v1/admin/api-keys');
  const sources = await r.json();
  fill($('keys').tBodies[0], sources.map(s => h('tr', { dataset: { source: s.source } }, h('td', null, s.source),
    h('td', null, s.keys, s.fromConfig ? ` (${t('FromConfig')})` : ''),
    h('td', null, s.fromConfig ? null : h('button', { dataset: { act: 'revoke' } }, t('Revoke'))))));
  for (const b of $('keys').querySelectorAll('button')) {
    const source = b.closest('tr').dataset.source;
    b.onclick = async () => {
      if (!confirm(`${t('Revoke')} ${source}?`)) return;
      const r = await call('DELETE', `api/v1/admin/api-keys/${encodeURIComponent(source)}`);
      $('keys-msg').textContent = r.error;
      loadKeys();
    };
  }
}

$('key-form').onsubmit = async ev => {
  ev.preventDefault();
  const r = await call('POST', 'api/v1/admin/api-keys', { source: ev.target.source.value.trim() });
  $('keys-msg').textContent = r.error;
  $('issued').hidden = !r.ok;
  if (r.ok) { $('issued-key').textContent = r.res.key; ev.target.reset(); loadKeys(); }
};

async function loadGeography() {
  const r = await fetch('api/v1/admin/geography');
  const g = await r.json();
  $('geo-pending').hidden = !g.pending;
}

$('geo-form').onsubmit = async ev => {
  ev.preventDefault();
  const data = new FormData();
  for (const f of ev.target.files.files) data.append('files', f, f.name);
  for (const name of ['defaultLevel', 'countyName', 'countyCode']) data.append(name, ev.target[name].value);
  $('geo-msg').textContent = '…';
  showRepairs([]);
  const r = await call('POST', 'api/v1/admin/geography', data);
  $('geo-msg').classList.toggle('error', !r.ok);
  if (!r.ok) { $('geo-msg').textContent = r.res.errors ? Object.values(r.res.errors).flat().join('\n') : r.error; return; }
  const i = r.res.imported, lines = [];
  lines.push(`${t('ImportedOk')}: ${i.name} (${i.code}) · ${t('Streets')} ${i.streets} · ${t('Communities')} ${i.communities} · ` +
    `${t('Grids')} ${i.grids} · ${t('Pois')} ${i.pois}`);
  if (r.res.countyBuilt) lines.push(t('CountyBuilt'));
  if (r.res.codesFromFeatureId) lines.push(`${r.res.codesFromFeatureId} ${t('CodesFromFeatureId')}`);
  if (r.res.levelsDefaulted) lines.push(`${r.res.levelsDefaulted} ${t('LevelsDefaulted')}`);
  if (r.res.repairsTotal) lines.push(`${r.res.repairsTotal} ${t('GeometryRepairs')}` +
    (r.res.repairsTotal > r.res.repairs.length ? ` (${t('RepairsListed')} ${r.res.repairs.length})` : ''));
  if (r.res.runningGridsAbsent) lines.push(`${r.res.runningGridsAbsent} ${t('GridsAbsent')}`);
  $('geo-msg').textContent = lines.join('\n');
  showRepairs(r.res.repairs ?? []);
  loadGeography();
};

// one row per repair, built as DOM text: feature names come from the uploaded file
function showRepairs(repairs) {
  const table = $('geo-repairs'), body = table.tBodies[0];
  body.replaceChildren();
  table.hidden = repairs.length === 0;
  for (const r of repairs) {
    const what = [t('Repair_' + r.kind, r.kind)];
    if (r.spikes) what.push(`${r.spikes} ${t('RepairSpikes')}`);
    if (r.kind !== 'spike_removed') what.push(`${r.polygonsAfter} ${t('RepairPolygons')}`, `${r.holesAfter} ${t('RepairHoles')}`);
    const cells = [`${r.code} ${r.name}`, what.join(' · '), `${r.where} @ ${r.lon.toFixed(6)}, ${r.lat.toFixed(6)}`, `${r.areaKm2.toFixed(3)} km²`];
    const tr = document.createElement('tr');
    for (const text of cells) { const td = document.createElement('td'); td.textContent = text; tr.append(td); }
    body.append(tr);
  }
}

$('geo-discard').onclick = async () => {
  const r = await call('DELETE', 'api/v1/admin/geography/import');
  $('geo-msg').textContent = r.error;
  loadGeography();
};

loadUsers();
loadKeys();
loadGeography();
