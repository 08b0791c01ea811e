import {
  Anchor,
  Button,
  Center,
  ColorInput,
  Group,
  Loader,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconExternalLink } from '@tabler/icons-react';
import { useMemo } from 'react';
import type { z } from 'zod';
import type { trustSettingsInput } from '@contracts/trust.js';
import {
  PUBLIC_TRUST_URL,
  useSaveTrustSettings,
  useTrustSettings,
  type TrustSettings,
} from '../../api/trust.js';
import { FormError } from '../../components/FormError.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { settingsForm, settingsValues } from './trustForms.js';

/** Theme, notice period and link lifetime. Everyone here may read them; only admins save. */
export function SettingsTab({ isAdmin }: { isAdmin: boolean }) {
  const settings = useTrustSettings();
  const save = useSaveTrustSettings();
  const data = settings.data;
  // The form restarts from each saved version, not on every refetch.
  const version = data ? (data.updatedAt ?? 'defaults') : 'loading';

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trust-settings">
      <Group justify="space-between" align="flex-start" mb="md">
        <Stack gap={2}>
          <Title order={2} size="h4" id="trust-settings">
            Theme and notice
          </Title>
          <Text size="sm" c="dimmed">
            {data?.updatedAt ? (
              <>
                Last saved <LocalTime iso={data.updatedAt} />.
              </>
            ) : (
              'Not saved yet: the public pages use these defaults.'
            )}
          </Text>
        </Stack>
        <Anchor href={PUBLIC_TRUST_URL} target="_blank" rel="noopener" size="sm">
          <Group gap={4} component="span">
            Open the public trust center
            <IconExternalLink size={14} aria-hidden />
          </Group>
        </Anchor>
      </Group>
      {settings.isPending && (
        <Center p="md">
          <Loader aria-label="Loading the trust center settings" />
        </Center>
      )}
      {settings.isError && (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      )}
      {data && <SettingsForm key={version} settings={data} save={save} readOnly={!isAdmin} />}
    </Paper>
  );
}

function SettingsForm({
  settings,
  save,
  readOnly,
}: {
  settings: TrustSettings;
  save: ReturnType<typeof useSaveTrustSettings>;
  readOnly: boolean;
}) {
  const initial = useMemo(() => settingsValues(settings), [settings]);
  const form = useZodForm(settingsForm, initial);

  function submit(input: z.output<typeof trustSettingsInput>) {
    save.mutate(input, {
      onSuccess: () =>
        notifications.show({ color: 'teal', message: 'Trust center settings saved.' }),
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <form onSubmit={form.submitWith(submit)} noValidate aria-label="Trust center settings">
      <Stack gap="md">
        <FormError message={form.formError} title="The settings were not saved" />
        {readOnly && (
          <Text size="sm" c="dimmed">
            Only an admin can change these settings.
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <TextInput
            label="Shop name"
            description="The name the public pages and emails show"
            required
            readOnly={readOnly}
            autoComplete="organization"
            {...form.field('shopName')}
          />
          <TextInput
            label="Logo URL"
            description="An https address of the logo image; leave empty for none"
            placeholder="https://shop.example/logo.png"
            readOnly={readOnly}
            spellCheck={false}
            autoComplete="off"
            {...form.field('logoUrl')}
          />
          <ColorInput
            name="brandColour"
            label="Brand colour"
            description="Headings, links and buttons, as #rrggbb; text on it is black or white"
            format="hex"
            withPicker={false}
            readOnly={readOnly}
            value={form.values.brandColour}
            onChange={(value) => form.setValue('brandColour', value)}
            error={form.errors.brandColour}
          />
          <NumberInput
            name="noticeDays"
            label="Notice days"
            description="How far ahead a new subprocessor must be announced (0–365)"
            min={0}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            readOnly={readOnly}
            value={form.values.noticeDays}
            onChange={(value) => form.setValue('noticeDays', String(value))}
            error={form.errors.noticeDays}
          />
          <NumberInput
            name="linkDays"
            label="Link lifetime (days)"
            description="Download links for approved document requests expire after this (1–90)"
            min={1}
            max={90}
            allowDecimal={false}
            allowNegative={false}
            readOnly={readOnly}
            value={form.values.linkDays}
            onChange={(value) => form.setValue('linkDays', String(value))}
            error={form.errors.linkDays}
          />
        </SimpleGrid>
        {!readOnly && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save settings
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
