// 应急预案: the plan library, the editor (each save is the plan's next version, from the version edited) and the
// version history with a read-only view of any version. Data becomes DOM text (dom.js), never markup.
import { t } from './i18n.js';
import { el as h, fill } from './dom.js';
import { fmtDateTime } from './time.js';

const csrf = document.querySelector('meta[name="csrf-token"]').content;
const vocab = JSON.parse(document.getElementById('plan-vocabulary').textContent);
const $ = id => document.getElementById(id);
const form = $('plan-form');
const ROMAN = ['', 'I', 'II', 'III', 'IV'];
const fmt = (key, ...args) => t(key).replace(/\{(\d)\}/g, (_, i) => args[+i]);
const streetName = code => vocab.streets.find(s => s.code === code)?.name ?? code;
const poiName = id => vocab.pois.find(p => p.id === id)?.name ?? id;

// the plan being edited: id, the version it started from (0 = new), its steps as plain objects
let editing = null;

async function call(method, url, body) {
  const init = { method, headers: { 'X-CSRF-TOKEN': csrf } };
  if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
  const r = await fetch(url, init);
  const res = await r.json().catch(() => ({}));
  return { ok: r.ok, status: r.status, res };
}

// ---- the library ----
async function loadPlans() {
  const plans = await (await fetch('api/v1/plans?retired=true')).json();
  fill($('plans').tBodies[0], plans.map(p => h('tr', { dataset: { plan: p.id }, class: p.retired ? 'retired' : '' },
    h('td', null, p.name), h('td', null, p.alarmKinds.map(k => t('Kind_' + k, k)).join('、')),
    h('td', null, p.levels.map(l => ROMAN[l]).join(' ')), h('td', null, p.steps.length),
    h('td', { class: 'version' }, p.version), h('td', null, p.savedBy ?? ''), h('td', null, p.savedAt ? fmtDateTime(p.savedAt) : ''),
    h('td', null, p.retired ? t('PlanRetired') : t('PlanCurrent')),
    h('td', { class: 'actions' },
      h('button', { type: 'button', onclick: () => edit(p.id) }, t('Edit')),
      h('button', { type: 'button', onclick: () => showHistory(p.id) }, t('PlanHistory')),
      p.retired ? null : h('button', { type: 'button', onclick: () => retire(p) }, t('PlanRetire'))))));
}

async function retire(p) {
  if (!confirm(fmt('PlanRetireConfirm', p.name))) return;
  const r = await call('DELETE', `api/v1/plans/${encodeURIComponent(p.id)}?expectedVersion=${p.version}`);
  $('plans-msg').textContent = r.ok ? '' : (r.res.detail ?? r.res.title ?? `HTTP ${r.status}`);
  await loadPlans();
  if ($('history-of').dataset.plan === p.id) showHistory(p.id);
}

// ---- the editor ----
async function edit(id) {
  const r = await fetch(`api/v1/plans/${encodeURIComponent(id)}`);
  if (!r.ok) { $('plans-msg').textContent = `HTTP ${r.status}`; return; }
  open(await r.json());
  showHistory(id);
}

function open(plan) {
  editing = { id: plan?.id ?? '', version: plan?.version ?? 0, steps: (plan?.steps ?? []).map(s => ({ ...s })) };
  $('editor-panel').hidden = false;
  $('editor-title').textContent = plan ? fmt('PlanEditing', plan.name, plan.version) : t('PlanCreating');
  form.id.value = editing.id;
  form.id.readOnly = !!plan;
  form.name.value = plan?.name ?? '';
  for (const c of form.querySelectorAll('input[name=alarmKinds]')) c.checked = !!plan?.alarmKinds.includes(c.value);
  for (const c of form.querySelectorAll('input[name=levels]')) c.checked = !!plan?.levels.includes(+c.value);
  if (!plan) addStep();
  drawSteps();
  showErrors({});
  message('');
  $('plan-reload').hidden = true;
  $('editor-panel').scrollIntoView({ block: 'start' });
}

function addStep() {
  const used = new Set(editing.steps.map(s => s.id));
  let n = editing.steps.length + 1;
  while (used.has(`s${n}`)) n++;
  editing.steps.push({ id: `s${n}`, action: 'notify', title: '', withinMinutes: 30, role: '' });
}

// one list item per step: the common fields, then the fields of its action; every input names its field for errors
function drawSteps() {
  fill($('plan-steps'), editing.steps.map((s, i) => {
    const at = `steps[${i}]`;
    const input = (field, attrs) => h('input', {
      ...attrs, name: field, dataset: { field: `${at}.${field}` }, value: s[field] ?? '',
      oninput: e => { s[field] = attrs.type === 'number' ? (e.target.value === '' ? null : +e.target.value) : e.target.value; },
    });
    const select = (field, options, label) => h('select', {
      name: field, dataset: { field: `${at}.${field}` }, value: s[field] ?? '', onchange: e => { s[field] = e.target.value; if (field === 'action') drawSteps(); },
    }, options.map(o => h('option', { value: o }, label(o))));
    return h('li', { class: 'step', dataset: { step: s.id } },
      h('div', { class: 'row' },
        h('label', null, t('StepAction'), ' ', select('action', vocab.actions, a => t('Action_' + a, a))),
        h('label', { class: 'wide' }, t('StepTitle'), ' ', input('title', { maxlength: 200 })),
        h('label', null, t('StepWithin'), ' ', input('withinMinutes', { type: 'number', min: 1, max: 10080, class: 'num' })),
        h('label', null, t('StepRole'), ' ', input('role', { maxlength: 64, class: 'short' })),
        h('span', { class: 'step-tools' },
          h('button', { type: 'button', title: t('StepUp'), 'aria-label': t('StepUp'), disabled: i === 0, onclick: () => move(i, -1) }, '↑'),
          h('button', { type: 'button', title: t('StepDown'), 'aria-label': t('StepDown'), disabled: i === editing.steps.length - 1, onclick: () => move(i, 1) }, '↓'),
          h('button', { type: 'button', title: t('StepRemove'), 'aria-label': t('StepRemove'), class: 'remove', onclick: () => { editing.steps.splice(i, 1); drawSteps(); } }, '×'))),
      h('div', { class: 'row action-fields' }, actionFields(s, at, input, select)));
  }));
}

function actionFields(s, at, input, select) {
  switch (s.action) {
    case 'notify': return h('label', null, t('StepDepartment'), ' ', input('department', { maxlength: 64 }));
    case 'dispatch': return [
      h('label', null, t('StepUnitKind'), ' ', select('unitKind', ['', ...vocab.unitKinds], k => k ? t('Unit_' + k, k) : '—')),
      h('label', null, t('StepCount'), ' ', input('count', { type: 'number', min: 1, max: 50, class: 'num' }))];
    case 'shelter': return h('label', null, t('StepPoi'), ' ', select('poi', ['', ...vocab.pois.map(p => p.id)], id => id ? poiName(id) : '—'));
    case 'warn': {
      const chosen = new Set(s.streets ?? []);
      return h('label', null, t('StepStreets'), ' ', h('select', {
        multiple: true, size: 4, name: 'streets', dataset: { field: `${at}.streets` },
        onchange: e => { s.streets = [...e.target.selectedOptions].map(o => o.value); },
      }, vocab.streets.map(st => h('option', { value: st.code, selected: chosen.has(st.code) }, st.name))));
    }
    case 'supplies': return [
      h('label', null, t('StepItem'), ' ', select('item', ['', ...new Set([...vocab.items, ...(s.item ? [s.item] : [])])], i => i ? t('Supply_' + i, i) : '—')),
      h('label', null, t('StepQuantity'), ' ', input('quantity', { type: 'number', min: 1, max: 1000000, class: 'num' }))];
  }
  return null;
}

function move(i, by) {
  const [s] = editing.steps.splice(i, 1);
  editing.steps.splice(i + by, 0, s);
  drawSteps();
}

// what is sent: each step with its action's own fields only
function body() {
  const own = { notify: ['department'], dispatch: ['unitKind', 'count'], shelter: ['poi'], warn: ['streets'], supplies: ['item', 'quantity'] };
  return {
    name: form.name.value.trim(),
    alarmKinds: [...form.querySelectorAll('input[name=alarmKinds]:checked')].map(c => c.value),
    levels: [...form.querySelectorAll('input[name=levels]:checked')].map(c => +c.value),
    steps: editing.steps.map(s => {
      const step = { id: s.id, action: s.action, title: (s.title ?? '').trim(), withinMinutes: s.withinMinutes ?? 0, role: (s.role ?? '').trim() };
      for (const f of own[s.action] ?? []) step[f] = f === 'streets' ? (s.streets ?? []) : (s[f] === '' ? null : s[f] ?? null);
      return step;
    }),
    expectedVersion: editing.version,
  };
}

function message(text, error = false) {
  $('plan-msg').textContent = text;
  $('plan-msg').classList.toggle('error', error);
}

const enclosing = f => { const up = f.replace(/(\[\d+\]|\.[^.[\]]+)$/, ''); return up === f ? '' : up; };

// an error sits at its field: the element naming it, else the nearest enclosing field (steps[2].streets[0] → steps[2].streets)
function showErrors(errors) {
  for (const n of form.querySelectorAll('.field-error')) n.remove();
  for (const n of form.querySelectorAll('.invalid')) { n.classList.remove('invalid'); n.removeAttribute('aria-invalid'); }
  for (const [field, messages] of Object.entries(errors)) {
    let target = null;
    for (let f = field; f && !target; f = enclosing(f)) target = form.querySelector(`[data-field="${CSS.escape(f)}"]`);
    target ??= $('plan-save');
    target.classList.add('invalid');
    target.setAttribute('aria-invalid', 'true');
    // the rule in the viewer's language; the server's exact words on hover
    const rule = field.replace(/\[\d+\]/g, '').split('.').pop();
    const note = h('span', { class: 'field-error', dataset: { errorFor: field }, title: messages.join(' ') }, t('PlanErr_' + rule, messages.join(' ')));
    (target.closest('label') ?? target).after(note);
  }
}

form.onsubmit = async ev => {
  ev.preventDefault();
  const id = form.id.value.trim();
  const r = await call('PUT', `api/v1/plans/${encodeURIComponent(id || '-')}`, body());
  if (r.ok) {
    showErrors({});
    message(fmt('PlanSavedOk', r.res.version));
    editing.version = r.res.version;
    editing.id = r.res.id;
    form.id.readOnly = true;
    $('editor-title').textContent = fmt('PlanEditing', r.res.name, r.res.version);
    await loadPlans();
    await showHistory(r.res.id);
    return;
  }
  if (r.status === 422 && r.res.errors) { showErrors(r.res.errors); message(t('PlanInvalid'), true); return; }
  if (r.status === 409) { message(fmt('PlanStale', r.res.currentVersion), true); $('plan-reload').hidden = false; return; }
  message(r.res.detail ?? r.res.error ?? r.res.title ?? `HTTP ${r.status}`, true);
};

$('plan-new').onclick = () => open(null);
$('step-add').onclick = () => { addStep(); drawSteps(); };
$('plan-cancel').onclick = () => { $('editor-panel').hidden = true; editing = null; };
$('plan-reload').onclick = () => edit(editing.id);

// ---- history and a read-only view of any version ----
async function showHistory(id) {
  const r = await fetch(`api/v1/plans/${encodeURIComponent(id)}/history`);
  if (!r.ok) return;
  const versions = await r.json();
  const of = $('history-of');
  of.dataset.plan = id;
  of.textContent = versions.at(-1)?.name ?? id;
  $('history-none').hidden = true;
  $('history').hidden = false;
  $('version-view').hidden = true;
  fill($('history').tBodies[0], versions.slice().reverse().map(v => h('tr', { dataset: { version: v.version } },
    h('td', null, v.version), h('td', null, fmtDateTime(v.savedAt)), h('td', null, v.savedBy ?? ''),
    h('td', null, v.retired ? t('PlanRetired') : ''),
    h('td', null, h('button', { type: 'button', onclick: () => view(v) }, t('PlanView'))))));
}

function stepDetail(s) {
  switch (s.action) {
    case 'notify': return s.department;
    case 'dispatch': return `${t('Unit_' + s.unitKind, s.unitKind)} × ${s.count}`;
    case 'shelter': return poiName(s.poi);
    case 'warn': return s.streets?.length ? s.streets.map(streetName).join('、') : t('PlanScope');
    case 'supplies': return `${t('Supply_' + s.item, s.item)} × ${s.quantity}`;
  }
  return '';
}

function view(v) {
  const box = $('version-view');
  box.hidden = false;
  box.dataset.version = v.version;
  fill(box,
    h('h3', null, fmt('PlanVersionOf', v.version), ' · ', v.name),
    h('p', null, `${t('PlanKinds')}: ${v.alarmKinds.map(k => t('Kind_' + k, k)).join('、')} · ${t('PlanLevels')}: ${v.levels.map(l => ROMAN[l]).join(' ')}`,
      ` · ${t('PlanSavedBy')}: ${v.savedBy ?? ''} · ${fmtDateTime(v.savedAt)}`, v.retired ? ` · ${t('PlanRetired')}` : ''),
    h('table', { class: 'steps' },
      h('thead', null, h('tr', null, h('th', null, '#'), h('th', null, t('StepAction')), h('th', null, t('StepTitle')), h('th', null, t('StepWithin')),
        h('th', null, t('StepRole')), h('th', null, ''))),
      h('tbody', null, v.steps.map((s, i) => h('tr', { dataset: { step: s.id } }, h('td', null, i + 1), h('td', null, t('Action_' + s.action, s.action)),
        h('td', null, s.title), h('td', { class: 'within' }, fmt('PlanWithin', s.withinMinutes)), h('td', null, s.role), h('td', null, stepDetail(s)))))));
}

loadPlans();
