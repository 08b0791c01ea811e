import { Anchor, Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState, type ReactNode } from 'react';
import { deleteVendor, vendorKeys, type VendorSummary } from '../../../api/vendors.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { useVendorRole } from '../useVendorRole.js';
import { VendorFormModal } from '../VendorFormModal.js';

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text size="sm" component="div">
        {children || '—'}
      </Text>
    </div>
  );
}

export function ProfileCard({ vendor }: { vendor: VendorSummary }) {
  const { canWrite, isAdmin } = useVendorRole();
  const [editing, setEditing] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  async function remove() {
    await deleteVendor(vendor.id);
    notifications.show({ color: 'teal', message: `${vendor.legalName} was deleted.` });
    queryClient.removeQueries({ queryKey: vendorKeys.detail(vendor.id) });
    await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
    await navigate({ to: '/vendors' });
  }

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Profile
        </Title>
        <Group gap="xs">
          {isAdmin && vendor.status === 'prospect' && (
            <ConfirmButton
              size="xs"
              variant="light"
              aria-label={`Delete vendor ${vendor.legalName}`}
              title={`Delete ${vendor.legalName}?`}
              message="Only prospects can be deleted. Its contacts, contracts and integrations go with it. This cannot be undone."
              confirmLabel="Delete vendor"
              onConfirm={remove}
            >
              Delete
            </ConfirmButton>
          )}
          {canWrite && (
            <Button
              size="xs"
              variant="light"
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={() => setEditing(true)}
              aria-label="Edit profile"
            >
              Edit
            </Button>
          )}
        </Group>
      </Group>
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Item label="Legal name">{vendor.legalName}</Item>
          <Item label="Trading name">{vendor.tradingName}</Item>
          <Item label="Website">
            {vendor.website && (
              <Anchor href={vendor.website} target="_blank" rel="noopener noreferrer nofollow">
                {vendor.website}
              </Anchor>
            )}
          </Item>
          <Item label="Country">{vendor.country}</Item>
          <Item label="Business owner">{vendor.businessOwner}</Item>
          <Item label="Security contact">
            {vendor.securityContact && (
              <Anchor href={`mailto:${vendor.securityContact}`}>{vendor.securityContact}</Anchor>
            )}
          </Item>
          <Item label="Domains">{vendor.domains.join(', ')}</Item>
          <Item label="Tags">
            {vendor.tags.length > 0 && (
              <Group gap={4}>
                {vendor.tags.map((tag) => (
                  <Badge key={tag} size="sm" variant="light" color="gray" tt="none">
                    {tag}
                  </Badge>
                ))}
              </Group>
            )}
          </Item>
        </SimpleGrid>
        <Item label="Services">
          {vendor.services && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {vendor.services}
            </Text>
          )}
        </Item>
        <Item label="Notes">
          {vendor.notes && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {vendor.notes}
            </Text>
          )}
        </Item>
        <Text size="xs" c="dimmed">
          Added <LocalTime iso={vendor.createdAt} />, last changed{' '}
          <LocalTime iso={vendor.updatedAt} />
        </Text>
      </Stack>
      <VendorFormModal opened={editing} onClose={() => setEditing(false)} vendor={vendor} />
    </Paper>
  );
}
