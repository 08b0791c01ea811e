import { Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import { z } from 'zod';
import { contactInput } from '@contracts/vendors.js';
import { saveContact, vendorKeys, type Contact, type ContactInput } from '../../../api/vendors.js';
import { FormError } from '../../../components/FormError.js';
import { useZodForm } from '../../../hooks/useZodForm.js';
import { asRecord, nullable } from '../formValues.js';

const contactForm = z.preprocess((raw): ContactInput => {
  const v = asRecord(raw);
  return {
    name: v.name ?? '',
    email: nullable(v.email),
    phone: nullable(v.phone),
    role: nullable(v.role) ?? 'contact',
  };
}, contactInput);

export function ContactModal({
  vendorId,
  contact,
  opened,
  onClose,
}: {
  vendorId: string;
  /** The contact to edit; without it, a new one is added. */
  contact: Contact | null;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={contact ? `Edit ${contact.name}` : 'Add a contact'}
      centered
    >
      {opened && <ContactForm vendorId={vendorId} contact={contact} onDone={onClose} />}
    </Modal>
  );
}

function ContactForm({
  vendorId,
  contact,
  onDone,
}: {
  vendorId: string;
  contact: Contact | null;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const initial = useMemo(
    () => ({
      name: contact?.name ?? '',
      email: contact?.email ?? '',
      phone: contact?.phone ?? '',
      role: contact?.role ?? '',
    }),
    [contact],
  );
  const form = useZodForm(contactForm, initial);
  const mutation = useMutation({
    mutationFn: (input: ContactInput) => saveContact(vendorId, input, contact?.id),
    onSuccess: async (saved) => {
      notifications.show({ color: 'teal', message: `Contact ${saved.name} was saved.` });
      await queryClient.invalidateQueries({ queryKey: vendorKeys.part(vendorId, 'contacts') });
      onDone();
    },
    onError: (error) => form.applyError(error),
  });

  return (
    <form onSubmit={form.submitWith((input) => mutation.mutate(input))} noValidate>
      <Stack>
        <FormError message={form.formError} title="Could not save the contact" />
        <TextInput label="Name" required data-autofocus {...form.field('name')} />
        <TextInput
          label="Role"
          placeholder="contact"
          description="e.g. security, privacy, account manager"
          {...form.field('role')}
        />
        <TextInput label="Email" type="email" {...form.field('email')} />
        <TextInput label="Phone" type="tel" {...form.field('phone')} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Save contact
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
