import { useEffect, useMemo, useRef } from 'react';
import Chart from 'chart.js/auto';
import type { ChartConfiguration } from 'chart.js';
import type { Records } from '../api';
import { texts } from '../texts';
import { calendarWeeks, CATEGORY_COLORS, CATEGORY_ORDER, heatLevel, monthCalendar, weekSeries } from './records-view';

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

/** The month as a calendar table: day numbers, a shade per amount of time, today marked, and a legend. */
export function MonthCalendar({ records, year, month, today }: { records: Records; year: number; month: number; today: number }) {
  const weeks = useMemo(() => calendarWeeks(monthCalendar(records, year, month)), [records, year, month]);
  return (
    <div className="calendar-wrap">
      <table className="calendar" data-testid="chart-month" aria-label={texts.my.month(month)}>
        <thead>
          <tr>
            {texts.weekdays.map((d) => (
              <th key={d} scope="col">{d}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, w) => (
            <tr key={w}>
              {week.map((cell, i) =>
                cell ? (
                  <td
                    key={i}
                    className={`heat-${heatLevel(cell.minutes)}${cell.day === today ? ' today' : ''}`}
                    title={texts.my.monthTooltip(month, cell.day, cell.minutes)}
                    aria-current={cell.day === today ? 'date' : undefined}
                    data-day={cell.day}
                    data-minutes={cell.minutes}
                  >
                    <span className="day-number" aria-hidden="true">{cell.day}</span>
                    <span className="sr-only">
                      {texts.my.monthTooltip(month, cell.day, cell.minutes)}
                      {cell.day === today ? ` (${texts.my.todayMark})` : ''}
                    </span>
                  </td>
                ) : (
                  <td key={i} className="blank" />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <div className="legend">
        <span>{texts.my.legend}</span>
        <ul>
          {texts.my.legendSteps.map((label, level) => (
            <li key={label}>
              <span className={`swatch heat-${level}`} aria-hidden="true" />
              {label}
            </li>
          ))}
          <li>
            <span className="swatch today" aria-hidden="true" />
            {texts.my.todayMark}
          </li>
        </ul>
      </div>
    </div>
  );
}
