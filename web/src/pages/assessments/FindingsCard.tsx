import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { AssessmentDetail } from '../../api/assessments.js';
import { FindingStatusBadge, SeverityBadge } from '../../components/AssessmentBadges.js';
import { formatDay, humanize } from '../vendors/labels.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { isReviewable } from './assessmentText.js';
import { FindingModal } from './FindingModal.js';
import { FindingStatusSelect } from './FindingStatusSelect.js';

export function FindingsCard({ detail }: { detail: AssessmentDetail }) {
  const { canWrite, isAdmin } = useVendorRole();
  const [adding, setAdding] = useState(false);
  const questionText = new Map(
    detail.definition.sections.flatMap((section) =>
      section.questions.map((question) => [question.key, question.text] as const),
    ),
  );

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="findings-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h3" id="findings-heading">
          Findings
        </Title>
        {canWrite && isReviewable(detail.status) && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setAdding(true)}
            className="assessment-no-print"
          >
            Add finding
          </Button>
        )}
      </Group>
      {detail.findings.length === 0 ? (
        <Text size="sm" c="dimmed">
          {detail.submittedAt
            ? 'No findings.'
            : 'No findings yet: the questionnaire raises its own when the vendor submits.'}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={960}>
          <Table verticalSpacing="sm" fz="sm" data-testid="findings-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Title</Table.Th>
                <Table.Th scope="col">Severity</Table.Th>
                <Table.Th scope="col">Source</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Requested remediation</Table.Th>
                <Table.Th scope="col">Vendor&apos;s plan</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {detail.findings.map((finding) => (
                <Table.Tr key={finding.id} className="assessment-keep-together">
                  <Table.Td maw={280}>
                    <Text size="sm" fw={500}>
                      {finding.title}
                    </Text>
                    {finding.detail && (
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
                        {finding.detail}
                      </Text>
                    )}
                    {finding.questionKey && (
                      <Text size="xs" c="dimmed">
                        About: {questionText.get(finding.questionKey) ?? finding.questionKey}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <SeverityBadge severity={finding.severity} />
                  </Table.Td>
                  <Table.Td>{humanize(finding.source)}</Table.Td>
                  <Table.Td>
                    {canWrite ? (
                      <>
                        <div className="assessment-no-print">
                          <FindingStatusSelect finding={finding} isAdmin={isAdmin} />
                        </div>
                        <div className="assessment-print-only">
                          <FindingStatusBadge status={finding.status} />
                        </div>
                      </>
                    ) : (
                      <FindingStatusBadge status={finding.status} />
                    )}
                  </Table.Td>
                  <Table.Td maw={260} style={{ whiteSpace: 'pre-wrap' }}>
                    {finding.requestedRemediation || '—'}
                  </Table.Td>
                  <Table.Td maw={260}>
                    {finding.remediationPlan ? (
                      <Stack gap={2}>
                        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                          {finding.remediationPlan}
                        </Text>
                        <Text size="xs" c="dimmed">
                          Due {formatDay(finding.remediationDue)}
                        </Text>
                      </Stack>
                    ) : (
                      <Text size="sm" c="dimmed">
                        No plan yet
                      </Text>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <FindingModal detail={detail} opened={adding} onClose={() => setAdding(false)} />
    </Paper>
  );
}
