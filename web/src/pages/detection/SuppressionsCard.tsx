import {
  Badge,
  Code,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRemoveSuppression, useSuppressions, type Suppression } from '../../api/detection.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { formatCount } from '../../components/counts.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';
import { detectorLabels, suppressionSubjectLabels } from './labels.js';
import { SuppressionForm } from './SuppressionForm.js';

const expired = (rule: Suppression) =>
  rule.expiresAt !== null && Date.parse(rule.expiresAt) <= Date.now();

/** Rules that keep known-good traffic from raising alerts; analysts add and remove them. */
export function SuppressionsCard({ editable }: { editable: boolean }) {
  const suppressions = useSuppressions();
  const active = suppressions.data?.items.filter((rule) => rule.removedAt === null) ?? [];

  return (
    <Stack gap="md" component="section" aria-labelledby="suppressions-heading">
      <Stack gap={4}>
        <Title order={2} size="h3" id="suppressions-heading">
          Suppression rules
        </Title>
        <Text size="sm" c="dimmed">
          A matching signal is counted on the rule instead of raising an alert: for a monitoring
          probe, a load test, or a vendor job everyone knows about.
        </Text>
      </Stack>
      <Paper withBorder radius="md">
        {suppressions.isPending && (
          <Loader m="md" size="sm" aria-label="Loading suppression rules" />
        )}
        {suppressions.isError && (
          <QueryError error={suppressions.error} onRetry={() => void suppressions.refetch()} />
        )}
        {suppressions.data && active.length === 0 && (
          <Text p="md" c="dimmed" size="sm">
            No suppression rules.
          </Text>
        )}
        {active.length > 0 && <RulesTable rules={active} editable={editable} />}
      </Paper>
      {editable && <SuppressionForm />}
    </Stack>
  );
}

function RulesTable({ rules, editable }: { rules: Suppression[]; editable: boolean }) {
  const remove = useRemoveSuppression();

  async function removeRule(rule: Suppression) {
    await remove.mutateAsync(rule.id);
    notifications.show({ color: 'teal', message: 'Suppression rule removed.' });
  }

  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" fz="sm" data-testid="detection-suppressions">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Detector</Table.Th>
            <Table.Th scope="col">Subject</Table.Th>
            <Table.Th scope="col">Value</Table.Th>
            <Table.Th scope="col">Reason</Table.Th>
            <Table.Th scope="col">Expires</Table.Th>
            <Table.Th scope="col" ta="right">
              Hits
            </Table.Th>
            {editable && (
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule) => {
            const name = `${rule.detector ? detectorLabels[rule.detector] : 'all detectors'}, ${
              rule.value ?? suppressionSubjectLabels[rule.subject].toLowerCase()
            }`;
            return (
              <Table.Tr key={rule.id}>
                <Table.Td>
                  {rule.detector ? detectorLabels[rule.detector] : 'All detectors'}
                </Table.Td>
                <Table.Td>{suppressionSubjectLabels[rule.subject]}</Table.Td>
                <Table.Td maw={240}>
                  {rule.value ? (
                    <Code fz="xs" style={{ overflowWrap: 'anywhere' }}>
                      {rule.value}
                    </Code>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                <Table.Td maw={320} style={{ overflowWrap: 'anywhere' }}>
                  {rule.reason}
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <LocalTime iso={rule.expiresAt} fallback="never" />
                  {expired(rule) && (
                    <Badge ml={6} size="sm" color="gray" variant="light">
                      expired
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td ta="right">{formatCount(rule.hits)}</Table.Td>
                {editable && (
                  <Table.Td>
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      aria-label={`Remove suppression rule: ${name}`}
                      title="Remove this suppression rule?"
                      message="Matching signals raise alerts again from now on."
                      confirmLabel="Remove rule"
                      onConfirm={() => removeRule(rule)}
                    >
                      Remove
                    </ConfirmButton>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
