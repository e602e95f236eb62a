// The console API's refusals in the viewer's language: rendered here from the answer's machine-readable `code` and
// `args` with the UiText template Err_{code} (times in the county's time zone), else the server's own (already
// localised) `error` text.
import { t } from './i18n.js';
import { fmtDateTime } from './time.js';

const known = key => t(key, '') || null;   // t() falls back to the key; '' marks "no such string"
const state = v => known('Os_' + v) ?? known('Cs_' + v) ?? v;

function arg(name, value) {
  if (value == null || value === '') return '—';
  if (name === 'at') return fmtDateTime(value);
  if (name === 'from' || name === 'to' || name === 'state') return state(value);
  if (name === 'legal') return String(value).split(',').filter(Boolean).map(state).join('、');
  if (name === 'department') return t('Dept_' + value, value);
  return String(value);
}

/** The text to show for a failed console answer (body = its JSON, status = the HTTP status). */
export function errorText(body, status) {
  const template = body?.code ? known('Err_' + body.code) : null;
  if (template) return template.replace(/\{([a-z]+)\}/g, (_, k) => arg(k, body.args?.[k]));
  return body?.error ?? `HTTP ${status}`;
}
