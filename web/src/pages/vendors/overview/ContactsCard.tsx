import {
  Anchor,
  Button,
  Group,
  Loader,
  Paper,
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
  deleteContact,
  fetchContacts,
  vendorKeys,
  type Contact,
  type VendorSummary,
} from '../../../api/vendors.js';
import { ConfirmButton } from '../../../components/ConfirmButton.js';
import { QueryError } from '../../../components/QueryError.js';
import { useVendorRole } from '../useVendorRole.js';
import { ContactModal } from './ContactModal.js';

export function ContactsCard({ vendor }: { vendor: VendorSummary }) {
  const { canWrite } = useVendorRole();
  const queryClient = useQueryClient();
  const key = vendorKeys.part(vendor.id, 'contacts');
  const contacts = useQuery({ queryKey: key, queryFn: () => fetchContacts(vendor.id) });
  const [editing, setEditing] = useState<Contact | 'new' | null>(null);

  async function remove(contact: Contact) {
    await deleteContact(vendor.id, contact.id);
    notifications.show({ color: 'teal', message: `Contact ${contact.name} was removed.` });
    await queryClient.invalidateQueries({ queryKey: key });
  }

  return (
    <Paper withBorder radius="md" p="md">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4">
          Contacts
        </Title>
        {canWrite && (
          <Button
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => setEditing('new')}
          >
            Add contact
          </Button>
        )}
      </Group>
      {contacts.isPending && <Loader size="sm" aria-label="Loading contacts" />}
      {contacts.isError && (
        <QueryError error={contacts.error} onRetry={() => void contacts.refetch()} />
      )}
      {contacts.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          No contacts yet.
        </Text>
      )}
      {contacts.data && contacts.data.length > 0 && (
        <Table.ScrollContainer minWidth={560}>
          <Table verticalSpacing="xs" fz="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Name</Table.Th>
                <Table.Th scope="col">Role</Table.Th>
                <Table.Th scope="col">Email</Table.Th>
                <Table.Th scope="col">Phone</Table.Th>
                {canWrite && (
                  <Table.Th scope="col">
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {contacts.data.map((contact) => (
                <Table.Tr key={contact.id}>
                  <Table.Td>{contact.name}</Table.Td>
                  <Table.Td>{contact.role}</Table.Td>
                  <Table.Td>
                    {contact.email ? (
                      <Anchor href={`mailto:${contact.email}`} size="sm">
                        {contact.email}
                      </Anchor>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td>{contact.phone ?? '—'}</Table.Td>
                  {canWrite && (
                    <Table.Td>
                      <Group gap="xs" justify="flex-end" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setEditing(contact)}
                          aria-label={`Edit contact ${contact.name}`}
                        >
                          Edit
                        </Button>
                        <ConfirmButton
                          size="xs"
                          variant="subtle"
                          aria-label={`Delete contact ${contact.name}`}
                          title={`Remove ${contact.name}?`}
                          message="The contact is removed from this vendor."
                          confirmLabel="Remove contact"
                          onConfirm={() => remove(contact)}
                        >
                          Delete
                        </ConfirmButton>
                      </Group>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ContactModal
        vendorId={vendor.id}
        contact={editing === 'new' ? null : editing}
        opened={editing !== null}
        onClose={() => setEditing(null)}
      />
    </Paper>
  );
}
