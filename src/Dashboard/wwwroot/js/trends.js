// 24-hour trend chart from the per-minute figures stored in InfluxDB (ECharts from npm).
import * as echarts from '../lib/echarts/echarts.esm.min.mjs';
import { t } from './i18n.js';

export function createTrends(el) {
  const chart = echarts.init(el, null, { renderer: 'canvas' });
  const k = Math.max(1, innerHeight / 1080); // 4K walls: scale the chart's pixel sizes with the screen
  const axis = { axisLine: { lineStyle: { color: '#2b4a6b' } }, axisLabel: { color: '#7f9bb8', fontSize: 11 * k }, splitLine: { lineStyle: { color: '#132a44' } } };
  chart.setOption({
    animation: false,
    grid: { left: 36 * k, right: 36 * k, top: 26 * k, bottom: 22 * k },
    legend: { top: 0, textStyle: { color: '#b8cce0', fontSize: 11 * k }, itemWidth: 14 * k, itemHeight: 8 * k },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'time', ...axis, splitLine: { show: false } },
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
      chart.setOption({ series: [{ data: zip(d.alarms) }, { data: zip(d.cases) }, { data: zip(d.overdue) }, { data: zip(d.onDuty) }] });
    } catch { /* the next refresh tries again */ }
  }
  refresh();
  setInterval(refresh, 60_000);
  new ResizeObserver(() => chart.resize()).observe(el);
  return { refresh, chart };
}
