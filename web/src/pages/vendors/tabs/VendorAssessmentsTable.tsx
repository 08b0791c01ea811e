import { Table, Text } from '@mantine/core';
import type { Assessment } from '../../../api/assessments.js';
import { AssessmentStatusBadge } from '../../../components/AssessmentBadges.js';
import { AnchorLink } from '../../../components/RouterLinks.js';
import { formatDay } from '../labels.js';

/** One vendor's assessments, newest first as the server lists them; each opens its own page. */
export function VendorAssessmentsTable({ assessments }: { assessments: Assessment[] }) {
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table verticalSpacing="sm" data-testid="vendor-assessments-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Questionnaire</Table.Th>
            <Table.Th scope="col">Scope</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Due</Table.Th>
            <Table.Th scope="col">Control score</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assessments.map((assessment) => {
            const scope = assessment.integrationName ?? 'Whole vendor';
            return (
              <Table.Tr key={assessment.id}>
                <Table.Td>
                  <AnchorLink
                    to="/assessments/$assessmentId"
                    params={{ assessmentId: assessment.id }}
                    size="sm"
                    fw={500}
                    aria-label={`Open assessment ${assessment.templateName} (${scope}), due ${assessment.dueDate}`}
                  >
                    {assessment.templateName}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    Version {assessment.templateVersion}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={assessment.integrationName ? undefined : 'dimmed'}>
                    {scope}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <AssessmentStatusBadge status={assessment.status} />
                </Table.Td>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {formatDay(assessment.dueDate)}
                </Table.Td>
                <Table.Td>
                  {assessment.controlScore === null ? (
                    <Text size="sm" c="dimmed">
                      not scored yet
                    </Text>
                  ) : (
                    `${assessment.controlScore} / 100`
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
