import { Alert, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { z } from 'zod';
import { endpointInput } from '@contracts/incidents.js';
import {
  useRemoveActionEndpoint,
  useSaveActionEndpoint,
  type ActionEndpoint,
  type ActionType,
  type SavedEndpoint,
} from '../../api/incidents.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { FormError } from '../../components/FormError.js';
import { LocalTime } from '../../components/LocalTime.js';
import { SecretValue } from '../../components/SecretValue.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { asRecord } from '../vendors/formValues.js';
import { actionTypeLabels } from '../incidents/labels.js';

const endpointForm = z.preprocess(
  (raw) => ({ url: (asRecord(raw).url ?? '').trim() }),
  endpointInput,
);
const empty = { url: '' };

/** One action type's receiver: where it is, when it was set, and a form to set it anew. */
export function EndpointCard({
  actionType,
  endpoint,
}: {
  actionType: ActionType;
  endpoint: ActionEndpoint | null;
}) {
  const { user } = useSignedInSession();
  const form = useZodForm(endpointForm, empty);
  const save = useSaveActionEndpoint();
  const remove = useRemoveActionEndpoint();
  const [saved, setSaved] = useState<SavedEndpoint | null>(null);
  const headingId = `endpoint-${actionType}-heading`;
  const label = actionTypeLabels[actionType];

  function submit({ url }: z.output<typeof endpointInput>) {
    save.mutate(
      { actionType, url },
      {
        onSuccess: (result) => {
          setSaved(result);
          notifications.show({ color: 'teal', message: `${label}: receiver saved.` });
          form.reset();
        },
        onError: (error) => form.applyError(error),
      },
    );
  }

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby={headingId}
      data-testid={`endpoint-${actionType}`}
    >
      <Stack gap="sm">
        <Stack gap={2}>
          <Title order={2} size="h4" id={headingId}>
            {label}
          </Title>
          <Text size="xs" c="dimmed">
            Action type <code>{actionType}</code>
          </Text>
        </Stack>
        {endpoint ? (
          <Text size="sm">
            Sent to{' '}
            <Text span ff="monospace" size="sm" style={{ overflowWrap: 'anywhere' }}>
              {endpoint.url}
            </Text>
            <Text span c="dimmed" size="sm">
              {' '}
              (set <LocalTime iso={endpoint.updatedAt} />
              {endpoint.updatedBy === user.id ? ' by you' : ''})
            </Text>{' '}
            <ConfirmButton
              size="compact-xs"
              variant="subtle"
              title={`Remove the ${label} receiver?`}
              message="Cordon stops sending these requests; any still waiting fail on their remaining attempts."
              confirmLabel="Remove receiver"
              aria-label={`Remove the ${label} receiver`}
              onConfirm={() => remove.mutateAsync(actionType)}
            >
              Remove
            </ConfirmButton>
          </Text>
        ) : (
          <Text size="sm" c="dimmed">
            Not set up: analysts cannot request this action until a receiver is set.
          </Text>
        )}
        {saved && <NewSecret saved={saved} onDone={() => setSaved(null)} />}
        <form onSubmit={form.submitWith(submit)} noValidate aria-labelledby={headingId}>
          <Stack gap="xs">
            <FormError message={form.formError} title="The receiver was not saved" />
            <Group align="flex-start" gap="sm" wrap="wrap">
              <TextInput
                label="Receiver URL"
                description={
                  endpoint
                    ? 'Saving makes a new signing secret: the old one stops working'
                    : 'The shop system that carries the action out'
                }
                placeholder="https://shop.example/cordon/containment"
                required
                maxLength={2000}
                miw={360}
                style={{ flex: 1 }}
                {...form.field('url')}
              />
            </Group>
            <Group>
              <Button type="submit" loading={save.isPending}>
                {endpoint ? 'Replace URL and secret' : 'Set URL'}
              </Button>
            </Group>
          </Stack>
        </form>
      </Stack>
    </Paper>
  );
}

/** The signing secret, shown this once: the server keeps it sealed and never shows it again. */
function NewSecret({ saved, onDone }: { saved: SavedEndpoint; onDone: () => void }) {
  return (
    <Alert
      color="yellow"
      variant="light"
      title="Copy the signing secret now"
      icon={<IconAlertTriangle aria-hidden />}
    >
      <Stack gap="sm">
        <Text size="sm">
          It will not be shown again. Store it in the receiver&rsquo;s configuration: it verifies
          that requests come from Cordon. If it is lost, save the URL again to make a new one.
        </Text>
        <SecretValue
          label="Signing secret"
          value={saved.secret}
          testId={`endpoint-secret-${saved.actionType}`}
        />
        <Group>
          <Button size="xs" variant="default" onClick={onDone}>
            I have stored it
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
