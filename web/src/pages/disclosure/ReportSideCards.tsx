import {
  Alert,
  Anchor,
  Button,
  Code,
  Group,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { fetchIncidents } from '../../api/incidents.js';
import {
  useDraftAdvisory,
  useLinkIncident,
  useReissueLink,
  useRevokeLinks,
  useSetDisclosureDate,
  useSetOwner,
  type TeamReportView,
} from '../../api/reports.js';
import { fetchUsers } from '../../api/users.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { CopyButton } from '../../components/CopyButton.js';
import { FormError } from '../../components/FormError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { formatDate } from '../../lib/format.js';
import { fieldErrorsOf } from './labels.js';
import { Card } from './ReportCard.js';

export function AdvisoryCard({ view, canWrite }: { view: TeamReportView; canWrite: boolean }) {
  const draft = useDraftAdvisory(view.id);
  const navigate = useNavigate();
  return (
    <Card title="Advisory">
      {view.advisoryId ? (
        <Text size="sm">
          Advisory{' '}
          <AnchorLink
            to="/disclosure/advisories/$advisoryId"
            params={{ advisoryId: view.advisoryId }}
          >
            {view.advisoryId}
          </AnchorLink>
        </Text>
      ) : (
        <>
          <Text size="sm" c="dimmed">
            No advisory yet. A draft is filled in from this report&rsquo;s triage.
          </Text>
          <FormError message={draft.error?.message} title="No advisory was drafted" />
          {canWrite && (
            <Group>
              <Button
                variant="light"
                loading={draft.isPending}
                onClick={() =>
                  draft.mutate(undefined, {
                    onSuccess: (advisory) =>
                      void navigate({
                        to: '/disclosure/advisories/$advisoryId',
                        params: { advisoryId: advisory.id },
                      }),
                  })
                }
              >
                Draft advisory
              </Button>
            </Group>
          )}
        </>
      )}
    </Card>
  );
}

export function OwnerCard({ view }: { view: TeamReportView }) {
  const setOwner = useSetOwner(view.id);
  // The user list is an admin's; others see the owner's id only.
  const users = useQuery({ queryKey: ['users'], queryFn: fetchUsers, retry: false });
  const options = (users.data ?? [])
    .filter((u) => u.status === 'active')
    .map((u) => ({ value: u.id, label: `${u.displayName} (${u.email})` }));
  if (view.ownerId && !options.some((o) => o.value === view.ownerId))
    options.push({ value: view.ownerId, label: view.ownerId });
  return (
    <Card title="Owner">
      <Select
        label="Owner"
        placeholder="Nobody"
        data={options}
        value={view.ownerId}
        clearable
        searchable
        disabled={setOwner.isPending}
        onChange={(value) => setOwner.mutate(value)}
        error={setOwner.error?.message}
      />
    </Card>
  );
}

export function IncidentCard({ view }: { view: TeamReportView }) {
  const link = useLinkIncident(view.id);
  const incidents = useQuery({
    queryKey: ['incidents', 'list', { limit: 100 }],
    queryFn: () => fetchIncidents({ limit: 100 }),
  });
  const options = (incidents.data?.items ?? []).map((incident) => ({
    value: incident.id,
    label: incident.title,
  }));
  if (view.incidentId && !options.some((o) => o.value === view.incidentId))
    options.push({ value: view.incidentId, label: view.incidentId });
  return (
    <Card title="Incident">
      <Select
        label="Linked incident"
        description="The incident in which this flaw was exploited, if any"
        placeholder="None"
        data={options}
        value={view.incidentId}
        clearable
        searchable
        disabled={link.isPending}
        onChange={(value) => link.mutate(value)}
        error={link.error?.message}
      />
      {view.incidentId && (
        <AnchorLink to="/incidents/$incidentId" params={{ incidentId: view.incidentId }} size="sm">
          Open the incident
        </AnchorLink>
      )}
    </Card>
  );
}

export function DisclosureDateCard({ view }: { view: TeamReportView }) {
  const save = useSetDisclosureDate(view.id);
  const [date, setDate] = useState(view.disclosureDate ?? '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  function submit(event: FormEvent) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!date) local.date = 'is required';
    if (!note.trim()) local.note = 'is required';
    setErrors(local);
    setFormError(null);
    if (Object.keys(local).length) return;
    save.mutate(
      { date, note },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: 'Disclosure date saved.' }),
        onError: (e) => {
          const found = fieldErrorsOf(e, ['date', 'note']);
          setErrors(found.fields);
          setFormError(found.message);
        },
      },
    );
  }
  return (
    <Card title="Disclosure date">
      {view.disclosureDate && (
        <Text size="sm">
          Agreed: <time dateTime={view.disclosureDate}>{formatDate(view.disclosureDate)}</time>
        </Text>
      )}
      <form onSubmit={submit} noValidate aria-label="Disclosure date">
        <Stack gap="sm">
          <FormError message={formError} title="The date was not saved" />
          <TextInput
            type="date"
            label="Disclosure date"
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={errors.date}
          />
          <Textarea
            label="How it was agreed"
            placeholder="Researcher agreed in the thread on 3 Feb"
            autosize
            minRows={2}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            error={errors.note}
          />
          <Group>
            <Button type="submit" variant="light" loading={save.isPending}>
              Save disclosure date
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

export function LinkCard({ view }: { view: TeamReportView }) {
  const reissue = useReissueLink(view.id);
  const revoke = useRevokeLinks(view.id);
  const active = view.links.filter((l) => !l.revokedAt);
  return (
    <Card title="Researcher link">
      <Text size="sm">
        {active.length === 0
          ? 'The researcher has no working link.'
          : `Working link issued ${formatDate(active[active.length - 1]?.createdAt)}, expires ${formatDate(active[active.length - 1]?.expiresAt)}.`}
      </Text>
      {reissue.data && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle aria-hidden />}
          title="New link"
        >
          <Stack gap="xs">
            <Text size="sm">
              Shown only once: send it to the researcher privately. Older links no longer work.
            </Text>
            <Code block data-testid="reissued-link">
              {reissue.data.link}
            </Code>
            <Group>
              <CopyButton value={reissue.data.link} label="Copy link" />
            </Group>
          </Stack>
        </Alert>
      )}
      <FormError message={reissue.error?.message ?? revoke.error?.message} />
      <Group>
        <ConfirmButton
          color="blue"
          variant="light"
          title="Issue a new link?"
          message="The researcher's current link stops working; you give them the new one."
          confirmLabel="Issue new link"
          onConfirm={() => reissue.mutateAsync()}
        >
          Issue new link
        </ConfirmButton>
        <ConfirmButton
          variant="light"
          title="Revoke the researcher's links?"
          message="The researcher can no longer read or write to this report until you issue a new link."
          confirmLabel="Revoke links"
          onConfirm={() => revoke.mutateAsync()}
          disabled={active.length === 0}
        >
          Revoke links
        </ConfirmButton>
      </Group>
    </Card>
  );
}

export function ResearcherCard({ view }: { view: TeamReportView }) {
  return (
    <Card title="Researcher">
      <Text size="sm">
        {view.contact?.name ?? 'No name given'}
        {view.contact?.email && (
          <>
            {' · '}
            <Anchor href={`mailto:${view.contact.email}`}>{view.contact.email}</Anchor>
          </>
        )}
      </Text>
      <Text size="sm">Email updates: {view.notify ? 'yes' : 'no'}</Text>
      <Text size="sm">
        Credit:{' '}
        {view.credit
          ? `${view.credit.name} (${view.credit.optIn ? 'public' : 'not public'})`
          : 'none asked'}
      </Text>
    </Card>
  );
}
