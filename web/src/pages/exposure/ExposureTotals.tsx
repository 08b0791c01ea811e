import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { Portfolio } from '../../api/exposure.js';
import { formatCount } from '../../components/counts.js';

/** The four numbers a security lead asks for first. */
export function ExposureTotals({ totals }: { totals: Portfolio['totals'] }) {
  const tiles = [
    { label: 'Open findings', value: totals.open, color: undefined },
    {
      label: 'Known exploited',
      value: totals.knownExploited,
      color: totals.knownExploited > 0 ? 'red' : undefined,
    },
    { label: 'Critical', value: totals.critical, color: totals.critical > 0 ? 'red' : undefined },
    { label: 'Vendors affected', value: totals.vendorsAffected, color: undefined },
  ];
  return (
    <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md" data-testid="exposure-totals">
      {tiles.map((tile) => (
        <Paper key={tile.label} withBorder radius="md" p="md">
          <Text size="sm" c="dimmed">
            {tile.label}
          </Text>
          <Text fz={32} fw={700} lh={1.2} c={tile.color}>
            {formatCount(tile.value)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
