import { LineChart, type ChartReferenceLineProps } from '@mantine/charts';
import { Group, Stack, Text } from '@mantine/core';
import type { DetectionOverview } from '../../api/detection.js';
import { severityColors } from '../../components/AssessmentBadges.js';
import { formatCount } from '../../components/counts.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { detectorLabels, formatPercent } from './labels.js';
import { chartPoints } from './overviewData.js';
import { formatInstant, timeAxisProps } from './timeAxis.js';

/** Above this many markers, the lines carry numbers and the list below says which is which. */
const NAMED_MARKERS = 6;
const SYNC_ID = 'detection-overview';

/**
 * Attempts and failures of one login stream, the failure ratio under it, and a line at the time
 * each alert was first seen, on a real time axis.
 */
export function OverviewChart({ overview }: { overview: DetectionOverview }) {
  const { start, end, points: data } = chartPoints(overview);
  const named = overview.alerts.length <= NAMED_MARKERS;
  const markers: ChartReferenceLineProps[] = overview.alerts.map((alert, index) => ({
    x: Date.parse(alert.at),
    color: `${severityColors[alert.severity]}.6`,
    strokeDasharray: '4 2',
    label: named ? detectorLabels[alert.detector] : String(index + 1),
    labelPosition: 'insideTopLeft',
  }));
  const xAxisProps = { ...timeAxisProps([start, end]), tickCount: 8 };
  const tooltipProps = { labelFormatter: formatInstant };
  const attempts = data.reduce((sum, point) => sum + point.attempts, 0);
  const failures = data.reduce((sum, point) => sum + point.failures, 0);
  const every = `every ${overview.bucketMinutes} minutes`;

  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        <LocalTime iso={new Date(start).toISOString()} /> to <LocalTime iso={overview.to} />, in{' '}
        {overview.bucketMinutes}-minute steps
      </Text>
      <LineChart
        role="img"
        aria-label={`Login attempts and failures ${every}: ${formatCount(attempts)} attempts, ${formatCount(failures)} failures; ${overview.alerts.length} alerts marked`}
        data-testid="detection-overview-chart"
        h={280}
        data={data}
        dataKey="time"
        series={[
          { name: 'attempts', label: 'Attempts', color: 'blue.6' },
          { name: 'failures', label: 'Failures', color: 'red.6' },
        ]}
        curveType="linear"
        withDots={false}
        withLegend
        valueFormatter={formatCount}
        yAxisProps={{ allowDecimals: false }}
        xAxisProps={xAxisProps}
        tooltipProps={tooltipProps}
        referenceLines={markers}
        lineChartProps={{ syncId: SYNC_ID, syncMethod: 'value' }}
      />
      <Text size="sm" fw={500}>
        Failure ratio
      </Text>
      <LineChart
        role="img"
        aria-label={`Share of login attempts that failed, ${every}`}
        data-testid="detection-ratio-chart"
        h={140}
        data={data}
        dataKey="time"
        series={[{ name: 'ratio', label: 'Failure ratio', color: 'orange.6' }]}
        curveType="linear"
        withDots={false}
        valueFormatter={formatPercent}
        yAxisProps={{ domain: [0, 1], ticks: [0, 0.5, 1] }}
        xAxisProps={xAxisProps}
        tooltipProps={tooltipProps}
        connectNulls={false}
        referenceLines={markers.map((marker) => ({ ...marker, label: undefined }))}
        lineChartProps={{ syncId: SYNC_ID, syncMethod: 'value' }}
      />
      {overview.alerts.length > 0 && <MarkerList overview={overview} numbered={!named} />}
    </Stack>
  );
}

/** The markers as text: which alert each line is, with a link to it. */
function MarkerList({ overview, numbered }: { overview: DetectionOverview; numbered: boolean }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" id="detection-markers-caption">
        Dashed lines mark when each alert was first seen:
      </Text>
      <Stack
        gap={2}
        component="ol"
        p={0}
        m={0}
        style={{ listStyle: 'none' }}
        aria-labelledby="detection-markers-caption"
      >
        {overview.alerts.map((alert, index) => (
          <Group key={alert.id} gap={6} component="li" wrap="nowrap">
            {numbered && (
              <Text size="xs" fw={600} w={24} ta="right">
                {index + 1}
              </Text>
            )}
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
              <LocalTime iso={alert.at} />
            </Text>
            <AnchorLink
              to="/detection/alerts/$alertId"
              params={{ alertId: alert.id }}
              size="xs"
              lineClamp={1}
            >
              {alert.title}
            </AnchorLink>
          </Group>
        ))}
      </Stack>
    </Stack>
  );
}
