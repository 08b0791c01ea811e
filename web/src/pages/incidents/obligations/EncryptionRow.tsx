import { Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import { z } from 'zod';
import { encryptionInput } from '@contracts/breach.js';
import {
  useSetEncryption,
  type EncryptionFact,
  type EncryptionInput,
  type EncryptionState,
} from '../../../api/breach.js';
import { FormError } from '../../../components/FormError.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { useZodForm } from '../../../hooks/useZodForm.js';
import { asRecord } from '../../vendors/formValues.js';
import { personLabel } from '../people.js';
import { encryptionStateLabels, encryptionStateOptions } from './labels.js';

/** Taken-over accounts count as exposed credentials: the attacker typed the password. */
const TAKEOVER_CATEGORY = 'login_credentials';

/** Whether one exposed category was readable to the attacker, saved on its own. */
export function EncryptionRow({
  incidentId,
  category,
  fact,
  people,
}: {
  incidentId: string;
  category: { key: string; name: string; customers: number };
  fact: EncryptionFact | undefined;
  people: ReadonlyMap<string, string>;
}) {
  const schema = useMemo(
    () =>
      z.preprocess((raw): EncryptionInput => {
        const v = asRecord(raw);
        return { category: category.key, state: v.state as EncryptionState, note: v.note ?? '' };
      }, encryptionInput),
    [category.key],
  );
  const initial = useMemo(
    () => ({ state: fact?.state ?? '', note: fact?.note ?? '' }),
    [fact?.state, fact?.note],
  );
  const form = useZodForm(schema, initial);
  const save = useSetEncryption(incidentId);
  const nameId = `encryption-${category.key}`;
  const by = fact ? personLabel(people, fact.setBy) : null;

  function submit(input: EncryptionInput) {
    save.mutate(input, {
      onSuccess: (saved) =>
        notifications.show({
          color: 'teal',
          message: `${category.name}: recorded as ${encryptionStateLabels[saved.state].toLowerCase()}.`,
        }),
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <Stack component="li" gap={4} data-testid="encryption-category">
      <form
        onSubmit={form.submitWith(submit, (values) =>
          values.state ? {} : { state: 'choose how it was kept' },
        )}
        noValidate
        aria-labelledby={nameId}
      >
        <Stack gap={4}>
          <Text size="sm" fw={600} id={nameId}>
            {category.name}
          </Text>
          <FormError message={form.formError} title="The encryption state was not saved" />
          <Group align="flex-end" gap="sm" wrap="wrap">
            <Select
              label="State"
              name="state"
              placeholder="Not recorded"
              data={encryptionStateOptions}
              allowDeselect={false}
              value={form.values.state || null}
              onChange={(value) => value && form.setValue('state', value)}
              error={form.errors.state}
              w={240}
            />
            <TextInput
              label="Note"
              description="How it was kept: algorithm, where the key is"
              maxLength={2000}
              miw={240}
              style={{ flex: 1 }}
              {...form.field('note')}
            />
            <Button type="submit" variant="light" loading={save.isPending}>
              Save
            </Button>
          </Group>
          {category.key === TAKEOVER_CATEGORY && (
            <Text size="xs" c="dimmed">
              Taken-over accounts are never sheltered by encryption: the attacker typed the
              password.
            </Text>
          )}
          {fact && (
            <Text size="xs" c="dimmed">
              Recorded <LocalTime iso={fact.setAt} />
              {by && ` by ${by}`}
            </Text>
          )}
        </Stack>
      </form>
    </Stack>
  );
}
