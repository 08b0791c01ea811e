import { AreaChart } from '@mantine/charts';
import {
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import {
  fetchSharingSeries,
  vendorKeys,
  type SharingSeries,
  type VendorSummary,
} from '../../../api/vendors.js';
import { formatCount } from '../../../components/counts.js';
import { QueryError } from '../../../components/QueryError.js';

type Metric = 'records' | 'customers' | 'events';
const metrics = [
  { value: 'records', label: 'Records' },
  { value: 'customers', label: 'Customers' },
  { value: 'events', label: 'Events' },
];
const colors = ['blue.6', 'orange.6', 'teal.6', 'grape.6', 'red.6', 'cyan.6', 'lime.7', 'pink.6'];
const isDay = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** Every calendar day from `first` to `last`, so days without sharing chart as zero. */
function daysBetween(first: string, last: string): string[] {
  const days: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let at = Date.parse(`${first}T00:00:00Z`); at <= end && days.length < 3700; at += 86_400_000)
    days.push(new Date(at).toISOString().slice(0, 10));
  return days;
}

/** One row per day, one column per integration (keyed by id: names may repeat). */
function toChart(series: SharingSeries, metric: Metric) {
  const values = new Map<string, Map<string, number>>();
  for (const item of series)
    for (const day of item.days) {
      const row = values.get(day.day) ?? new Map<string, number>();
      row.set(item.integrationId, day[metric]);
      values.set(day.day, row);
    }
  const known = [...values.keys()].sort();
  const first = known[0];
  const last = known[known.length - 1];
  if (!first || !last) return [];
  const days = isDay(first) && isDay(last) ? daysBetween(first, last) : known;
  return days.map((day) => {
    const row: Record<string, string | number> = { day };
    for (const item of series)
      row[item.integrationId] = values.get(day)?.get(item.integrationId) ?? 0;
    return row;
  });
}

export function SharingTab({ vendor }: { vendor: VendorSummary }) {
  const [metric, setMetric] = useState<Metric>('records');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [debouncedFrom] = useDebouncedValue(from, 400);
  const [debouncedTo] = useDebouncedValue(to, 400);
  const range = {
    from: isDay(debouncedFrom) ? debouncedFrom : undefined,
    to: isDay(debouncedTo) ? debouncedTo : undefined,
  };
  const sharing = useQuery({
    queryKey: [...vendorKeys.part(vendor.id, 'sharing'), range],
    queryFn: () => fetchSharingSeries(vendor.id, range),
    placeholderData: keepPreviousData,
  });
  const data = useMemo(() => toChart(sharing.data ?? [], metric), [sharing.data, metric]);
  const series = (sharing.data ?? []).map((item, index) => ({
    name: item.integrationId,
    label: item.integrationName,
    color: colors[index % colors.length] ?? 'blue.6',
  }));
  const empty = data.length === 0;

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={720}>
        Data shared with {vendor.legalName} over time, per integration, as the shop reports it to
        the sharing ledger.
      </Text>
      <Group align="flex-end" gap="sm">
        <SegmentedControl
          aria-label="What to chart"
          data={metrics}
          value={metric}
          onChange={(value) => setMetric(value as Metric)}
        />
        <TextInput
          label="From"
          type="date"
          value={from}
          onChange={(e) => setFrom(e.currentTarget.value)}
        />
        <TextInput
          label="To"
          type="date"
          value={to}
          onChange={(e) => setTo(e.currentTarget.value)}
        />
      </Group>
      <Paper withBorder radius="md" p="md">
        <Text fw={500} mb="sm">
          Data shared over time
        </Text>
        {sharing.isPending && <Loader aria-label="Loading data sharing" />}
        {sharing.isError && (
          <QueryError error={sharing.error} onRetry={() => void sharing.refetch()} />
        )}
        {sharing.data && empty && (
          <Text c="dimmed" data-testid="sharing-empty">
            Nothing has been reported for this vendor
            {range.from || range.to ? ' in this period' : ''} yet. Sharing shows up here once the
            shop sends events to the ledger.
          </Text>
        )}
        {sharing.data && !empty && (
          <AreaChart
            role="img"
            aria-label={`Daily ${metric} shared with ${vendor.legalName}, per integration`}
            h={300}
            data={data}
            dataKey="day"
            series={series}
            curveType="linear"
            withDots={data.length <= 45}
            valueFormatter={formatCount}
            withLegend
            type={series.length > 1 ? 'stacked' : 'default'}
          />
        )}
      </Paper>
      {sharing.data && !empty && <Totals series={sharing.data} />}
    </Stack>
  );
}

function Totals({ series }: { series: SharingSeries }) {
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table verticalSpacing="xs" fz="sm" data-testid="sharing-totals">
        <Table.Caption>Totals for the period shown</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Integration</Table.Th>
            <Table.Th scope="col">Days with data</Table.Th>
            <Table.Th scope="col">Events</Table.Th>
            <Table.Th scope="col">Records</Table.Th>
            <Table.Th scope="col">Most customers in a day</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {series.map((item) => (
            <Table.Tr key={item.integrationId}>
              <Table.Td>{item.integrationName}</Table.Td>
              <Table.Td>{formatCount(item.days.length)}</Table.Td>
              <Table.Td>{formatCount(item.days.reduce((sum, d) => sum + d.events, 0))}</Table.Td>
              <Table.Td>{formatCount(item.days.reduce((sum, d) => sum + d.records, 0))}</Table.Td>
              <Table.Td>{formatCount(Math.max(0, ...item.days.map((d) => d.customers)))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
