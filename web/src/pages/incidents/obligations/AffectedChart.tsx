import { Stack, Title } from '@mantine/core';
import type { Obligation } from '../../../api/breach.js';
import { HorizontalBarChart } from '../../../components/HorizontalBarChart.js';
import { obligationShortLabel } from './labels.js';

/**
 * Affected people per owed obligation, as bars: the sizes compare at a glance. Each card below
 * carries the same number in text, for readers who cannot see the chart.
 */
export function AffectedChart({ owed }: { owed: Obligation[] }) {
  const data = owed
    .filter((obligation) => obligation.affected > 0)
    .map((obligation) => ({
      name: obligationShortLabel(obligation),
      customers: obligation.affected,
    }))
    .sort((a, b) => b.customers - a.customers);
  if (data.length === 0) return null;
  return (
    <Stack gap="xs" data-testid="obligations-affected-chart">
      <Title order={3} size="h5">
        Affected people per owed obligation
      </Title>
      <HorizontalBarChart
        data={data}
        label="Affected people per owed obligation"
        labelWidth={220}
      />
    </Stack>
  );
}
