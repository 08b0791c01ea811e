import { Button, Group, NumberInput, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo } from 'react';
import type { z } from 'zod';
import type { securityTxtSettingsInput } from '@contracts/securitytxt.js';
import type { SecurityTxtView, useSaveSecurityTxt } from '../../api/disclosure.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { textareaField } from '../vendors/formValues.js';
import {
  entryErrors,
  LIST_FIELDS,
  securityTxtForm,
  toValues,
  withEntriesNamed,
  type ListField,
} from './securityTxtForm.js';

/** Labels are the RFC's field names, so they match what the file and the checker show. */
const listFields: Record<ListField, { label: string; description: string; placeholder: string }> = {
  contact: {
    label: 'Contact',
    description: 'How to reach the security team, most preferred first',
    placeholder: 'mailto:security@shop.example\nhttps://shop.example/security/report',
  },
  encryption: {
    label: 'Encryption',
    description: 'Where researchers find a key to encrypt reports with',
    placeholder: 'https://shop.example/pgp-key.txt',
  },
  acknowledgments: {
    label: 'Acknowledgments',
    description: 'A page thanking researchers who reported issues',
    placeholder: 'https://shop.example/security/hall-of-fame',
  },
  policy: {
    label: 'Policy',
    description: 'The vulnerability disclosure policy',
    placeholder: 'https://shop.example/security/policy',
  },
  hiring: {
    label: 'Hiring',
    description: 'Open security jobs',
    placeholder: 'https://shop.example/jobs/security',
  },
  csaf: {
    label: 'CSAF',
    description: 'The provider-metadata.json of a CSAF advisory feed',
    placeholder: 'https://shop.example/.well-known/csaf/provider-metadata.json',
  },
};

/** The settings form; starts from the saved fields (or empty) and is remounted after a save. */
export function SecurityTxtForm({
  view,
  save,
}: {
  view: SecurityTxtView | null;
  save: ReturnType<typeof useSaveSecurityTxt>;
}) {
  const initial = useMemo(() => toValues(view), [view]);
  const form = useZodForm(securityTxtForm, initial);

  function submit(input: z.output<typeof securityTxtSettingsInput>) {
    // The values as submitted: the user may type on while the request is out.
    const submitted = form.values;
    save.mutate(input, {
      onSuccess: () => notifications.show({ color: 'teal', message: 'security.txt saved.' }),
      onError: (error) => form.applyError(withEntriesNamed(error, submitted)),
    });
  }

  return (
    <form
      onSubmit={form.submitWith(submit, entryErrors)}
      noValidate
      aria-label="security.txt fields"
    >
      <Stack gap="md">
        <FormError message={form.formError} title="security.txt was not saved" />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          {LIST_FIELDS.map((key) => (
            <Textarea
              key={key}
              label={listFields[key].label}
              description={`${listFields[key].description}; one URI per line`}
              placeholder={listFields[key].placeholder}
              required={key === 'contact'}
              autosize
              minRows={2}
              maxRows={8}
              spellCheck={false}
              autoComplete="off"
              {...textareaField(form, key)}
            />
          ))}
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <TextInput
            label="Preferred languages"
            description="Language tags, comma-separated, e.g. en, de"
            placeholder="en, de"
            spellCheck={false}
            autoComplete="off"
            {...form.field('preferredLanguages')}
          />
          <NumberInput
            name="expiresDays"
            label="Expires after (days)"
            description="Between 7 and 364: RFC 9116 advises less than a year"
            min={7}
            max={364}
            allowDecimal={false}
            allowNegative={false}
            value={form.values.expiresDays}
            onChange={(value) => form.setValue('expiresDays', String(value))}
            error={form.errors.expiresDays}
          />
        </SimpleGrid>
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save security.txt
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
