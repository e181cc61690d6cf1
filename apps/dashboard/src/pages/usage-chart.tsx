import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UsageRow } from '../api/types';
import { formatCredits } from '../format';

// Colour-blind-safe (Okabe-Ito), each at least 3:1 against white.
const COLOURS = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#8a6d00', '#56B4E9', '#000000'];

const seriesOf = (row: UsageRow): string => `${row.model} · ${row.mode}`;

/** Credits charged per day, a stacked bar per model and mode. */
export function UsageChart(props: { readonly rows: readonly UsageRow[] }) {
  const series = [...new Set(props.rows.map(seriesOf))].sort();
  const byDay = new Map<string, Record<string, number | string>>();
  for (const row of props.rows) {
    const day = byDay.get(row.day) ?? { day: row.day };
    const name = seriesOf(row);
    day[name] = Math.round(((Number(day[name] ?? 0) || 0) + row.credits) * 1000) / 1000;
    byDay.set(row.day, day);
  }
  const data = [...byDay.values()].sort((a, b) => String(a['day']).localeCompare(String(b['day'])));
  if (data.length === 0) return <p>No credits were charged in this range.</p>;
  return (
    <figure className="chart" aria-label="Credits charged per day by model and mode">
      <ResponsiveContainer width="100%" height={280}>
        <BarChart data={data} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="day" />
          <YAxis tickFormatter={(value: number) => formatCredits(value)} />
          <Tooltip formatter={(value) => formatCredits(Number(value))} />
          <Legend />
          {series.map((name, index) => (
            <Bar key={name} dataKey={name} stackId="credits" fill={COLOURS[index % COLOURS.length]} maxBarSize={56} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
      <figcaption className="sr-only">The same figures are in the table below the chart.</figcaption>
    </figure>
  );
}
