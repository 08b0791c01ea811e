import { Code, Stack, Table, Text, Title } from '@mantine/core';
import type { FindingDetail } from '../../api/exposure.js';

type Affected = FindingDetail['advisory']['affected'];

/** Advisories can list thousands of versions; the ranges say the same thing in less space. */
const VERSIONS_SHOWN = 20;

export function AffectedList({ affected }: { affected: Affected }) {
  if (affected.length === 0) return null;
  return (
    <Stack gap={4}>
      <Title order={3} size="h5">
        Affected
      </Title>
      <Table.ScrollContainer minWidth={560}>
        <Table fz="sm" verticalSpacing="xs" data-testid="advisory-affected">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Package</Table.Th>
              <Table.Th scope="col">Ranges</Table.Th>
              <Table.Th scope="col">Listed versions</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {affected.map((item, index) => (
              <Table.Tr key={`${item.package}:${index}`}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>{item.package}</Table.Td>
                <Table.Td>
                  {item.ranges.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      none
                    </Text>
                  ) : (
                    <Stack gap={2}>
                      {item.ranges.map((range, rangeIndex) => (
                        <Text key={rangeIndex} size="sm">
                          {range}
                        </Text>
                      ))}
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td maw={320}>
                  {item.versions.length === 0 ? (
                    <Text size="sm" c="dimmed">
                      none
                    </Text>
                  ) : (
                    <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                      {item.versions.slice(0, VERSIONS_SHOWN).map((version, versionIndex) => (
                        <span key={version}>
                          {versionIndex > 0 && ', '}
                          <Code>{version}</Code>
                        </span>
                      ))}
                      {item.versions.length > VERSIONS_SHOWN &&
                        ` and ${item.versions.length - VERSIONS_SHOWN} more`}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
