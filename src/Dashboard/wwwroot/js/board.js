// The coordinators' board in the console: incidents (orders, nearest units, whistle and report-in,
// linked cases, timeline, close) — every button is one console action with a request id.
import { t } from './i18n.js';
import { age } from './panels.js';

const DEPARTMENTS = ['公安', '消防', '城管', '市场监管', '卫健', '应急管理', '住建', '交通'];
const esc = s => String(s ?? '').replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const hhmm = iso => new Date(iso).toLocaleTimeString('zh-CN', { hour12: false, timeZone: 'Asia/Shanghai' });
const ROMAN = ['', 'I', 'II', 'III', 'IV'];

export function createBoard({ geo, map, post, canDispatch, maplibregl }) {
  const tabs = document.getElementById('incident-tabs');
  const root = document.getElementById('incident');
  let board = { incidents: [], whistles: [] }, selected = null, builtFor = null;
  const unitMarkers = new Map();

  function set(b) {
    board = b;
    if (!selected || !board.incidents.some(i => i.id === selected)) selected = board.incidents.find(i => !i.closedAt)?.id ?? board.incidents[0]?.id ?? null;
    render();
  }

  function select(id) { selected = id; render(); focus(); }

  function focus() {
    const i = current();
    const label = i?.grid && geo.byCode.get(i.grid)?.label;
    if (label) map.map.flyTo({ center: label, zoom: 14 });
  }

  const current = () => board.incidents.find(i => i.id === selected);

  function render() {
    tabs.innerHTML = board.incidents.map(i => `<button data-id="${esc(i.id)}" class="${i.id === selected ? 'active' : ''} ${i.closedAt ? 'closed' : ''}">` +
      `<span class="lvl sev${i.level}">${ROMAN[i.level]}</span> ${esc(i.title)}</button>`).join('');
    for (const b of tabs.querySelectorAll('button')) b.onclick = () => select(b.dataset.id);
    const i = current();
    if (!i) { root.innerHTML = ''; builtFor = null; drawUnits(null); return; }
    if (builtFor !== i.id) build(i);
    root.querySelector('.head').innerHTML = `<span class="lvl sev${i.level}">${t('LevelOf').replace('{0}', ROMAN[i.level])}</span> <b>${esc(i.title)}</b> · ${t('Commander')} ${esc(i.commander ?? '—')}` +
      (i.streets?.length ? ` · ${t('Scope')} ${i.streets.map(c => esc(geo.nameOf(c))).join('、')}` : '') +
      ` · ${hhmm(i.openedAt)} <span class="elapsed" data-since="${Date.parse(i.openedAt)}"></span>${i.closedAt ? ` · ${t('CloseIncident')} ${hhmm(i.closedAt)}：${esc(i.summary ?? '')}` : ''}`;
    renderOrders(i);
    renderWhistles(i);
    renderCases(i);
    root.querySelector('#timeline').innerHTML = [...i.timeline].reverse().map(e => `<li><span class="t">${hhmm(e.at)}</span><span>${esc(e.text)} · ${esc(e.actor ?? '')}</span></li>`).join('');
    for (const el of root.querySelectorAll('.actions')) el.hidden = !canDispatch || !!i.closedAt;
    drawUnits(i);
    tick();
  }

  function build(i) {
    builtFor = i.id;
    root.innerHTML = `<div class="head"></div><div class="msg" id="board-msg"></div>
      <details class="actions adjust"><summary>${t('AdjustResponse')}</summary>
        <div class="row"><label>${t('Level')} <select id="adj-level">${[1, 2, 3, 4].map(l => `<option value="${l}">${ROMAN[l]}</option>`).join('')}</select></label>
          <label>${t('Commander')} <input type="text" id="adj-commander" maxlength="200" /></label></div>
        <div class="row scope">${geo.streets.features.map(f => `<label><input type="checkbox" name="adj-street" value="${f.properties.code}" />${esc(f.properties.name)}</label>`).join('')}</div>
        <div class="row"><button id="adjust">${t('Apply')}</button></div></details>
      <h3>${t('Orders')}</h3><table id="orders"><thead><tr><th>${t('NearestUnits')}</th><th>${t('State')}</th><th>${t('Deadline')}</th><th></th></tr></thead><tbody></tbody></table>
      <div class="actions"><div class="row"><button id="load-units">${t('NearestUnits')}</button><button id="dispatch-units">${t('DispatchUnits')}</button></div>
        <div class="units" id="units"></div></div>
      <h3>${t('Whistle')}</h3>
      <div class="actions"><div class="row">${DEPARTMENTS.map(d => `<label><input type="checkbox" name="dept" value="${d}" />${t('Dept_' + d, d)}</label>`).join('')}</div>
        <div class="row"><select id="whistle-street">${geo.streets.features.map(f => `<option value="${f.properties.code}">${esc(f.properties.name)}</option>`).join('')}</select>
        <input id="whistle-minutes" type="number" min="1" value="30" style="width:5em" />${t('Minutes2')}<button id="blow">${t('BlowWhistle')}</button></div></div>
      <table id="whistles"><tbody></tbody></table>
      <h3>${t('CasesShort')}</h3><div id="cases"></div>
      <div class="actions"><div class="row"><input type="text" id="link-case" placeholder="${t('LinkCase')}" /><button id="link">${t('LinkCase')}</button></div>
        <div class="row"><input type="text" id="note" placeholder="${t('AddNote')}" /><button id="add-note">${t('AddNote')}</button></div>
        <div class="row"><input type="text" id="summary" placeholder="${t('Summary')}" /><button id="close">${t('CloseIncident')}</button></div></div>
      <h3>${t('Timeline')}</h3><ol id="timeline"></ol>`;
    const street = geo.byCode.get(geo.byCode.get(i.grid ?? '')?.parent ?? '')?.parent;
    if (street) root.querySelector('#whistle-street').value = street;
    root.querySelector('#adj-level').value = String(i.level);
    root.querySelector('#adj-commander').value = i.commander ?? '';
    for (const c of root.querySelectorAll('input[name=adj-street]')) c.checked = (i.streets ?? []).includes(c.value);
    root.querySelector('#adjust').onclick = () => {
      const streets = [...root.querySelectorAll('input[name=adj-street]:checked')].map(c => c.value);
      return act(`incidents/${i.id}/update`, {
        level: Number(root.querySelector('#adj-level').value), commander: root.querySelector('#adj-commander').value.trim() || null,
        streets: streets.length ? streets : null,
      });
    };
    root.querySelector('#load-units').onclick = () => loadUnits(i.id);
    root.querySelector('#dispatch-units').onclick = async () => {
      const units = [...root.querySelectorAll('#units input:checked')].map(c => ({ unitId: c.value, unitKind: c.dataset.kind }));
      await act(`incidents/${i.id}/orders`, { units });
      loadUnits(i.id);
    };
    root.querySelector('#blow').onclick = () => act('whistles', {
      street: root.querySelector('#whistle-street').value, incidentId: i.id,
      departments: [...root.querySelectorAll('input[name=dept]:checked')].map(c => c.value), deadlineMinutes: Number(root.querySelector('#whistle-minutes').value),
    });
    root.querySelector('#link').onclick = () => act(`incidents/${i.id}/link`, { caseId: root.querySelector('#link-case').value.trim() });
    root.querySelector('#add-note').onclick = async () => { if (await act(`incidents/${i.id}/note`, { note: root.querySelector('#note').value })) root.querySelector('#note').value = ''; };
    root.querySelector('#close').onclick = () => act(`incidents/${i.id}/close`, { note: root.querySelector('#summary').value || null });
    root.querySelector('#units').innerHTML = '';
  }

  function renderOrders(i) {
    root.querySelector('#orders tbody').innerHTML = i.orders.map(o => {
      const buttons = canDispatch && !i.closedAt ? o.next.map(s => `<button data-order="${o.id}" data-state="${s}">${t('Os_' + s, s)}</button>`).join('') : '';
      return `<tr data-order="${o.id}" data-deadline="${Date.parse(o.deadlineAt)}" data-live="${!i.closedAt && !["done", "cancelled"].includes(o.state) && !o.onSceneAt}">` +
        `<td>${t('Unit_' + o.unitKind, o.unitKind)} · ${esc(o.unitId)}</td><td class="state">${t('Os_' + o.state, o.state)}</td><td class="left"></td><td>${buttons}</td></tr>`;
    }).join('');
    for (const b of root.querySelectorAll('#orders button')) b.onclick = () => act(`orders/${b.dataset.order}/state`, { state: b.dataset.state });
  }

  function renderWhistles(i) {
    const mine = board.whistles.filter(w => w.incidentId === i.id);
    root.querySelector('#whistles tbody').innerHTML = mine.flatMap(w => w.departments.map(d => {
      const status = d.arrived ? t('Reported') : d.acknowledged ? t('Answered') : t('NoAnswer');
      const late = Date.now() > Date.parse(w.deadlineAt) && (!d.arrived || Date.parse(d.arrived) > Date.parse(w.deadlineAt));
      const buttons = canDispatch && !i.closedAt ? `${d.acknowledged ? '' : `<button data-w="${w.id}" data-d="${d.department}" data-s="acknowledged">${t('Answered')}</button>`}` +
        `${d.arrived ? '' : `<button data-w="${w.id}" data-d="${d.department}" data-s="arrived">${t('Reported')}</button>`}` : '';
      return `<tr class="${late ? 'late' : ''}" data-dept="${d.department}"><td>${esc(geo.nameOf(w.streetCode ?? w.street))}</td><td>${esc(t('Dept_' + d.department, d.department))}</td><td class="status">${status}${late ? ' · ' + t('Late') : ''}</td>` +
        `<td>${d.arrived ? hhmm(d.arrived) : d.acknowledged ? hhmm(d.acknowledged) : `≤ ${hhmm(w.deadlineAt)}`}</td><td>${buttons}</td></tr>`;
    })).join('');
    for (const b of root.querySelectorAll('#whistles button')) b.onclick = () => act(`whistles/${b.dataset.w}/report-in`, { department: b.dataset.d, state: b.dataset.s });
  }

  function renderCases(i) {
    root.querySelector('#cases').innerHTML = i.cases.map(c => `<div class="row" data-case="${esc(c.id)}">${esc(c.id)} · <b>${t('Cs_' + c.state, c.state)}</b> ` +
      (canDispatch && !i.closedAt ? c.next.map(s => `<button data-case="${esc(c.id)}" data-state="${s}">${t('Cs_' + s, s)}</button>`).join('') : '') + '</div>').join('');
    for (const b of root.querySelectorAll('#cases button')) b.onclick = () => act(`cases/${b.dataset.case}/state`, { state: b.dataset.state });
  }

  async function loadUnits(id) {
    const r = await fetch(`api/v1/console/units?incident=${encodeURIComponent(id)}&take=20`);
    const el = root.querySelector('#units');
    if (!r.ok) { el.textContent = (await r.json()).error; return; }
    el.innerHTML = (await r.json()).map(u => `<div class="row unit" data-unit="${esc(u.id)}"><label><input type="checkbox" value="${esc(u.id)}" data-kind="${u.kind}" ${u.busyOn ? 'disabled' : ''} />` +
      `${t('Unit_' + u.kind, u.kind)} · ${esc(u.name)}</label> ${u.distanceKm} ${t('Km')} · ETA ${u.etaMinutes} ${t('Minutes2')}${u.busyOn ? ` · ${t('Busy')} ${esc(u.busyOn)}` : ''}</div>`).join('');
  }

  async function act(path, body) {
    const msg = root.querySelector('#board-msg');
    const r = await post(`api/v1/console/${path}`, { requestId: crypto.randomUUID(), ...body });
    const res = await r.json().catch(() => ({}));
    if (msg) msg.textContent = r.ok ? '' : (res.error ?? `HTTP ${r.status}`);
    return r.ok ? res : null;
  }

  function drawUnits(i) {
    const wanted = new Map((i?.orders ?? []).filter(o => o.lon != null).map(o => [o.id, o]));
    for (const [id, m] of unitMarkers) if (!wanted.has(id)) { m.remove(); unitMarkers.delete(id); }
    for (const [id, o] of wanted) {
      let m = unitMarkers.get(id);
      if (!m) {
        const el = document.createElement('div');
        el.title = o.unitId;
        m = new maplibregl.Marker({ element: el }).setLngLat([o.lon, o.lat]).addTo(map.map);
        unitMarkers.set(id, m);
      }
      m.getElement().className = `unit-marker ${o.state}`;
      m.getElement().textContent = t('Unit_' + o.unitKind, o.unitKind).slice(0, 1);
    }
  }

  function tick() {
    const now = Date.now();
    for (const el of root.querySelectorAll('.elapsed')) el.textContent = age(now - Number(el.dataset.since));
    for (const tr of root.querySelectorAll('#orders tr[data-order]')) {
      const left = Number(tr.dataset.deadline) - now;
      const live = tr.dataset.live === 'true';
      tr.classList.toggle('overdue', live && left < 0);
      tr.querySelector('.left').textContent = live ? (left < 0 ? `${t('Late')} ${age(-left)}` : age(left)) : '';
    }
  }
  setInterval(tick, 1000);

  async function openFromAlarm(a) {
    const r = await post('api/v1/console/incidents', {
      requestId: crypto.randomUUID(), title: `${t('Kind_' + a.kind, a.kind)} · ${geo.placeOf(a.grid)}`, level: Math.min(4, a.severity), gridCode: a.grid, alarmIds: [a.id],
    });
    const res = await r.json().catch(() => ({}));
    if (r.ok) { selected = res.extra.incidentId; builtFor = null; const label = geo.byCode.get(a.grid)?.label; if (label) map.map.flyTo({ center: label, zoom: 14 }); }
    return { ok: r.ok, error: res.error };
  }

  return { set, select, openFromAlarm, get selected() { return selected; }, get board() { return board; } };
}
