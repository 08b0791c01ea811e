import { Badge, Loader, Paper, Table, Text } from '@mantine/core';
import { useAdvisories } from '../../api/reports.js';
import { LocalTime } from '../../components/LocalTime.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { SeverityBadge } from './labels.js';

/** The shop's security advisories, drafts and published. Drafts start from a report. */
export function AdvisoriesPage() {
  const advisories = useAdvisories();
  return (
    <>
      <PageHeader
        title="Advisories"
        description="Public write-ups of fixed vulnerabilities, also served as CSAF and OSV. Draft one from a report's page."
      />
      <Paper withBorder radius="md">
        {advisories.isPending && <Loader m="md" aria-label="Loading advisories" />}
        {advisories.isError && (
          <QueryError error={advisories.error} onRetry={() => void advisories.refetch()} />
        )}
        {advisories.data?.length === 0 && (
          <Text p="md" size="sm" c="dimmed">
            No advisories yet.
          </Text>
        )}
        {advisories.data && advisories.data.length > 0 && (
          <Table aria-label="Advisories">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Id</Table.Th>
                <Table.Th>Title</Table.Th>
                <Table.Th>Severity</Table.Th>
                <Table.Th>State</Table.Th>
                <Table.Th>Published</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {advisories.data.map((advisory) => (
                <Table.Tr key={advisory.id}>
                  <Table.Td>
                    <AnchorLink
                      to="/disclosure/advisories/$advisoryId"
                      params={{ advisoryId: advisory.id }}
                    >
                      {advisory.id}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{advisory.content.title}</Table.Td>
                  <Table.Td>
                    <SeverityBadge severity={advisory.severity} />
                  </Table.Td>
                  <Table.Td>
                    <Badge
                      variant="light"
                      color={advisory.status === 'published' ? 'green' : 'gray'}
                    >
                      {advisory.status === 'published' ? 'Published' : 'Draft'}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <LocalTime iso={advisory.publishedAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
    </>
  );
}
