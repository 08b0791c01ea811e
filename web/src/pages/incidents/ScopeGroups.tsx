import { Button, Stack, Table, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import type { ScopeSnapshot } from '../../api/incidents.js';
import { formatCount } from '../../components/counts.js';
import { jurisdictionCode, jurisdictionName } from '../../components/jurisdictions.js';

type ScopeGroup = ScopeSnapshot['groups'][number];

const byCustomers = (a: ScopeGroup, b: ScopeGroup) =>
  b.customers - a.customers ||
  jurisdictionCode(a.country, a.region).localeCompare(jurisdictionCode(b.country, b.region));

/**
 * What notification law asks for: customers per jurisdiction and exact combination of data
 * categories. Folded away until asked for: a large breach has many rows.
 */
export function ScopeGroups({ snapshot }: { snapshot: ScopeSnapshot }) {
  const [open, setOpen] = useState(false);
  const tableId = `scope-${snapshot.id}-groups`;
  const names = new Map(snapshot.byCategory.map((row) => [row.key, row.name] as const));
  const groups = [...snapshot.groups].sort(byCustomers);

  return (
    <Stack gap="xs">
      <Button
        size="compact-sm"
        variant="subtle"
        w="fit-content"
        leftSection={
          open ? (
            <IconChevronDown size={14} aria-hidden />
          ) : (
            <IconChevronRight size={14} aria-hidden />
          )
        }
        aria-expanded={open}
        aria-controls={tableId}
        onClick={() => setOpen((shown) => !shown)}
      >
        Jurisdiction and category groups ({formatCount(groups.length)})
      </Button>
      {open && (
        <div id={tableId}>
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4} fz="sm" striped data-testid="scope-groups">
              <Table.Caption>
                Affected customers by jurisdiction and exact combination of data categories
              </Table.Caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Jurisdiction</Table.Th>
                  <Table.Th scope="col">Categories</Table.Th>
                  <Table.Th scope="col" ta="right">
                    Customers
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {groups.map((group) => (
                  <Table.Tr
                    key={`${group.known}|${group.country ?? '-'}|${group.region ?? '-'}|${group.categories.join(',')}`}
                  >
                    <Table.Td>
                      {group.known ? (
                        <>
                          <Text span size="sm" ff="monospace">
                            {jurisdictionCode(group.country, group.region)}
                          </Text>{' '}
                          <Text span size="xs" c="dimmed">
                            {jurisdictionName(group.country, group.region)}
                          </Text>
                        </>
                      ) : (
                        <Text span size="sm" c="dimmed">
                          Not in the customer directory
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ overflowWrap: 'anywhere' }}>
                      {group.categories.length
                        ? group.categories.map((key) => names.get(key) ?? key).join(', ')
                        : '—'}
                    </Table.Td>
                    <Table.Td ta="right">{formatCount(group.customers)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      )}
    </Stack>
  );
}
