// The coordinators' board in the console: incidents (orders, nearest units, whistle and report-in,
// linked cases, timeline, close) — every button is one console action with a request id.
// Everything is built as DOM nodes (dom.js): data is text, never markup.
import { t } from './i18n.js';
import { age } from './panels.js';
import { el, fill } from './dom.js';
import { fmtClock as hhmm } from './time.js';
import { errorText } from './errors.js';
import { supplyPanel, renderSupplies, itemName, amount } from './supplies.js';
import { createPlans } from './checklist.js';

const DEPARTMENTS = ['公安', '消防', '城管', '市场监管', '卫健', '应急管理', '住建', '交通'];
const ROMAN = ['', 'I', 'II', 'III', 'IV'];
const lvl = level => el('span', { class: `lvl sev${Number(level)}` }, ROMAN[level] ?? String(level));
const named = (id, name) => el('span', { class: 'name', title: id }, name || id);   // a unit or person by name, the id on hover

export function createBoard({ geo, map, post, canDispatch }) {
  const tabs = document.getElementById('incident-tabs');
  const root = document.getElementById('incident');
  let board = { incidents: [], whistles: [] }, selected = null, builtFor = null;
  const $ = sel => root.querySelector(sel);
  const plans = createPlans({ root, act: (path, body) => act(path, body), canDispatch });

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
    fill(tabs, board.incidents.map(i => el('button', {
      class: [i.id === selected && 'active', i.closedAt && 'closed'].filter(Boolean).join(' '), dataset: { id: i.id }, title: i.id,
      onclick: () => select(i.id),
    }, lvl(i.level), ' ', i.title)));
    const i = current();
    if (!i) { root.replaceChildren(); builtFor = null; drawUnits(null); return; }
    if (builtFor !== i.id) { build(i); plans.loadProposals(i); }
    fill($('.head'),
      el('span', { class: `lvl sev${Number(i.level)}` }, t('LevelOf').replace('{0}', ROMAN[i.level] ?? i.level)), ' ',
      el('b', { title: i.id }, i.title), ` · ${t('Commander')} ${i.commander ?? '—'}`,
      i.streets?.length ? ` · ${t('Scope')} ${i.streets.map(c => geo.nameOf(c)).join('、')}` : null,
      ` · ${hhmm(i.openedAt)} `, el('span', { class: 'elapsed', dataset: { since: Date.parse(i.openedAt) } }),
      i.closedAt ? ` · ${t('CloseIncident')} ${hhmm(i.closedAt)}：${i.summary ?? ''}` : null);
    renderOrders(i);
    renderDepartments(i);
    renderWhistles(i);
    renderCases(i);
    renderSupplies($('#supplies tbody'), i, canDispatch && !i.closedAt, act);
    plans.render(i);
    const names = new Map([...i.orders.map(o => [o.unitId, o.unitName]), ...(i.supplies ?? []).map(o => [o.depotId, o.depotName])]);
    fill($('#timeline'), [...i.timeline].reverse().map(e =>
      el('li', { dataset: { kind: e.kind } }, el('span', { class: 't' }, hhmm(e.at)), el('span', {}, fact(e, names), ' · ', e.actor ?? ''))));
    for (const a of root.querySelectorAll('.actions')) a.hidden = !canDispatch || !!i.closedAt;
    drawUnits(i);
    tick();
  }

  // One timeline fact in the viewer's language: the template Tl_{kind} with the fact's values as text nodes.
  function fact(e, names) {
    const value = name => {
      switch (name) {
        case 'level': return ROMAN[Number(e.to)] ?? e.to;
        case 'from': case 'to': {
          const v = name === 'from' ? e.from : e.to;
          if (v == null) return '—';
          if (e.kind === 'level') return ROMAN[Number(v)] ?? v;
          if (e.kind === 'order' || e.kind === 'dispatched') return t('Os_' + v, v);
          if (e.kind === 'case_changed') return t('Cs_' + v, v);
          if (e.kind === 'report_in') return t('Ri_' + v, v);
          if (e.kind === 'supply_ordered' || e.kind === 'supply_order') return t('Ss_' + v, v);
          if (e.kind === 'plan_step') return t('Ps_' + v, v);
          return v;
        }
        case 'text': return e.text ?? '';
        case 'subject': return e.subject ?? '';
        case 'unit': return named(e.unit, names.get(e.unit));
        case 'unitKind': return t('Unit_' + e.unitKind, e.unitKind ?? '');
        case 'item': return e.item ? itemName(e.item) : '';
        case 'quantity': return e.quantity != null ? amount(e.quantity, e.item) : '';
        case 'place': return e.place ? geo.nameOf(e.place) : '';
        case 'items': return (e.items ?? []).map(x => e.kind === 'scope' ? geo.nameOf(x) : t('Dept_' + x, x)).join('、');
        case 'choice': return e.to === 'cancel' || e.to === 'keep' ? t('Tl_closed_' + e.to).replace('{count}', String(e.items?.length ?? 0)) : '';
        default: return '';
      }
    };
    const parts = t('Tl_' + e.kind, e.kind).split(/\{([A-Za-z]+)\}/).map((p, k) => k % 2 ? value(p) : p);
    if (e.kind === 'closed' && e.text) parts.push(t('Tl_summary', '：{text}').replace('{text}', e.text));
    return parts;
  }

  const button = (id, text, onclick) => el('button', { id, onclick }, text);
  const row = (...children) => el('div', { class: 'row' }, ...children);

  function build(i) {
    builtFor = i.id;
    const streets = geo.streets.features.map(f => f.properties);
    const home = geo.byCode.get(geo.byCode.get(i.grid ?? '')?.parent ?? '')?.parent;
    const adjust = () => {
      const scope = [...root.querySelectorAll('input[name=adj-street]:checked')].map(c => c.value);
      return act(`incidents/${i.id}/update`, {
        level: Number($('#adj-level').value), commander: $('#adj-commander').value.trim() || null,
        streets: scope.length ? scope : null,
      });
    };
    const dispatchUnits = async () => {
      const units = [...root.querySelectorAll('#units input:checked')].map(c => ({ unitId: c.value, unitKind: c.dataset.kind }));
      await act(`incidents/${i.id}/orders`, { units });
      loadUnits(i.id);
    };
    const blow = () => act('whistles', {
      street: $('#whistle-street').value, incidentId: i.id,
      departments: [...root.querySelectorAll('input[name=dept]:checked')].map(c => c.value), deadlineMinutes: Number($('#whistle-minutes').value),
    });
    const note = async () => { if (await act(`incidents/${i.id}/note`, { note: $('#note').value })) $('#note').value = ''; };
    fill(root,
      el('div', { class: 'head' }), el('div', { class: 'msg', id: 'board-msg' }),
      el('details', { class: 'actions adjust' }, el('summary', {}, t('AdjustResponse')),
        row(el('label', {}, t('Level'), ' ', el('select', { id: 'adj-level', value: String(i.level) }, [1, 2, 3, 4].map(l => el('option', { value: String(l) }, ROMAN[l])))),
          el('label', {}, t('Commander'), ' ', el('input', { type: 'text', id: 'adj-commander', maxlength: 200, value: i.commander ?? '' }))),
        el('div', { class: 'row scope' }, streets.map(s => el('label', {},
          el('input', { type: 'checkbox', name: 'adj-street', value: s.code, checked: (i.streets ?? []).includes(s.code) }), s.name))),
        row(button('adjust', t('Apply'), adjust))),
      el('h3', {}, t('Plans')), el('div', { id: 'plans' }), el('div', { class: 'actions proposals', id: 'plan-proposals' }),
      el('h3', {}, t('Orders')),
      el('table', { id: 'orders' }, el('thead', {}, el('tr', {}, el('th', {}, t('NearestUnits')), el('th', {}, t('State')), el('th', {}, t('Deadline')), el('th'))), el('tbody')),
      el('div', { class: 'actions' },
        row(button('load-units', t('NearestUnits'), () => loadUnits(i.id)), button('dispatch-units', t('DispatchUnits'), dispatchUnits)),
        el('div', { class: 'units', id: 'units' })),
      el('h3', {}, t('Whistle')),
      el('div', { class: 'actions' },
        el('div', { class: 'row', id: 'dept-row' }),
        row(el('select', { id: 'whistle-street', value: home ?? undefined }, streets.map(s => el('option', { value: s.code }, s.name))),
          el('input', { id: 'whistle-minutes', type: 'number', min: 1, value: '30', style: { width: '5em' } }), t('Minutes2'),
          button('blow', t('BlowWhistle'), blow))),
      el('table', { id: 'whistles' }, el('tbody')),
      supplyPanel(i, act),
      el('h3', {}, t('CasesShort')), el('div', { id: 'cases' }),
      el('div', { class: 'actions' },
        row(el('input', { type: 'text', id: 'link-case', placeholder: t('LinkCase') }),
          button('link', t('LinkCase'), () => act(`incidents/${i.id}/link`, { caseId: $('#link-case').value.trim() }))),
        row(el('input', { type: 'text', id: 'note', placeholder: t('AddNote') }), button('add-note', t('AddNote'), note)),
        row(el('input', { type: 'text', id: 'summary', placeholder: t('Summary') }), button('close', t('CloseIncident'), () => close(i))),
        el('div', { class: 'close-choice', id: 'close-choice', hidden: true })),
      el('h3', {}, t('Timeline')), el('ol', { id: 'timeline' }));
  }

  function renderOrders(i) {
    // a closed incident's orders can still move when its close kept them open (their `next` is not empty)
    const open = canDispatch;
    fill($('#orders tbody'), i.orders.map(o => el('tr', {
      dataset: { order: o.id, deadline: Date.parse(o.deadlineAt), live: !i.closedAt && !['done', 'cancelled'].includes(o.state) && !o.onSceneAt },
    },
    el('td', {}, `${t('Unit_' + o.unitKind, o.unitKind)} · `, named(o.unitId, o.unitName)),
    el('td', { class: 'state' }, t('Os_' + o.state, o.state)), el('td', { class: 'left' }),
    el('td', {}, open ? o.next.map(s => el('button', { dataset: { order: o.id, state: s }, onclick: () => act(`orders/${encodeURIComponent(o.id)}/state`, { state: s }) }, t('Os_' + s, s))) : null))));
  }

  // the departments a whistle can summon: the usual ones and those the incident's plans ask to notify (a whistle that
  // summons one does its plan step); what was ticked stays ticked
  function renderDepartments(i) {
    const box = $('#dept-row');
    const ticked = new Set([...box.querySelectorAll('input:checked')].map(c => c.value));
    const fromPlans = (i.plans ?? []).flatMap(p => p.steps.filter(s => s.action === 'notify' && s.department).map(s => s.department));
    const all = [...new Set([...DEPARTMENTS, ...fromPlans])];
    if (box.childElementCount === all.length) return;
    fill(box, all.map(d => el('label', {}, el('input', { type: 'checkbox', name: 'dept', value: d, checked: ticked.has(d) }), t('Dept_' + d, d))));
  }

  function renderWhistles(i) {
    const open = canDispatch && !i.closedAt;
    const mine = board.whistles.filter(w => w.incidentId === i.id);
    const reportIn = (w, d, s, text) => el('button', { dataset: { w: w.id, d: d.department, s },
      onclick: () => act(`whistles/${encodeURIComponent(w.id)}/report-in`, { department: d.department, state: s }) }, text);
    fill($('#whistles tbody'), mine.flatMap(w => w.departments.map(d => {
      const status = d.arrived ? t('Reported') : d.acknowledged ? t('Answered') : t('NoAnswer');
      const late = Date.now() > Date.parse(w.deadlineAt) && (!d.arrived || Date.parse(d.arrived) > Date.parse(w.deadlineAt));
      return el('tr', { class: late ? 'late' : null, dataset: { dept: d.department } },
        el('td', {}, geo.nameOf(w.streetCode ?? w.street)), el('td', {}, t('Dept_' + d.department, d.department)),
        el('td', { class: 'status' }, status, late ? ' · ' + t('Late') : null),
        el('td', {}, d.arrived ? hhmm(d.arrived) : d.acknowledged ? hhmm(d.acknowledged) : `≤ ${hhmm(w.deadlineAt)}`),
        el('td', {}, open ? [d.acknowledged ? null : reportIn(w, d, 'acknowledged', t('Answered')), d.arrived ? null : reportIn(w, d, 'arrived', t('Reported'))] : null));
    })));
  }

  function renderCases(i) {
    const open = canDispatch && !i.closedAt;
    fill($('#cases'), i.cases.map(c => el('div', { class: 'row', dataset: { case: c.id } },
      `${c.id} · `, el('b', {}, t('Cs_' + c.state, c.state)), ' ',
      open ? c.next.map(s => el('button', { dataset: { case: c.id, state: s }, onclick: () => act(`cases/${encodeURIComponent(c.id)}/state`, { state: s }) }, t('Cs_' + s, s))) : null)));
  }

  async function loadUnits(id) {
    const r = await fetch(`api/v1/console/units?incident=${encodeURIComponent(id)}&take=20`);
    const box = $('#units');
    if (!r.ok) { box.textContent = (await r.json().catch(() => ({}))).error ?? `HTTP ${r.status}`; return; }
    fill(box, (await r.json()).map(u => el('div', { class: 'row unit', dataset: { unit: u.id } },
      el('label', { title: u.id }, el('input', { type: 'checkbox', value: u.id, dataset: { kind: u.kind }, disabled: !!u.busyOn }), `${t('Unit_' + u.kind, u.kind)} · ${u.name}`),
      ` ${u.distanceKm} ${t('Km')} · ETA ${u.etaMinutes} ${t('Minutes2')}`, u.busyOn ? [' · ', el('span', { class: 'busy', title: u.busyOn }, t('Busy'))] : null)));
  }

  async function send(path, body) {
    const r = await post(`api/v1/console/${path}`, { requestId: crypto.randomUUID(), ...body });
    const res = await r.json().catch(() => ({}));
    const msg = $('#board-msg');
    if (msg) msg.textContent = r.ok ? '' : errorText(res, r.status);
    return { ok: r.ok, status: r.status, res };
  }

  async function act(path, body) {
    const { ok, res } = await send(path, body);
    return ok ? res : null;
  }

  // 处置结束: with orders still open or departments not reported in, the server asks what to do with the orders;
  // the choice is a small inline question (cancel them / keep them open / back), and the close is sent again with it.
  async function close(i, openOrders) {
    const box = $('#close-choice');
    const { ok, res } = await send(`incidents/${i.id}/close`, { note: $('#summary').value || null, openOrders });
    if (ok || res.code !== 'open_orders') { box.hidden = true; box.replaceChildren(); return; }
    const d = res.details ?? { orders: [], departments: [] };
    const list = (items, part) => items.flatMap((x, k) => k ? ['、', part(x)] : [part(x)]);
    fill(box,
      d.orders.length ? el('div', { class: 'open-orders' }, `${t('CloseOpenOrders')}：`,
        list(d.orders, o => el('span', {}, named(o.unitId, o.unitName), `（${t('Os_' + o.state, o.state)}）`))) : null,
      d.departments.length ? el('div', { class: 'absent' }, `${t('CloseAbsentDepartments')}：`,
        list(d.departments, x => t('Dept_' + x.department, x.department))) : null,
      el('div', { class: 'row' },
        el('button', { class: 'cancel-orders', onclick: () => close(i, 'cancel') }, t('CloseCancelOrders')),
        el('button', { class: 'keep-orders', onclick: () => close(i, 'keep') }, t('CloseKeepOrders')),
        el('button', { class: 'back', onclick: () => { box.hidden = true; $('#board-msg').textContent = ''; } }, t('CloseBack'))));
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
  }

  // the selected incident's units on the map (js/map.js draws them; a click opens the unit's card)
  function drawUnits(i) { map.setUnits(i?.orders ?? []); }

  function tick() {
    const now = Date.now();
    for (const e of root.querySelectorAll('.elapsed')) e.textContent = age(now - Number(e.dataset.since));
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
    return { ok: r.ok, error: r.ok ? null : errorText(res, r.status) };
  }

  // 风险预警 → 事件: an incident at the warning's grid, at the warning's level; its proposals include the plans for the
  // sensor's kind (a rising river gauge proposes the flood plan)
  async function openFromWarning(w) {
    const r = await post('api/v1/console/incidents', {
      requestId: crypto.randomUUID(), title: `${t('Sensor_' + w.kind, w.kind)}${t('WarningWord')} · ${geo.placeOf(w.grid)}`, level: w.level, gridCode: w.grid,
    });
    const res = await r.json().catch(() => ({}));
    if (r.ok) { selected = res.extra.incidentId; builtFor = null; const label = geo.byCode.get(w.grid)?.label; if (label) map.map.flyTo({ center: label, zoom: 14 }); }
    return { ok: r.ok, error: r.ok ? null : errorText(res, r.status) };
  }

  return { set, select, openFromAlarm, openFromWarning, get selected() { return selected; }, get board() { return board; } };
}
