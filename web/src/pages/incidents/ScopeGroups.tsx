import { Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ScopeSnapshot } from '../../api/incidents.js';
import { formatCount } from '../../components/counts.js';
import { CustomerCountTable, CustomersCell } from '../../components/CustomerCountTable.js';
import { jurisdictionCode, jurisdictionName } from '../../components/jurisdictions.js';
import { DisclosureButton } from './DisclosureButton.js';

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
      <DisclosureButton
        size="compact-sm"
        open={open}
        controls={tableId}
        onToggle={() => setOpen((shown) => !shown)}
      >
        Jurisdiction and category groups ({formatCount(groups.length)})
      </DisclosureButton>
      {open && (
        <div id={tableId}>
          <CustomerCountTable
            caption="Affected customers by jurisdiction and exact combination of data categories"
            columns={['Jurisdiction', 'Categories']}
            minWidth={560}
            dense
            testId="scope-groups"
          >
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
                <CustomersCell customers={group.customers} />
              </Table.Tr>
            ))}
          </CustomerCountTable>
        </div>
      )}
    </Stack>
  );
}
