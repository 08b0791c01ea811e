import { BarChart } from '@mantine/charts';
import type { ResidualRisk } from '../../../api/assessments.js';

/**
 * The likelihood factors as bars. Only the additive ones: the inherent tier multiplies their
 * sum, so drawing it on the same axis would mislead. A picture for sighted readers; the card's
 * table carries the same numbers.
 */
export function ResidualFactorsChart({ factors }: { factors: ResidualRisk['factors'] }) {
  const data = factors
    .filter((factor) => factor.key !== 'inherent')
    .map((factor) => ({ name: factor.label, points: factor.points }));
  const summary = data.map((row) => `${row.name} ${row.points} points`).join('; ');
  return (
    <BarChart
      role="img"
      aria-label={`Residual risk likelihood points by factor: ${summary}`}
      h={data.length * 36 + 40}
      data={data}
      dataKey="name"
      orientation="vertical"
      series={[{ name: 'points', label: 'Points', color: 'orange.6' }]}
      yAxisProps={{ width: 140 }}
      gridAxis="none"
      withBarValueLabel
      maxBarWidth={24}
      // Room for the value label beside the longest bar.
      barChartProps={{ margin: { right: 40 } }}
    />
  );
}
