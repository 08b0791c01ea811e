import { Loader, Paper, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { RESIDUAL_LEVELS } from '@contracts/assessments.js';
import type { RiskTier } from '@contracts/vendors.js';
import { assessmentKeys, fetchHeatMap } from '../../api/assessments.js';
import { QueryError } from '../../components/QueryError.js';
import { humanize } from '../vendors/labels.js';

// Rows from the most to the least inherent risk, columns from the least to the most residual.
const tiers = ['critical', 'high', 'medium', 'low'] as const satisfies readonly RiskTier[];
const levels = RESIDUAL_LEVELS;
const maxRank = tiers.length - 1 + (levels.length - 1);

/**
 * Red whose strength grows with inherent tier plus residual level, so the top right corner
 * (critical vendors still critical after their controls) is the one that draws the eye. Up to
 * 85% the "bright" text colour (black on light, white on dark) keeps a 4.5:1 contrast.
 */
function cellStyle(tierIndex: number, levelIndex: number, vendors: number) {
  const rank = tiers.length - 1 - tierIndex + levelIndex;
  const strength = Math.round(8 + (rank / maxRank) * 77);
  return {
    backgroundColor: `color-mix(in srgb, var(--mantine-color-red-8) ${strength}%, transparent)`,
    color: 'var(--mantine-color-bright)',
    fontWeight: vendors > 0 ? 700 : 400,
    textAlign: 'center' as const,
  };
}

export function HeatMapCard() {
  const heatMap = useQuery({ queryKey: assessmentKeys.heatMap, queryFn: fetchHeatMap });
  const counts = new Map(
    (heatMap.data?.cells ?? []).map((cell) => [`${cell.tier}:${cell.level}`, cell.vendors]),
  );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="heat-map-heading">
      <Title order={2} size="h4" mb="sm" id="heat-map-heading">
        Residual risk heat map
      </Title>
      {heatMap.isPending && <Loader size="sm" aria-label="Loading the heat map" />}
      {heatMap.isError && (
        <QueryError error={heatMap.error} onRetry={() => void heatMap.refetch()} />
      )}
      {heatMap.data && (
        <Table
          withTableBorder
          withColumnBorders
          fz="sm"
          captionSide="bottom"
          data-testid="heat-map"
          aria-labelledby="heat-map-heading"
        >
          <Table.Caption>
            Vendors by inherent tier (rows) and residual risk after their assessment (columns).
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Inherent tier</Table.Th>
              {levels.map((level) => (
                <Table.Th key={level} scope="col" ta="center">
                  {humanize(level)} residual
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tiers.map((tier, tierIndex) => (
              <Table.Tr key={tier}>
                <Table.Th scope="row">{humanize(tier)}</Table.Th>
                {levels.map((level, levelIndex) => {
                  const vendors = counts.get(`${tier}:${level}`) ?? 0;
                  return (
                    <Table.Td
                      key={level}
                      style={cellStyle(tierIndex, levelIndex, vendors)}
                      data-cell={`${tier}:${level}`}
                    >
                      {vendors}
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {heatMap.data?.cells.every((cell) => cell.vendors === 0) && (
        <Text size="sm" c="dimmed" mt="xs">
          No vendor has a residual risk yet.
        </Text>
      )}
    </Paper>
  );
}
