import { Badge, Group, Loader, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { assessmentKeys, fetchResidualRisk, type ResidualRisk } from '../../../api/assessments.js';
import type { VendorSummary } from '../../../api/vendors.js';
import { residualLevelColors } from '../../../components/AssessmentBadges.js';
import { QueryError } from '../../../components/QueryError.js';
import { AnchorLink } from '../../../components/RouterLinks.js';
import { RiskTierBadge } from '../../../components/VendorBadges.js';
import { ResidualFactorsChart } from './ResidualFactorsChart.js';

/**
 * Residual risk: what is left of the inherent risk once the vendor's controls, open findings
 * and exposure are known. `compact` is the Overview summary; the Assessments tab shows it all.
 */
export function ResidualRiskCard({
  vendor,
  compact = false,
}: {
  vendor: VendorSummary;
  compact?: boolean;
}) {
  // The server leaves offboarded vendors out of residual risk (and answers 404), so don't ask.
  const tracked = vendor.status !== 'offboarded';
  const residual = useQuery({
    queryKey: assessmentKeys.residual(vendor.id),
    queryFn: () => fetchResidualRisk(vendor.id),
    enabled: tracked,
  });

  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm">
        Residual risk
      </Title>
      {!tracked && (
        <Text size="sm" c="dimmed">
          Not tracked for offboarded vendors.
        </Text>
      )}
      {tracked && residual.isPending && <Loader size="sm" aria-label="Loading residual risk" />}
      {residual.isError && (
        <QueryError error={residual.error} onRetry={() => void residual.refetch()} />
      )}
      {residual.data && (
        <Stack gap="sm">
          <ResidualHeadline residual={residual.data} />
          {compact ? (
            <CompactFactors residual={residual.data} vendorId={vendor.id} />
          ) : (
            <>
              <Text size="sm" c="dimmed">
                Likelihood points from weak controls, open findings and software exposure, times the
                impact of the vendor&apos;s inherent tier.
              </Text>
              <ResidualFactorsChart factors={residual.data.factors} />
              <FactorTable residual={residual.data} />
              <BasedOn residual={residual.data} />
            </>
          )}
        </Stack>
      )}
    </Paper>
  );
}

function ResidualHeadline({ residual }: { residual: ResidualRisk }) {
  return (
    <Group gap="lg">
      <div>
        <Text size="xs" c="dimmed">
          Score
        </Text>
        <Text fw={600} data-testid="residual-score">
          {residual.score}
          <Text span size="sm" c="dimmed">
            {' '}
            / 100
          </Text>
        </Text>
      </div>
      <div>
        <Text size="xs" c="dimmed">
          Level
        </Text>
        <Badge
          color={residualLevelColors[residual.level]}
          variant="filled"
          size="lg"
          aria-label={`Residual risk ${residual.level}`}
        >
          {residual.level}
        </Badge>
      </div>
      <div>
        <Text size="xs" c="dimmed">
          Inherent tier
        </Text>
        <RiskTierBadge tier={residual.inherentTier} />
      </div>
    </Group>
  );
}

/** The inherent factor is a multiplier, not points; saying "× 0.8" keeps that visible. */
function factorPoints(factor: ResidualRisk['factors'][number]): string {
  return factor.key === 'inherent' ? `× ${factor.points}` : String(factor.points);
}

function FactorTable({ residual }: { residual: ResidualRisk }) {
  return (
    <Table verticalSpacing={4} fz="sm" data-testid="residual-factors">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Factor</Table.Th>
          <Table.Th scope="col">Points</Table.Th>
          <Table.Th scope="col">Why</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {residual.factors.map((factor) => (
          <Table.Tr key={factor.key}>
            <Table.Td>{factor.label}</Table.Td>
            <Table.Td style={{ whiteSpace: 'nowrap' }}>{factorPoints(factor)}</Table.Td>
            <Table.Td>
              <Text size="xs">{factor.detail}</Text>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function CompactFactors({ residual, vendorId }: { residual: ResidualRisk; vendorId: string }) {
  return (
    <>
      <Stack gap={2} component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
        {residual.factors.map((factor) => (
          <Text component="li" size="sm" key={factor.key} title={factor.detail}>
            {factor.label}: <strong>{factorPoints(factor)}</strong>
          </Text>
        ))}
      </Stack>
      <AnchorLink
        to="/vendors/$vendorId"
        params={{ vendorId }}
        search={{ tab: 'assessments' }}
        size="sm"
        w="fit-content"
      >
        Why, and the vendor&apos;s assessments
      </AnchorLink>
    </>
  );
}

function BasedOn({ residual }: { residual: ResidualRisk }) {
  if (!residual.assessmentId)
    return (
      <Text size="xs" c="dimmed">
        No assessment has been submitted yet, so the controls count as unknown.
      </Text>
    );
  return (
    <AnchorLink
      to="/assessments/$assessmentId"
      params={{ assessmentId: residual.assessmentId }}
      size="sm"
      w="fit-content"
    >
      The assessment these numbers come from
    </AnchorLink>
  );
}
