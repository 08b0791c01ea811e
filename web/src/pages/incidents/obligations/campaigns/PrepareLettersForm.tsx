import { Button, Group, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconMailForward } from '@tabler/icons-react';
import { useMemo } from 'react';
import { z } from 'zod';
import { campaignInput } from '@contracts/breach-campaigns.js';
import { useCreateCampaign, type CampaignInput } from '../../../../api/breach-campaigns.js';
import type { Obligation } from '../../../../api/breach.js';
import { FormError } from '../../../../components/FormError.js';
import { useZodForm } from '../../../../hooks/useZodForm.js';
import { asRecord } from '../../../vendors/formValues.js';

const initial = { locale: 'en' };

/**
 * Prepares the letters of one obligation: the server freezes the latest notice template of
 * the language chosen and the scope snapshot, then a job works out who gets a letter. Nothing
 * is sent yet. A missing or incomplete template is named at the language field.
 */
export function PrepareLettersForm({
  incidentId,
  obligation,
  again,
}: {
  incidentId: string;
  obligation: Obligation;
  /** A campaign was cancelled before: this one starts afresh. */
  again: boolean;
}) {
  const schema = useMemo(
    () =>
      z.preprocess(
        (raw): CampaignInput => ({
          obligationKey: obligation.key,
          locale: (asRecord(raw).locale ?? '').trim(),
        }),
        campaignInput,
      ),
    [obligation.key],
  );
  const form = useZodForm(schema, initial);
  const create = useCreateCampaign(incidentId);
  const formId = `prepare-letters-${obligation.key.replace(/[^a-zA-Z0-9-]/g, '-')}`;

  function submit(input: CampaignInput) {
    create.mutate(input, {
      onSuccess: () =>
        notifications.show({
          color: 'teal',
          message: `Preparing the letters for “${obligation.duty}”: working out who gets one.`,
        }),
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <form id={formId} onSubmit={form.submitWith(submit)} noValidate aria-label="Prepare letters">
      <Stack gap="xs">
        <FormError message={form.formError} title="The letters were not prepared" />
        <Group align="flex-end" gap="sm" wrap="wrap">
          <TextInput
            label="Language"
            description="The notice template's locale, such as en or de-DE"
            maxLength={5}
            w={240}
            {...form.field('locale')}
          />
          <Button
            type="submit"
            variant="light"
            loading={create.isPending}
            leftSection={<IconMailForward size={16} aria-hidden />}
          >
            {again ? 'Prepare letters again' : 'Prepare letters'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
