// The card a duty officer opens from a warning (a row of the warnings panel or a ring on the map): the sensor's
// reading, colour and cause, and its last 24 hours from the event log (GET api/v1/sensors/{id}/readings). It closes by
// itself (js/mapcard.js).
import * as echarts from '../lib/echarts/echarts.esm.min.mjs';
import { t } from './i18n.js';
import { fmtHourMinute } from './time.js';
import { age } from './panels.js';
import { mapCard } from './mapcard.js';

const ROMAN = ['', 'I', 'II', 'III', 'IV'];

export function createSensorCard(geo, { now = () => Date.now() } = {}) {
  const card = document.getElementById('sensor-card');
  if (!card) return { show() {}, hide() {} };
  const $ = sel => card.querySelector(sel);
  const frame = mapCard(card);
  let chart = null, shown = null;

  async function show(w) {
    shown = w.sensor;
    frame.open();
    card.dataset.sensor = w.sensor;
    card.className = `map-card sensor-card w${w.level}`;
    $('.title').textContent = `${t('Sensor_' + w.kind, w.kind)} ${w.sensor}`;
    $('.place').textContent = geo.placeOf(w.grid);
    $('.level').textContent = ROMAN[w.level];
    $('.reading').textContent = w.cause === 'silent' ? t('WarningSilent') : `${w.value} ${w.unit}`;
    $('.cause').textContent = `${t('Cause_' + w.cause, w.cause)} · ${age(now() - Date.parse(w.since))}`;
    chart ??= echarts.init($('.chart'), null, { renderer: 'canvas' });
    const k = Math.max(1, innerHeight / 1080);
    const axis = { axisLine: { lineStyle: { color: '#2b4a6b' } }, axisLabel: { color: '#7f9bb8', fontSize: 11 * k }, splitLine: { lineStyle: { color: '#132a44' } } };
    chart.setOption({
      animation: false, grid: { left: 40 * k, right: 14 * k, top: 14 * k, bottom: 22 * k },
      xAxis: { type: 'time', ...axis, axisLabel: { ...axis.axisLabel, formatter: v => fmtHourMinute(v), hideOverlap: true }, splitLine: { show: false } },
      yAxis: { type: 'value', scale: true, ...axis, name: w.unit, nameTextStyle: { color: '#7f9bb8', fontSize: 11 * k } },
      series: [{ type: 'line', showSymbol: false, color: '#4fc3f7', data: [] }],
    }, true);
    try {
      const r = await fetch(`api/v1/sensors/${encodeURIComponent(w.sensor)}/readings?grid=${encodeURIComponent(w.grid)}&hours=24`);
      if (!r.ok || shown !== w.sensor || !frame.shown) return;
      const d = await r.json();
      chart.setOption({ series: [{ data: d.times.map((x, i) => [x, d.values[i]]) }] });
      card.dataset.points = d.times.length;
    } catch { /* the card still shows the reading */ }
  }

  return { show, hide: frame.hide, get chart() { return chart; } };
}
