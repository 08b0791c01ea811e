import { Badge, Group, Table, Text } from '@mantine/core';
import type { VendorSummary } from '../../api/vendors.js';
import { CategoryBadges } from '../../components/CategoryBadges.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { RiskTierBadge, VendorStatusBadge } from '../../components/VendorBadges.js';

export function VendorsTable({ vendors }: { vendors: VendorSummary[] }) {
  return (
    <Table.ScrollContainer minWidth={960}>
      <Table verticalSpacing="sm" highlightOnHover data-testid="vendors-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Vendor</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Risk tier</Table.Th>
            <Table.Th scope="col">Data categories</Table.Th>
            <Table.Th scope="col">Integrations</Table.Th>
            <Table.Th scope="col">Tags</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {vendors.map((vendor) => (
            <Table.Tr key={vendor.id}>
              <Table.Td>
                <AnchorLink
                  to="/vendors/$vendorId"
                  params={{ vendorId: vendor.id }}
                  fw={500}
                  size="sm"
                >
                  {vendor.legalName}
                </AnchorLink>
                {vendor.tradingName && vendor.tradingName !== vendor.legalName && (
                  <Text size="xs" c="dimmed">
                    trading as {vendor.tradingName}
                  </Text>
                )}
              </Table.Td>
              <Table.Td miw={110}>
                <VendorStatusBadge status={vendor.status} />
              </Table.Td>
              <Table.Td miw={90}>
                <RiskTierBadge tier={vendor.riskTier} />
              </Table.Td>
              <Table.Td maw={300}>
                <CategoryBadges keys={vendor.categories} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{vendor.integrationCount}</Text>
              </Table.Td>
              <Table.Td maw={240}>
                <Group gap={4}>
                  {vendor.tags.map((tag) => (
                    <Badge key={tag} size="xs" variant="light" color="gray" tt="none">
                      {tag}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
