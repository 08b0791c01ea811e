import { Button, Group, Loader, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { RISK_TIERS, type RiskTier } from '@contracts/vendors.js';
import { fetchRisk, overrideRisk, vendorKeys, type VendorSummary } from '../../../api/vendors.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { QueryError } from '../../../components/QueryError.js';
import { RiskTierBadge } from '../../../components/VendorBadges.js';
import { ReasonModal } from '../ReasonModal.js';
import { useVendorRole } from '../useVendorRole.js';

const overrideOptions = [
  ...RISK_TIERS.map((tier) => ({ value: tier, label: tier })),
  { value: 'clear', label: 'Clear the override (use the computed tier)' },
];

export function RiskCard({ vendor }: { vendor: VendorSummary }) {
  const { canWrite } = useVendorRole();
  const queryClient = useQueryClient();
  const risk = useQuery({
    queryKey: vendorKeys.part(vendor.id, 'risk'),
    queryFn: () => fetchRisk(vendor.id),
  });
  const [choice, setChoice] = useState<string | null>(null);
  const [asking, setAsking] = useState(false);

  async function save(reason: string) {
    const tier = choice === 'clear' ? null : (choice as RiskTier);
    const result = await overrideRisk(vendor.id, tier, reason);
    notifications.show({
      color: 'teal',
      message: tier
        ? `Risk tier overridden to ${result.tier}.`
        : `Override cleared; the tier is ${result.tier}.`,
    });
    setChoice(null);
    await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
  }

  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="sm">
        Risk
      </Title>
      {risk.isPending && <Loader size="sm" aria-label="Loading risk" />}
      {risk.isError && <QueryError error={risk.error} onRetry={() => void risk.refetch()} />}
      {risk.data && (
        <Stack gap="sm">
          <Group gap="lg">
            <div>
              <Text size="xs" c="dimmed">
                Effective tier
              </Text>
              <RiskTierBadge tier={risk.data.tier} size="lg" />
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Computed tier
              </Text>
              <RiskTierBadge tier={risk.data.computedTier} />
            </div>
            <div>
              <Text size="xs" c="dimmed">
                Score
              </Text>
              <Text fw={600} data-testid="risk-score">
                {risk.data.score}
              </Text>
            </div>
          </Group>
          <Table verticalSpacing={4} fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Factor</Table.Th>
                <Table.Th scope="col">Score</Table.Th>
                <Table.Th scope="col">Why</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {risk.data.factors.map((factor) => (
                <Table.Tr key={factor.name}>
                  <Table.Td>{factor.label}</Table.Td>
                  <Table.Td>{factor.score}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{factor.detail}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {risk.data.override && (
            <Text size="sm" data-testid="risk-override">
              Overridden to <strong>{risk.data.override.tier}</strong> by {risk.data.override.by} on{' '}
              <LocalTime iso={risk.data.override.at} />: <em>{risk.data.override.reason}</em>
            </Text>
          )}
          {canWrite && (
            <Group align="flex-end" gap="xs">
              <Select
                label="Override tier"
                placeholder="Choose a tier"
                data={overrideOptions}
                value={choice}
                onChange={setChoice}
                w={260}
                size="xs"
              />
              <Button
                size="xs"
                disabled={!choice}
                onClick={() => setAsking(true)}
                aria-label="Override risk tier"
              >
                Override…
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <ReasonModal
        opened={asking}
        onClose={() => setAsking(false)}
        title={
          choice === 'clear' ? 'Clear the risk override' : `Override the tier to ${choice ?? ''}`
        }
        message="The reason is kept with the override and in the audit log."
        minLength={3}
        confirmLabel={choice === 'clear' ? 'Clear override' : 'Save override'}
        onSubmit={save}
      />
    </Paper>
  );
}
