import { Table } from '@mantine/core';
import type { IncidentSummary } from '../../api/incidents.js';
import { SeverityBadge } from '../../components/AssessmentBadges.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { IncidentStatusBadge, RestrictedBadge } from './IncidentStatusBadge.js';
import { incidentTypeLabels } from './labels.js';

/** Incidents in the order given; the title opens the incident. */
export function IncidentsTable({ incidents }: { incidents: IncidentSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={820}>
      <Table verticalSpacing="sm" fz="sm" data-testid="incidents-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Incident</Table.Th>
            <Table.Th scope="col">Type</Table.Th>
            <Table.Th scope="col">Severity</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Access</Table.Th>
            <Table.Th scope="col">Updated</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {incidents.map((incident) => (
            <Table.Tr key={incident.id}>
              <Table.Td maw={380}>
                <AnchorLink
                  to="/incidents/$incidentId"
                  params={{ incidentId: incident.id }}
                  fw={500}
                  size="sm"
                  style={{ overflowWrap: 'anywhere' }}
                >
                  {incident.title}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{incidentTypeLabels[incident.type]}</Table.Td>
              <Table.Td miw={100}>
                <SeverityBadge severity={incident.severity} />
              </Table.Td>
              <Table.Td miw={120}>
                <IncidentStatusBadge status={incident.status} />
              </Table.Td>
              <Table.Td miw={120}>
                {incident.restricted ? <RestrictedBadge /> : 'Everyone'}
              </Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <LocalTime iso={incident.updatedAt} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
