import { Button, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { suppressionInput } from '@contracts/breach-campaigns.js';
import {
  useAddBreachSuppression,
  type BreachSuppressionInput,
} from '../../../../api/breach-campaigns.js';
import { FormError } from '../../../../components/FormError.js';
import { useZodForm } from '../../../../hooks/useZodForm.js';

const initial = { email: '', reason: '' };

/** Adds an address to the suppression list; the server keeps only its keyed hash. */
export function SuppressionAddForm() {
  const form = useZodForm(suppressionInput, initial);
  const add = useAddBreachSuppression();

  function submit(input: BreachSuppressionInput) {
    add.mutate(input, {
      onSuccess: (added) => {
        notifications.show({
          color: 'teal',
          message: `${added.hint} added to the suppression list.`,
        });
        form.reset();
      },
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <form onSubmit={form.submitWith(submit)} noValidate aria-label="Add to the suppression list">
      <Stack gap="xs">
        <FormError message={form.formError} title="The address was not added" />
        <Group align="flex-start" gap="sm" wrap="wrap">
          <TextInput
            label="Email"
            description="Kept only as a keyed hash"
            type="email"
            required
            maxLength={254}
            w={280}
            autoComplete="off"
            {...form.field('email')}
          />
          <TextInput
            label="Reason"
            description="Why no letter may go to it, in at least 3 characters"
            required
            maxLength={500}
            miw={240}
            style={{ flex: 1 }}
            {...form.field('reason')}
          />
        </Group>
        <Group>
          <Button
            type="submit"
            variant="light"
            loading={add.isPending}
            leftSection={<IconPlus size={16} aria-hidden />}
          >
            Add address
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
