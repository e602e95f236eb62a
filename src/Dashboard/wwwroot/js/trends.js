// 24-hour trend chart from the per-minute figures stored in InfluxDB (ECharts from npm). The axis is in the
// county's time zone (ECharts knows only UTC or the browser's zone) and spans only the hours that have data.
import * as echarts from '../lib/echarts/echarts.esm.min.mjs';
import { t } from './i18n.js';
import { fmtHourMinute } from './time.js';

export function createTrends(el) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  const k = Math.max(1, innerHeight / 1080); // 4K walls: scale the chart's pixel sizes with the screen
  const axis = { axisLine: { lineStyle: { color: '#2b4a6b' } }, axisLabel: { color: '#7f9bb8', fontSize: 11 * k }, splitLine: { lineStyle: { color: '#132a44' } } };
  chart.setOption({
    animation: false,
    grid: { left: 36 * k, right: 36 * k, top: 26 * k, bottom: 22 * k },
    legend: { top: 0, textStyle: { color: '#b8cce0', fontSize: 11 * k }, itemWidth: 14 * k, itemHeight: 8 * k },
    // richText: ECharts' HTML tooltip writes inline style attributes, which the Content-Security-Policy refuses
    tooltip: { trigger: 'axis', renderMode: 'richText' },
    xAxis: { type: 'time', ...axis, axisLabel: { ...axis.axisLabel, formatter: v => fmtHourMinute(v), hideOverlap: true }, splitLine: { show: false } },
    yAxis: [{ type: 'value', ...axis }, { type: 'value', ...axis, splitLine: { show: false } }],
    series: [
      { name: t('TrendAlarms'), type: 'line', showSymbol: false, color: '#ff8a1f', data: [] },
      { name: t('TrendCases'), type: 'line', showSymbol: false, color: '#4fc3f7', data: [] },
      { name: t('TrendOverdue'), type: 'line', showSymbol: false, color: '#ff4fd8', data: [] },
      { name: t('TrendOnDuty'), type: 'line', showSymbol: false, color: '#29d17d', yAxisIndex: 1, data: [] },
    ],
  });
  async function refresh() {
    try {
      const r = await fetch('api/v1/trends?hours=24');
      if (!r.ok) return;
      const d = await r.json();
      const zip = ys => d.times.map((x, i) => [x, ys[i]]);
      // from the first bucket with data (or the hour before now) to now: a fresh start is not drawn as two empty days
      const until = d.until ?? Date.now();
      const min = Math.min(d.times[0] ?? until, until - 3600_000);
      chart.setOption({ xAxis: { min, max: until }, series: [{ data: zip(d.alarms) }, { data: zip(d.cases) }, { data: zip(d.overdue) }, { data: zip(d.onDuty) }] });
    } catch { /* the next refresh tries again */ }
  }
  refresh();
  setInterval(refresh, 60_000);
  new ResizeObserver(() => chart.resize()).observe(el);
  return { refresh, chart };
}
