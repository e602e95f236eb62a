// 应急物资: the county's stock by item with what is below minimum (console section and wall panel), and an incident's
// supply orders with "find depots → order" (the console's incident panel). DOM nodes only: data is text, never markup.
import { t } from './i18n.js';
import { el, fill } from './dom.js';

export const ITEMS = ['sandbags', 'pumps', 'tents', 'lifejackets', 'generators', 'water', 'blankets', 'lights'];
export const itemName = item => t('Supply_' + item, item);
export const amount = (n, item) => `${n}${t('SupplyUnit_' + item, '')}`;

/**
 * The county's stock by item — one tile per item: its name and unit, what is available (the title: on hand, reserved,
 * how many depots are below their minimum) — and above them the worst depot items below their minimum (at most 3).
 */
export function renderStock(container, view) {
  if (!container || !view) return;
  const title = i => `${t('OnHand')} ${i.onHand} · ${t('Reserved')} ${i.reserved} · ${t('Minimum')} ${i.minimum}` +
    (i.depotsBelowMinimum ? ` · ${t('DepotsBelow').replace('{0}', i.depotsBelowMinimum)}` : '');
  const tiles = el('div', { class: 'stock-tiles' }, view.items.map(i => el('span', {
    class: i.depotsBelowMinimum ? 'low' : null, title: title(i), dataset: { item: i.item, available: i.available, onHand: i.onHand },
  }, el('small', {}, t('ItemWithUnit').replace('{0}', itemName(i.item)).replace('{1}', t('SupplyUnit_' + i.item, ''))), el('b', {}, String(i.available)))));
  const shortages = view.belowMinimum.length
    ? el('ol', { class: 'shortages' }, view.belowMinimum.slice(0, 3).map(s => el('li', { dataset: { depot: s.depotId, item: s.item },
      title: `${s.depotName} · ${itemName(s.item)} ${amount(s.available, s.item)} / ${t('Minimum')} ${s.minimum}` },
      '⚠ ', `${s.depotName} · ${itemName(s.item)} `, el('b', {}, amount(s.available, s.item)), ` / ${t('Minimum')} ${s.minimum}`)))
    : null;
  fill(container, shortages, tiles);
}

/** The count of depot items below minimum, for a panel's title. */
export const shortageCount = view => view?.belowMinimum?.length ?? 0;

/**
 * An incident's supply orders and the form to order more: pick an item and a quantity, find the nearest depots with
 * enough available, order from one. <paramref name="act"/> posts a console action and answers the result (or null).
 */
export function supplyPanel(incident, act) {
  const findDepots = async () => {
    const item = document.getElementById('supply-item').value, quantity = Number(document.getElementById('supply-qty').value);
    const box = document.getElementById('depots');
    const r = await fetch(`api/v1/console/depots?incident=${encodeURIComponent(incident.id)}&item=${item}&quantity=${quantity}&take=5`);
    const body = await r.json().catch(() => ({}));
    if (!r.ok) { box.textContent = body.error ?? `HTTP ${r.status}`; return; }
    if (!body.length) { box.textContent = t('NoDepotHasEnough'); return; }
    fill(box, body.map(d => el('div', { class: 'row depot', dataset: { depot: d.id } },
      el('span', { title: d.id }, d.name), ` · ${d.distanceKm} ${t('Km')} · ${t('Available')} ${amount(d.available, item)} `,
      el('button', { class: 'order-supplies', dataset: { depot: d.id }, onclick: async () => {
        if (await act(`incidents/${incident.id}/supplies`, { depotId: d.id, item, quantity })) findDepots();
      } }, t('OrderSupplies')))));
  };
  return [
    el('h3', {}, t('Supplies')),
    el('table', { id: 'supplies' }, el('tbody')),
    el('div', { class: 'actions' },
      el('div', { class: 'row' },
        el('select', { id: 'supply-item' }, ITEMS.map(i => el('option', { value: i }, itemName(i)))),
        el('input', { id: 'supply-qty', type: 'number', min: 1, value: '10', style: { width: '5em' } }),
        el('button', { id: 'find-depots', onclick: findDepots }, t('FindDepots'))),
      el('div', { class: 'units', id: 'depots' })),
  ];
}

/** The incident's supply orders: depot, item × quantity, state, and buttons for the next states. */
export function renderSupplies(tbody, incident, canDispatch, act) {
  if (!tbody) return;
  fill(tbody, (incident.supplies ?? []).map(o => el('tr', { dataset: { supply: o.id, state: o.state } },
    el('td', { title: o.depotId }, o.depotName), el('td', {}, `${itemName(o.item)} × ${amount(o.quantity, o.item)}`),
    el('td', { class: 'state' }, t('Ss_' + o.state, o.state)),
    el('td', {}, canDispatch ? o.next.map(s => el('button', { dataset: { supply: o.id, state: s },
      onclick: () => act(`supplies/${encodeURIComponent(o.id)}/state`, { state: s }) }, t('Ss_' + s, s))) : null))));
}
