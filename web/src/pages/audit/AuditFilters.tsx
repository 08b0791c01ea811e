import { Autocomplete, Button, Group, Paper, Select, SimpleGrid, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { auditQuery } from '@contracts/audit.js';
import type { AuditFilter } from '../../api/audit.js';
import { fetchUsers } from '../../api/users.js';
import { endOfLocalDay, startOfLocalDay } from '../../lib/format.js';

/** Actions recorded today; the filter also takes a prefix such as `identity.user`. */
const knownActions = [
  'identity',
  'identity.login',
  'identity.logout',
  'identity.mfa',
  'identity.mfa.verify',
  'identity.mfa.enrol',
  'identity.mfa.disable',
  'identity.mfa.recovery-codes',
  'identity.password.change',
  'identity.session.revoke',
  'identity.session.revoke-all',
  'identity.setup.complete',
  'identity.invitation.accept',
  'identity.user',
  'identity.user.invite',
  'identity.user.role',
  'identity.user.disable',
  'identity.user.enable',
  'identity.user.reset-mfa',
  'identity.settings.update',
  'identity.token.create',
  'identity.token.revoke',
  'jobs.job.retry',
];

const outcomeOptions = [
  { value: 'success', label: 'Success' },
  { value: 'failure', label: 'Failure' },
  { value: 'denied', label: 'Denied' },
];

const empty = {
  action: '',
  outcome: '',
  actorId: '',
  objectType: '',
  objectId: '',
  fromDay: '',
  toDay: '',
};
type Draft = typeof empty;
type Errors = Partial<Record<keyof Draft, string>>;

function toFilter(draft: Draft): AuditFilter {
  const trimmed = (value: string) => value.trim() || undefined;
  return {
    action: trimmed(draft.action),
    outcome: (draft.outcome || undefined) as AuditFilter['outcome'],
    actorId: trimmed(draft.actorId),
    objectType: trimmed(draft.objectType),
    objectId: trimmed(draft.objectId),
    from: draft.fromDay ? startOfLocalDay(draft.fromDay) : undefined,
    to: draft.toDay ? endOfLocalDay(draft.toDay) : undefined,
  };
}

function validate(draft: Draft, filter: AuditFilter): Errors {
  const errors: Errors = {};
  const result = auditQuery.safeParse(filter);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const key = String(issue.path[0]);
      const field = (key === 'from' ? 'fromDay' : key === 'to' ? 'toDay' : key) as keyof Draft;
      if (field in empty) errors[field] ??= issue.message;
    }
  }
  if (draft.fromDay && draft.toDay && draft.fromDay > draft.toDay)
    errors.toDay = 'must be on or after the start date';
  return errors;
}

export function AuditFilters({
  isAdmin,
  onApply,
}: {
  isAdmin: boolean;
  onApply: (filter: AuditFilter) => void;
}) {
  const [draft, setDraft] = useState<Draft>(empty);
  const [errors, setErrors] = useState<Errors>({});
  const users = useQuery({ queryKey: ['users'], queryFn: fetchUsers, enabled: isAdmin });
  const set = (key: keyof Draft) => (value: string | null) =>
    setDraft((current) => ({ ...current, [key]: value ?? '' }));
  const text = (key: keyof Draft) => ({
    value: draft[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => set(key)(event.currentTarget.value),
    error: errors[key],
  });

  function apply(event: React.FormEvent) {
    event.preventDefault();
    const filter = toFilter(draft);
    const found = validate(draft, filter);
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(filter);
  }

  function clear() {
    setDraft(empty);
    setErrors({});
    onApply({});
  }

  const actorOptions = (users.data ?? []).map((user) => ({
    value: user.id,
    label: `${user.displayName} <${user.email}>`,
  }));
  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="form"
      onSubmit={apply}
      noValidate
      aria-label="Audit log filters"
    >
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm">
        <Autocomplete
          label="Action"
          description="An action or a prefix"
          data={knownActions}
          value={draft.action}
          onChange={set('action')}
          error={errors.action}
        />
        <Select
          label="Outcome"
          description="Any when empty"
          data={outcomeOptions}
          value={draft.outcome || null}
          onChange={set('outcome')}
          clearable
          error={errors.outcome}
        />
        {isAdmin ? (
          <Select
            label="Actor"
            description="Who did it"
            data={actorOptions}
            value={draft.actorId || null}
            onChange={set('actorId')}
            searchable
            clearable
            error={errors.actorId}
          />
        ) : (
          <TextInput
            label="Actor ID"
            description="The user id of who did it"
            {...text('actorId')}
          />
        )}
        <TextInput
          label="Object type"
          description="For example user, api_token"
          {...text('objectType')}
        />
        <TextInput
          label="Object ID"
          description="The id of the object touched"
          {...text('objectId')}
        />
        <TextInput
          label="From date"
          description="From the start of this day"
          type="date"
          {...text('fromDay')}
        />
        <TextInput
          label="To date"
          description="Up to the end of this day"
          type="date"
          {...text('toDay')}
        />
        <Group align="end" gap="xs">
          <Button type="submit">Apply filters</Button>
          <Button variant="default" onClick={clear}>
            Clear
          </Button>
        </Group>
      </SimpleGrid>
    </Paper>
  );
}
