import { LineChart } from '@mantine/charts';
import { Paper, Text, Title } from '@mantine/core';
import type { DetectionAlert } from '../../api/detection.js';
import { formatNumber, seriesLabels } from './labels.js';
import { formatInstant, timeAxisProps } from './timeAxis.js';

/** The alert's headline value at each signal, on a time axis. */
export function AlertSeriesChart({ alert }: { alert: DetectionAlert }) {
  const data = alert.series.map(([at, value]) => ({ time: Date.parse(at), value }));
  const peak = data.reduce((max, point) => Math.max(max, point.value), 0);
  const label = seriesLabels[alert.detector];
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="series-heading">
      <Title order={2} size="h4" mb="sm" id="series-heading">
        Over time
      </Title>
      {data.length < 2 ? (
        <Text size="sm" c="dimmed">
          {data.length === 0 ? 'No signals recorded.' : `One signal so far: ${formatNumber(peak)}.`}
        </Text>
      ) : (
        <LineChart
          role="img"
          aria-label={`${label} at each of ${data.length} signals; highest ${formatNumber(peak)}`}
          data-testid="alert-series-chart"
          h={220}
          data={data}
          dataKey="time"
          series={[{ name: 'value', label, color: 'red.6' }]}
          curveType="linear"
          valueFormatter={formatNumber}
          xAxisProps={timeAxisProps(['dataMin', 'dataMax'])}
          tooltipProps={{ labelFormatter: formatInstant }}
        />
      )}
    </Paper>
  );
}
