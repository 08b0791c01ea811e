import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconEraser } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { eraseRequest } from '@contracts/datamap.js';
import { eraseCustomer, fetchCustomer, type Customer } from '../../api/datamap.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';

const emptyReason = { reason: '' };

/** Erases a customer's personal data for good; the reason goes to the audit log. */
export function EraseCustomerButton({
  customer,
  onErased,
}: {
  customer: Customer;
  onErased: (customer: Customer) => void;
}) {
  const [opened, { open, close }] = useDisclosure(false);
  const queryClient = useQueryClient();
  const form = useZodForm(eraseRequest, emptyReason);
  const mutation = useMutation({
    mutationFn: async (reason: string) => {
      await eraseCustomer(customer.externalId, reason);
      // The erasure is done; re-reading the tombstone is only for display.
      return fetchCustomer(customer.externalId).catch((): Customer => ({
        ...customer,
        email: null,
        name: null,
        phone: null,
        erasedAt: new Date().toISOString(),
      }));
    },
    onSuccess: async (erased) => {
      notifications.show({ color: 'teal', message: `Customer ${customer.externalId} erased.` });
      onErased(erased);
      dismiss();
      await queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
    onError: (error) => form.applyError(error),
  });

  function dismiss() {
    form.reset();
    close();
  }

  return (
    <>
      <Button
        color="red"
        variant="light"
        leftSection={<IconEraser size={16} aria-hidden />}
        onClick={open}
      >
        Erase
      </Button>
      <Modal opened={opened} onClose={dismiss} title="Erase this customer?" centered>
        <form
          onSubmit={form.submitWith(
            ({ reason }) => mutation.mutate(reason),
            ({ reason }) =>
              reason.trim().length < 3 ? { reason: 'Give a reason of at least 3 characters' } : {},
          )}
          noValidate
        >
          <Stack>
            <Text size="sm">
              Cordon deletes {customer.name ?? customer.externalId}'s name, email and phone for
              good. A tombstone with the external id stays, so a later import or the sharing ledger
              cannot bring the person back unnoticed. This cannot be undone.
            </Text>
            <FormError message={form.formError} title="Not erased" />
            <Textarea
              label="Reason for erasure"
              description="For example: erasure request under GDPR Art. 17, ticket #1234"
              autosize
              minRows={2}
              required
              data-autofocus
              {...form.field('reason')}
              onChange={(event) => form.setValue('reason', event.currentTarget.value)}
            />
            <Group justify="flex-end">
              <Button variant="default" onClick={dismiss} disabled={mutation.isPending}>
                Cancel
              </Button>
              <Button type="submit" color="red" loading={mutation.isPending}>
                Erase customer
              </Button>
            </Group>
          </Stack>
        </form>
      </Modal>
    </>
  );
}
