import { Badge, Loader, Paper, Table, Text, Title } from '@mantine/core';
import { Fragment } from 'react';
import { usePortfolio, type Portfolio } from '../../api/exposure.js';
import { formatCount } from '../../components/counts.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { ageLabel } from './exposureText.js';

type VendorExposure = Portfolio['vendors'][number];

/** Vendors with open findings, in two groups: known-exploited first, as the server sorts them. */
export function VendorExposureCard() {
  const portfolio = usePortfolio();
  const vendors = portfolio.data?.vendors ?? [];
  const groups = [
    {
      key: 'kev',
      title: 'Known-exploited vulnerabilities',
      vendors: vendors.filter((vendor) => vendor.knownExploited > 0),
    },
    {
      key: 'other',
      title: 'Other open findings',
      vendors: vendors.filter((vendor) => vendor.knownExploited === 0),
    },
  ].filter((group) => group.vendors.length > 0);

  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="vendor-exposure-heading">
      <Title order={2} size="h4" p="md" pb={0} id="vendor-exposure-heading">
        Vendors
      </Title>
      {portfolio.isPending && <Loader m="md" aria-label="Loading vendors" />}
      {portfolio.isError && (
        <QueryError error={portfolio.error} onRetry={() => void portfolio.refetch()} />
      )}
      {portfolio.data && vendors.length === 0 && (
        <Text p="md" c="dimmed" size="sm">
          No vendor has an open finding.
        </Text>
      )}
      {groups.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" fz="sm" data-testid="vendor-exposure-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Vendor</Table.Th>
                <Table.Th scope="col" ta="right">
                  Known exploited
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Critical
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  High
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  Open
                </Table.Th>
                <Table.Th scope="col">Oldest open</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {groups.map((group) => (
                <Fragment key={group.key}>
                  <Table.Tr>
                    <Table.Th scope="colgroup" colSpan={6} bg="var(--mantine-color-default-hover)">
                      {group.title} ({group.vendors.length})
                    </Table.Th>
                  </Table.Tr>
                  {group.vendors.map((vendor) => (
                    <VendorRow key={vendor.vendorId} vendor={vendor} />
                  ))}
                </Fragment>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function VendorRow({ vendor }: { vendor: VendorExposure }) {
  return (
    <Table.Tr>
      <Table.Td>
        <AnchorLink
          to="/vendors/$vendorId"
          params={{ vendorId: vendor.vendorId }}
          search={{ tab: 'software' }}
          size="sm"
          fw={500}
        >
          {vendor.vendorName}
        </AnchorLink>
      </Table.Td>
      <Table.Td ta="right">
        {vendor.knownExploited > 0 ? (
          <Badge color="red">{formatCount(vendor.knownExploited)}</Badge>
        ) : (
          '0'
        )}
      </Table.Td>
      <Table.Td ta="right">{formatCount(vendor.critical)}</Table.Td>
      <Table.Td ta="right">{formatCount(vendor.high)}</Table.Td>
      <Table.Td ta="right">{formatCount(vendor.open)}</Table.Td>
      <Table.Td>{vendor.oldestOpenDays === null ? '—' : ageLabel(vendor.oldestOpenDays)}</Table.Td>
    </Table.Tr>
  );
}
