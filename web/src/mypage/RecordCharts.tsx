import { useEffect, useMemo, useRef } from 'react';
import Chart from 'chart.js/auto';
import type { ChartConfiguration } from 'chart.js';
import type { Records } from '../api';
import { texts } from '../texts';
import { CATEGORY_COLORS, CATEGORY_ORDER, heatColor, monthCalendar, weekSeries } from './records-view';

/** One Chart.js chart on one canvas, rebuilt when its configuration changes and destroyed with the component. */
function ChartCanvas({ config, testId, height = 220 }: { config: ChartConfiguration; testId: string; height?: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    if (!ref.current) return;
    const chart = new Chart(ref.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart" style={{ height }}>
      <canvas ref={ref} data-testid={testId} />
    </div>
  );
}

const categoryLabel = (key: string) => texts.categoryNames[key] ?? key;

export function TodayPie({ records }: { records: Records }) {
  const config = useMemo<ChartConfiguration>(() => {
    const rows = CATEGORY_ORDER.map((key) => ({ key, time: Number(records.todayRecord.find((r) => r.category === key)?.time ?? 0) }));
    return {
    type: 'pie',
    data: {
      labels: rows.map((r) => categoryLabel(r.key)),
      datasets: [{ data: rows.map((r) => r.time), backgroundColor: rows.map((r) => CATEGORY_COLORS[r.key] ?? '#ccc') }],
    },
    options: { maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'right' } } },
    };
  }, [records]);
  return <ChartCanvas config={config} testId="chart-today" />;
}

export function WeekBars({ records }: { records: Records }) {
  const config = useMemo<ChartConfiguration>(() => ({
    type: 'bar',
    data: {
      labels: [...texts.weekdays],
      datasets: weekSeries(records).map((s) => ({ label: categoryLabel(s.category), data: s.minutes, backgroundColor: CATEGORY_COLORS[s.category] })),
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, title: { display: true, text: texts.my.minutes } } },
    },
  }), [records]);
  return <ChartCanvas config={config} testId="chart-week" />;
}

type HeatPoint = { x: number; y: number; day: number; minutes: number };

/** Chart.js has no calendar type: square points on a 7-column scatter make one. */
export function MonthHeatmap({ records, year, month }: { records: Records; year: number; month: number }) {
  const cells = useMemo(() => monthCalendar(records, year, month), [records, year, month]);
  const rows = Math.max(...cells.map((c) => c.row)) + 1;
  const config = useMemo(() => {
    const points: HeatPoint[] = cells.map((c) => ({ x: c.column, y: c.row, day: c.day, minutes: c.minutes }));
    const chart: ChartConfiguration<'scatter', HeatPoint[]> = {
    type: 'scatter',
    data: {
      datasets: [
        {
          data: points,
          pointStyle: 'rectRounded',
          pointRadius: 16,
          pointHoverRadius: 17,
          backgroundColor: points.map((p) => heatColor(p.minutes)),
          borderColor: '#C9CBEF',
          borderWidth: 1,
        },
      ],
    },
    options: {
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { display: false },
        tooltip: { callbacks: { label: (item) => texts.my.monthTooltip(month, (item.raw as HeatPoint).day, (item.raw as HeatPoint).minutes) } },
      },
      scales: {
        x: { min: -0.5, max: 6.5, ticks: { stepSize: 1, callback: (v) => texts.weekdays[Number(v)] ?? '' }, grid: { display: false } },
        y: { min: -0.5, max: rows - 0.5, reverse: true, display: false },
      },
    },
    };
    return chart as unknown as ChartConfiguration;
  }, [cells, rows, month]);
  return <ChartCanvas config={config} testId="chart-month" height={rows * 42 + 40} />;
}
