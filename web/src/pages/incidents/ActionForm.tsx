import { Button, Group, Paper, Radio, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconSend } from '@tabler/icons-react';
import { useEffect, useMemo, useRef, useState, type ComponentProps } from 'react';
import { z } from 'zod';
import { actionInput } from '@contracts/incidents.js';
import { isApiError } from '../../api/client.js';
import {
  useRequestAction,
  type ActionInput,
  type ActionType,
  type Incident,
} from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { asRecord, list, textareaField } from '../vendors/formValues.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { actionTypeLabels, actionTypeOptions } from './labels.js';

/** Whether the accounts or sources come from the linked alerts or a pasted list. */
type Source = 'alerts' | 'list';

const actionForm = z.preprocess((raw): ActionInput => {
  const v = asRecord(raw);
  const type = v.type as ActionType;
  if (type === 'revoke_credentials') return { type, integrationId: v.integrationId ?? '' };
  if (type === 'force_password_reset')
    return { type, ...(v.accountsFrom === 'list' ? { customerIds: list(v.customerIds) } : {}) };
  return { type, ...(v.sourcesFrom === 'list' ? { sources: list(v.sources) } : {}) };
}, actionInput);

/**
 * Asks the shop to revoke an integration's credentials, reset passwords or block sources. One
 * idempotency key per request: sending the same form twice (a double click, a retry after a
 * lost answer) asks once; any change to the form makes a new request.
 */
export function ActionForm({
  incident,
  names,
}: {
  incident: Incident;
  names: ReadonlyMap<string, string>;
}) {
  const { isAdmin } = useVendorRole();
  const alerts = incident.links.filter((link) => link.kind === 'alert').length;
  const integrations = incident.links
    .filter((link) => link.kind === 'integration')
    .map((link) => ({ value: link.targetId, label: names.get(link.targetId) ?? link.targetId }));
  const initial = useMemo(() => {
    const from: Source = alerts > 0 ? 'alerts' : 'list';
    return {
      type: 'revoke_credentials',
      integrationId: '',
      accountsFrom: from,
      customerIds: '',
      sourcesFrom: from,
      sources: '',
    };
  }, [alerts]);
  const form = useZodForm(actionForm, initial);
  const request = useRequestAction(incident.id);
  const [noEndpoint, setNoEndpoint] = useState(false);
  const idempotencyKey = useRef<string | null>(null);
  const type = form.values.type as ActionType;

  // A changed form is a new request, with a key of its own.
  useEffect(() => {
    idempotencyKey.current = null;
  }, [form.values]);

  function submit(input: ActionInput) {
    idempotencyKey.current ??= randomKey();
    request.mutate(
      { ...input, idempotencyKey: idempotencyKey.current },
      {
        onSuccess: (action) => {
          notifications.show({
            color: 'teal',
            message: `${actionTypeLabels[action.type]}: requested; the shop's receiver is being asked.`,
          });
          idempotencyKey.current = null;
          setNoEndpoint(false);
          form.reset();
        },
        onError: (error) => {
          setNoEndpoint(isApiError(error, 'CONFLICT'));
          form.applyError(error);
        },
      },
    );
  }

  /** Choices the contract cannot check: something to act on is given. */
  function checkChoices(values: typeof initial) {
    if (type === 'revoke_credentials' && !values.integrationId)
      return {
        integrationId: integrations.length
          ? 'choose the integration'
          : 'link the integration to the incident first',
      };
    if (type === 'force_password_reset' && values.accountsFrom === 'list')
      return list(values.customerIds).length
        ? {}
        : { customerIds: 'list at least one customer id' };
    if (type === 'block_sources' && values.sourcesFrom === 'list')
      return list(values.sources).length ? {} : { sources: 'list at least one address or range' };
    return {};
  }

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="request-action-heading"
    >
      <Title order={3} size="h4" mb="sm" id="request-action-heading">
        Request a containment action
      </Title>
      <form
        onSubmit={form.submitWith(submit, checkChoices)}
        noValidate
        aria-labelledby="request-action-heading"
      >
        <Stack gap="sm">
          <FormError
            message={form.formError}
            title={
              noEndpoint && form.formError
                ? 'No endpoint is set up for this action'
                : 'The action was not requested'
            }
          />
          {noEndpoint && form.formError && (
            <Text size="sm">
              {isAdmin ? (
                <AnchorLink to="/admin/containment-endpoints" size="sm">
                  Set up the containment endpoints
                </AnchorLink>
              ) : (
                'Ask an admin to set up a containment endpoint for it.'
              )}
            </Text>
          )}
          <Select
            label="Action"
            name="type"
            data={actionTypeOptions}
            allowDeselect={false}
            value={form.values.type}
            onChange={(value) => value && form.setValue('type', value)}
            error={form.errors.type}
            w={260}
          />
          {type === 'revoke_credentials' && (
            <Select
              label="Integration"
              name="integrationId"
              description="Its credentials are revoked by the shop; only linked integrations"
              placeholder={
                integrations.length ? 'Choose a linked integration' : 'No integration is linked'
              }
              data={integrations}
              required
              value={form.values.integrationId || null}
              onChange={(value) => form.setValue('integrationId', value ?? '')}
              error={form.errors.integrationId}
              maw={420}
            />
          )}
          {type === 'force_password_reset' && (
            <ListChoice
              label="Accounts"
              name="accountsFrom"
              alerts={alerts}
              fromAlerts="Every account the linked alerts name"
              value={form.values.accountsFrom}
              onChange={(value) => form.setValue('accountsFrom', value)}
              list={{
                label: 'Customer ids',
                description: "The shop's own customer ids, one per line",
                ...textareaField(form, 'customerIds'),
              }}
            />
          )}
          {type === 'block_sources' && (
            <ListChoice
              label="Sources"
              name="sourcesFrom"
              alerts={alerts}
              fromAlerts="Every source the linked alerts name"
              value={form.values.sourcesFrom}
              onChange={(value) => form.setValue('sourcesFrom', value)}
              list={{
                label: 'Addresses and ranges',
                description: 'IP addresses or CIDR ranges, one per line',
                styles: { input: { fontFamily: 'var(--mantine-font-family-monospace)' } },
                ...textareaField(form, 'sources'),
              }}
            />
          )}
          <Group>
            <Button
              type="submit"
              loading={request.isPending}
              leftSection={<IconSend size={16} aria-hidden />}
            >
              Request action
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The linked alerts' accounts or sources, or a list pasted in (shown only when chosen). */
function ListChoice({
  label,
  name,
  alerts,
  fromAlerts,
  value,
  onChange,
  list,
}: {
  label: string;
  name: string;
  alerts: number;
  fromAlerts: string;
  value: Source;
  onChange: (value: Source) => void;
  /** The pasted list's label, description and form field. */
  list: ComponentProps<typeof Textarea>;
}) {
  return (
    <>
      <Radio.Group label={label} name={name} value={value} onChange={onChange}>
        <Stack gap={6} mt={6}>
          <Radio
            value="alerts"
            label={`${fromAlerts} (${alerts} linked ${alerts === 1 ? 'alert' : 'alerts'})`}
            disabled={alerts === 0}
          />
          <Radio value="list" label="These, one per line" />
        </Stack>
      </Radio.Group>
      {value === 'list' && <Textarea required autosize minRows={3} maxRows={12} {...list} />}
    </>
  );
}

/** 128 random bits as hex: `crypto.randomUUID` exists only on https and localhost pages. */
function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
