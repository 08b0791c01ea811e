import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconGavel } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { markConditionMet, type AssessmentDetail } from '../../api/assessments.js';
import { ApiError } from '../../api/client.js';
import { LocalTime } from '../../components/LocalTime.js';
import { formatDay } from '../vendors/labels.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { decisionColors, decisionTrailLabels } from './assessmentText.js';
import { DecisionModal, decisionChoices } from './DecisionModal.js';
import { useRefreshAssessment } from './useRefreshAssessment.js';

type Decision = AssessmentDetail['decisions'][number];

function ConditionsTable({ detail, decision }: { detail: AssessmentDetail; decision: Decision }) {
  const { canWrite } = useVendorRole();
  const refresh = useRefreshAssessment(detail.vendorId);
  const baseId = useId();
  const mark = useMutation({
    mutationFn: (conditionId: string) => markConditionMet(detail.id, decision.id, conditionId),
    onSuccess: async () => {
      notifications.show({ color: 'teal', message: 'The condition was marked as met.' });
      await refresh({ vendor: true });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'The condition was not marked as met',
        message: error instanceof ApiError ? error.message : 'Please try again.',
      }),
  });

  return (
    <Table verticalSpacing={4} fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th scope="col">Condition</Table.Th>
          <Table.Th scope="col">Due</Table.Th>
          <Table.Th scope="col">Met</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {decision.conditions.map((condition) => (
          <Table.Tr key={condition.id}>
            <Table.Td id={`${baseId}-${condition.id}`}>{condition.text}</Table.Td>
            <Table.Td>{formatDay(condition.dueDate)}</Table.Td>
            <Table.Td>
              {condition.metAt ? (
                <LocalTime iso={condition.metAt} />
              ) : canWrite ? (
                <>
                  <Button
                    size="compact-xs"
                    variant="light"
                    className="assessment-no-print"
                    aria-describedby={`${baseId}-${condition.id}`}
                    loading={mark.isPending && mark.variables === condition.id}
                    onClick={() => mark.mutate(condition.id)}
                  >
                    Mark met
                  </Button>
                  <span className="assessment-print-only">Not yet</span>
                </>
              ) : (
                'Not yet'
              )}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The decision trail, newest first: decisions are appended, never edited. */
export function DecisionsCard({ detail }: { detail: AssessmentDetail }) {
  const { canWrite, isAdmin } = useVendorRole();
  const [deciding, setDeciding] = useState(false);
  const trail = [...detail.decisions].sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
  const canDecide = canWrite && decisionChoices(detail.status, isAdmin).length > 0;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="decisions-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="decisions-heading">
          Decisions
        </Title>
        {canDecide && (
          <Button
            size="xs"
            leftSection={<IconGavel size={14} aria-hidden />}
            onClick={() => setDeciding(true)}
            className="assessment-no-print"
          >
            Record decision
          </Button>
        )}
      </Group>
      {trail.length === 0 && (
        <Text size="sm" c="dimmed">
          No decision yet.
        </Text>
      )}
      <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {trail.map((decision) => (
          <Paper
            key={decision.id}
            component="li"
            withBorder
            radius="sm"
            p="sm"
            className="assessment-keep-together"
          >
            <Group gap="sm" mb={4}>
              <Badge color={decisionColors[decision.outcome]} variant="filled">
                {decisionTrailLabels[decision.outcome]}
              </Badge>
              <Text size="sm" c="dimmed">
                by {decision.decidedBy}, <LocalTime iso={decision.decidedAt} />
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {decision.reason}
            </Text>
            {decision.expiresOn && (
              <Text size="sm" mt={4}>
                Risk accepted until {formatDay(decision.expiresOn)}
              </Text>
            )}
            {decision.conditions.length > 0 && (
              <ConditionsTable detail={detail} decision={decision} />
            )}
          </Paper>
        ))}
      </Stack>
      <DecisionModal detail={detail} opened={deciding} onClose={() => setDeciding(false)} />
    </Paper>
  );
}
