import { AreaChart } from '@mantine/charts';
import { Group, Loader, Paper, SegmentedControl, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTrend } from '../../api/exposure.js';
import { formatCount } from '../../components/counts.js';
import { QueryError } from '../../components/QueryError.js';

const ranges = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: 'A year' },
];

/** Unresolved findings at the end of each UTC day, and how many of them are known exploited. */
export function TrendCard() {
  const [days, setDays] = useState('90');
  const trend = useTrend(Number(days));
  const data = trend.data?.days ?? [];
  const last = data[data.length - 1];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trend-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="trend-heading">
          Unresolved findings over time
        </Title>
        <SegmentedControl
          size="xs"
          aria-label="Period"
          data={ranges}
          value={days}
          onChange={setDays}
        />
      </Group>
      {trend.isPending && <Loader aria-label="Loading the trend" />}
      {trend.isError && <QueryError error={trend.error} onRetry={() => void trend.refetch()} />}
      {trend.data && (
        <>
          <AreaChart
            role="img"
            aria-label={`Unresolved findings per day over the last ${data.length} days${
              last
                ? `; on ${last.date}: ${formatCount(last.open)} unresolved, ${formatCount(last.knownExploited)} known exploited`
                : ''
            }`}
            data-testid="exposure-trend-chart"
            h={260}
            data={data}
            dataKey="date"
            series={[
              { name: 'open', label: 'Unresolved', color: 'blue.6' },
              { name: 'knownExploited', label: 'Known exploited', color: 'red.6' },
            ]}
            curveType="linear"
            withDots={false}
            valueFormatter={formatCount}
            withLegend
            yAxisProps={{ allowDecimals: false }}
          />
          <Text size="xs" c="dimmed" mt="xs">
            Counts open and risk-accepted findings; fixed and not-affected ones leave the line on
            the day they were resolved.
          </Text>
        </>
      )}
    </Paper>
  );
}
