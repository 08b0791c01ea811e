import { Table } from '@mantine/core';
import type { ReportSummary } from '../../api/reports.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { OverdueBadges, SeverityBadge, StatusBadge } from './labels.js';

/** A list of reports: number, linked title, status, severity, when received and late clocks. */
export function ReportTable({
  reports,
  label,
  withAsset = false,
  overdueHeading,
  highlightOnHover = false,
}: {
  reports: ReportSummary[];
  label: string;
  withAsset?: boolean;
  overdueHeading: string;
  highlightOnHover?: boolean;
}) {
  return (
    <Table aria-label={label} highlightOnHover={highlightOnHover}>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>#</Table.Th>
          <Table.Th>Title</Table.Th>
          {withAsset && <Table.Th>Asset</Table.Th>}
          <Table.Th>Status</Table.Th>
          <Table.Th>Severity</Table.Th>
          <Table.Th>Received</Table.Th>
          <Table.Th>{overdueHeading}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {reports.map((report) => (
          <Table.Tr key={report.id}>
            <Table.Td>{report.number}</Table.Td>
            <Table.Td>
              <AnchorLink to="/disclosure/reports/$reportId" params={{ reportId: report.id }}>
                {report.title}
              </AnchorLink>
            </Table.Td>
            {withAsset && <Table.Td>{report.asset}</Table.Td>}
            <Table.Td>
              <StatusBadge status={report.status} />
            </Table.Td>
            <Table.Td>
              <SeverityBadge severity={report.severity} />
            </Table.Td>
            <Table.Td>
              <LocalTime iso={report.receivedAt} />
            </Table.Td>
            <Table.Td>
              <OverdueBadges clocks={report.overdue} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
