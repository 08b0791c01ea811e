import {
  Badge,
  Button,
  Code,
  Group,
  Loader,
  Paper,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import {
  deleteIntegration,
  fetchIntegrations,
  integrationsKey,
  vendorKeys,
  type Integration,
  type VendorSummary,
} from '../../../api/vendors.js';
import { CategoryBadges } from '../../../components/CategoryBadges.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { QueryError } from '../../../components/QueryError.js';
import { AnchorLink } from '../../../components/RouterLinks.js';
import { integrationKindLabels } from '../labels.js';
import { useVendorRole } from '../useVendorRole.js';
import { GoLiveBadge } from './GoLiveBadge.js';
import { IntegrationModal } from './IntegrationModal.js';

const statusColors: Record<Integration['status'], string> = {
  planned: 'blue',
  active: 'teal',
  suspended: 'orange',
  retired: 'gray',
};

export function IntegrationsTab({ vendor }: { vendor: VendorSummary }) {
  const { canWrite, isAdmin } = useVendorRole();
  const queryClient = useQueryClient();
  const integrations = useQuery({
    queryKey: vendorKeys.part(vendor.id, 'integrations'),
    queryFn: () => fetchIntegrations(vendor.id),
  });
  const [editing, setEditing] = useState<Integration | 'new' | null>(null);

  async function remove(integration: Integration) {
    await deleteIntegration(vendor.id, integration.id);
    notifications.show({ color: 'teal', message: `Integration ${integration.name} was deleted.` });
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: vendorKeys.all }),
      queryClient.invalidateQueries({ queryKey: integrationsKey }),
    ]);
  }

  return (
    <>
      <Group justify="space-between" mb="sm">
        <Text size="sm" c="dimmed" maw={640}>
          How the shop's systems connect to {vendor.legalName}, and the data each connection is
          declared to carry.
        </Text>
        {canWrite && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            Add integration
          </Button>
        )}
      </Group>
      <Paper withBorder radius="md">
        {integrations.isPending && <Loader m="md" aria-label="Loading integrations" />}
        {integrations.isError && (
          <QueryError error={integrations.error} onRetry={() => void integrations.refetch()} />
        )}
        {integrations.data?.length === 0 && (
          <Text p="md" c="dimmed">
            No integrations recorded for this vendor.
          </Text>
        )}
        {integrations.data && integrations.data.length > 0 && (
          <Table.ScrollContainer minWidth={1080}>
            <Table verticalSpacing="sm" data-testid="integrations-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Name</Table.Th>
                  <Table.Th scope="col">Kind</Table.Th>
                  <Table.Th scope="col">Environment</Table.Th>
                  <Table.Th scope="col">Status</Table.Th>
                  <Table.Th scope="col">Declared categories</Table.Th>
                  <Table.Th scope="col">Credentials</Table.Th>
                  <Table.Th scope="col">Owner</Table.Th>
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {integrations.data.map((integration) => (
                  <Table.Tr key={integration.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {integration.name}
                      </Text>
                      {integration.domains.length > 0 && (
                        <Text size="xs" c="dimmed">
                          {integration.domains.join(', ')}
                        </Text>
                      )}
                      <AnchorLink
                        to="/blast-radius"
                        search={{ integrationId: integration.id }}
                        size="xs"
                        aria-label={`Blast radius of ${integration.name}`}
                      >
                        Blast radius
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{integrationKindLabels[integration.kind]}</Table.Td>
                    <Table.Td>{integration.environment}</Table.Td>
                    <Table.Td miw={110}>
                      <Stack gap={4} align="flex-start">
                        <Badge variant="light" color={statusColors[integration.status]}>
                          {integration.status}
                        </Badge>
                        {integration.status !== 'active' && (
                          <GoLiveBadge
                            vendorId={vendor.id}
                            integrationId={integration.id}
                            integrationName={integration.name}
                          />
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td maw={260}>
                      <CategoryBadges keys={integration.declaredCategories} />
                    </Table.Td>
                    <Table.Td>
                      {integration.credentialsRef ? (
                        <Tooltip label="A reference to where the secret is kept, not the secret">
                          <Code fz="xs">{integration.credentialsRef}</Code>
                        </Tooltip>
                      ) : (
                        <Text size="sm" c="dimmed">
                          none
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>{integration.owner ?? '—'}</Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        {canWrite && (
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() => setEditing(integration)}
                            aria-label={`Edit integration ${integration.name}`}
                          >
                            Edit
                          </Button>
                        )}
                        {isAdmin && (
                          <ConfirmButton
                            size="xs"
                            variant="subtle"
                            aria-label={`Delete integration ${integration.name}`}
                            title={`Delete ${integration.name}?`}
                            message="Only integrations without recorded data sharing can be deleted; retire the others instead."
                            confirmLabel="Delete integration"
                            onConfirm={() => remove(integration)}
                          >
                            Delete
                          </ConfirmButton>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <IntegrationModal
        vendorId={vendor.id}
        integration={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
