import { Table, Text } from '@mantine/core';
import type { Assessment } from '../../api/assessments.js';
import { AssessmentStatusBadge } from '../../components/AssessmentBadges.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { formatDay } from '../vendors/labels.js';

export function AssessmentsTable({ assessments }: { assessments: Assessment[] }) {
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="assessments-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Assessment</Table.Th>
            <Table.Th scope="col">Vendor</Table.Th>
            <Table.Th scope="col">Integration</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Due date</Table.Th>
            <Table.Th scope="col">Control score</Table.Th>
            <Table.Th scope="col">Submitted</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {assessments.map((assessment) => (
            <Table.Tr key={assessment.id}>
              <Table.Td>
                {/* The questionnaire names the row: it is the one link that opens the assessment. */}
                <AnchorLink
                  to="/assessments/$assessmentId"
                  params={{ assessmentId: assessment.id }}
                  fw={500}
                  size="sm"
                >
                  {assessment.templateName} v{assessment.templateVersion}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <AnchorLink
                  to="/vendors/$vendorId"
                  params={{ vendorId: assessment.vendorId }}
                  size="sm"
                >
                  {assessment.vendorName}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={assessment.integrationName ? undefined : 'dimmed'}>
                  {assessment.integrationName ?? 'Whole vendor'}
                </Text>
              </Table.Td>
              <Table.Td miw={110}>
                <AssessmentStatusBadge status={assessment.status} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDay(assessment.dueDate)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {assessment.controlScore === null ? '—' : `${assessment.controlScore}%`}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  <LocalTime iso={assessment.submittedAt} />
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
