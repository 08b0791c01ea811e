import {
  Button,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Title,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  fetchSubprocessors,
  fetchUsedBy,
  removeSubprocessor,
  vendorKeys,
  type SubprocessorLink,
  type VendorSummary,
} from '../../../api/vendors.js';
import { CategoryBadges } from '../../../components/CategoryBadges.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { QueryError } from '../../../components/QueryError.js';
import { AnchorLink } from '../../../components/RouterLinks.js';
import { useVendorRole } from '../useVendorRole.js';
import { SubprocessorModal } from './SubprocessorModal.js';

export function SubprocessorsTab({ vendor }: { vendor: VendorSummary }) {
  const { canWrite } = useVendorRole();
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const own = useQuery({
    queryKey: vendorKeys.part(vendor.id, 'subprocessors'),
    queryFn: () => fetchSubprocessors(vendor.id),
  });
  const usedBy = useQuery({
    queryKey: vendorKeys.part(vendor.id, 'used-by'),
    queryFn: () => fetchUsedBy(vendor.id),
  });

  async function remove(link: SubprocessorLink) {
    await removeSubprocessor(vendor.id, link.id);
    notifications.show({
      color: 'teal',
      message: `${link.subprocessorName} is no longer a subprocessor of ${vendor.legalName}.`,
    });
    await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
  }

  return (
    <Stack gap="lg">
      <section aria-labelledby="subprocessors-heading">
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="subprocessors-heading">
            Subprocessors of {vendor.legalName}
          </Title>
          {canWrite && (
            <Button
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setAdding(true)}
            >
              Add subprocessor
            </Button>
          )}
        </Group>
        <Paper withBorder radius="md">
          {own.isPending && <Loader m="md" aria-label="Loading subprocessors" />}
          {own.isError && <QueryError error={own.error} onRetry={() => void own.refetch()} />}
          {own.data?.length === 0 && (
            <Text p="md" c="dimmed">
              No subprocessors recorded.
            </Text>
          )}
          {own.data && own.data.length > 0 && (
            <LinksTable
              links={own.data}
              show="subprocessor"
              onRemove={canWrite ? remove : undefined}
            />
          )}
        </Paper>
      </section>
      <section aria-labelledby="used-by-heading">
        <Title order={2} size="h4" id="used-by-heading" mb="xs">
          Used by
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          Vendors that pass the shop's data on to {vendor.legalName}.
        </Text>
        <Paper withBorder radius="md">
          {usedBy.isPending && <Loader m="md" aria-label="Loading vendors that use this one" />}
          {usedBy.isError && (
            <QueryError error={usedBy.error} onRetry={() => void usedBy.refetch()} />
          )}
          {usedBy.data?.length === 0 && (
            <Text p="md" c="dimmed">
              No vendor uses {vendor.legalName} as a subprocessor.
            </Text>
          )}
          {usedBy.data && usedBy.data.length > 0 && (
            <LinksTable links={usedBy.data} show="vendor" />
          )}
        </Paper>
      </section>
      <SubprocessorModal vendor={vendor} opened={adding} onClose={() => setAdding(false)} />
    </Stack>
  );
}

function LinksTable({
  links,
  show,
  onRemove,
}: {
  links: SubprocessorLink[];
  /** Which end of each link to name: the subprocessor, or the vendor relying on it. */
  show: 'subprocessor' | 'vendor';
  onRemove?: ((link: SubprocessorLink) => Promise<void>) | undefined;
}) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{show === 'subprocessor' ? 'Subprocessor' : 'Vendor'}</Table.Th>
            <Table.Th scope="col">Categories passed on</Table.Th>
            <Table.Th scope="col">Location</Table.Th>
            <Table.Th scope="col">Purpose</Table.Th>
            {onRemove && (
              <Table.Th scope="col">
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {links.map((link) => {
            const id = show === 'subprocessor' ? link.subprocessorId : link.vendorId;
            const name = show === 'subprocessor' ? link.subprocessorName : link.vendorName;
            return (
              <Table.Tr key={link.id}>
                <Table.Td>
                  <AnchorLink
                    to="/vendors/$vendorId"
                    params={{ vendorId: id }}
                    search={{ tab: 'subprocessors' }}
                    size="sm"
                    fw={500}
                  >
                    {name}
                  </AnchorLink>
                </Table.Td>
                <Table.Td maw={280}>
                  <CategoryBadges keys={link.categories} />
                </Table.Td>
                <Table.Td>{link.location}</Table.Td>
                <Table.Td maw={300}>
                  <Text size="sm">{link.purpose || '—'}</Text>
                </Table.Td>
                {onRemove && (
                  <Table.Td>
                    <ConfirmButton
                      size="xs"
                      variant="subtle"
                      aria-label={`Remove subprocessor ${name}`}
                      title={`Remove ${name}?`}
                      message={`${name} stays a vendor; only the link is removed.`}
                      confirmLabel="Remove subprocessor"
                      onConfirm={() => onRemove(link)}
                    >
                      Remove
                    </ConfirmButton>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
