import { BarChart } from '@mantine/charts';
import { formatCount } from './counts.js';

export interface BarDatum {
  name: string;
  customers: number;
}

/**
 * Customers per label as horizontal bars, sized to the number of rows. The chart is a picture
 * for sighted readers; each use pairs it with a table or list carrying the same numbers.
 */
export function HorizontalBarChart({
  data,
  label,
  color = 'blue.6',
  labelWidth = 160,
}: {
  data: BarDatum[];
  /** What the chart shows, for screen readers, e.g. "Affected customers by data category". */
  label: string;
  color?: string;
  labelWidth?: number;
}) {
  const summary = data.map((row) => `${row.name} ${formatCount(row.customers)}`).join('; ');
  return (
    <BarChart
      role="img"
      aria-label={`${label}: ${summary}`}
      h={Math.max(120, data.length * 36 + 40)}
      data={data}
      dataKey="name"
      orientation="vertical"
      series={[{ name: 'customers', label: 'Customers', color }]}
      valueFormatter={formatCount}
      yAxisProps={{ width: labelWidth }}
      gridAxis="none"
      withBarValueLabel
      maxBarWidth={28}
      // Room for the value label beside the longest bar.
      barChartProps={{ margin: { right: 64 } }}
    />
  );
}
