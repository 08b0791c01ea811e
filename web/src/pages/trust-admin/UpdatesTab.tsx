import {
  Alert,
  Badge,
  Button,
  Group,
  Modal,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { UPDATE_STATES, type UpdateState } from '@contracts/trust.js';
import { useIncidents } from '../../api/incidents.js';
import {
  usePublishStatusUpdate,
  useStatusUpdates,
  type StatusUpdateInput,
} from '../../api/trust.js';
import { FormError } from '../../components/FormError.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { textareaField } from '../vendors/formValues.js';
import { updateForm, type UpdateFormValues } from './trustForms.js';
import { QueryState, TrustTable } from './TrustSection.js';

export const stateLabels: Record<UpdateState, string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
};
const stateColours: Record<UpdateState, string> = {
  investigating: 'red',
  identified: 'orange',
  monitoring: 'blue',
  resolved: 'teal',
};
const empty: UpdateFormValues = { incidentId: '', state: 'investigating', title: '', body: '' };

/** Public status updates about incidents: only the text written here is published. */
export function UpdatesTab() {
  const updates = useStatusUpdates();
  const incidents = useIncidents({ limit: 500 });
  const titles = useMemo(
    () => new Map((incidents.data?.items ?? []).map((i) => [i.id, i.title])),
    [incidents.data],
  );
  const [published, setPublished] = useState(0);

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trust-publish">
        <Title order={2} size="h4" id="trust-publish" mb="md">
          Publish a status update
        </Title>
        <UpdateForm
          key={published}
          incidents={(incidents.data?.items ?? []).map((i) => ({ value: i.id, label: i.title }))}
          incidentsLoading={incidents.isPending}
          incidentsError={incidents.error}
          onPublished={() => setPublished((n) => n + 1)}
        />
      </Paper>
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trust-updates">
        <Title order={2} size="h4" id="trust-updates" mb="md">
          Published updates
        </Title>
        <QueryState query={updates} loadingLabel="Loading the status updates" />
        {updates.data?.length === 0 && (
          <Text size="sm" c="dimmed">
            Nothing published yet.
          </Text>
        )}
        {updates.data && updates.data.length > 0 && (
          <TrustTable
            label="Published updates"
            minWidth={720}
            columns={['Public title', 'State', 'Public text', 'Incident (staff only)', 'Published']}
          >
            {updates.data.map((update) => (
              <Table.Tr key={update.id}>
                <Table.Th scope="row" fw={500}>
                  {update.title}
                </Table.Th>
                <Table.Td>
                  <Badge variant="light" color={stateColours[update.state]}>
                    {stateLabels[update.state]}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={3} style={{ whiteSpace: 'pre-wrap' }}>
                    {update.body}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <AnchorLink
                    to="/incidents/$incidentId"
                    params={{ incidentId: update.incidentId }}
                    size="sm"
                  >
                    {titles.get(update.incidentId) ?? 'Open incident'}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  <LocalTime iso={update.publishedAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </TrustTable>
        )}
      </Paper>
    </Stack>
  );
}

function UpdateForm({
  incidents,
  incidentsLoading,
  incidentsError,
  onPublished,
}: {
  incidents: { value: string; label: string }[];
  incidentsLoading: boolean;
  incidentsError: unknown;
  onPublished: () => void;
}) {
  const form = useZodForm(updateForm, empty);
  const publish = usePublishStatusUpdate();
  // Publishing mails subscribers and cannot be undone: the text is shown once more first.
  const [pending, setPending] = useState<StatusUpdateInput | null>(null);

  function confirm() {
    if (!pending) return;
    publish.mutate(pending, {
      onSuccess: () => {
        notifications.show({ color: 'teal', message: 'Status update published.' });
        setPending(null);
        onPublished();
      },
      onError: (error) => {
        setPending(null);
        form.applyError(error);
      },
    });
  }

  return (
    <>
      <form onSubmit={form.submitWith(setPending)} noValidate aria-label="Publish a status update">
        <Stack gap="sm">
          <Alert
            color="orange"
            variant="light"
            icon={<IconAlertTriangle aria-hidden />}
            title="Published as written"
          >
            This is published as written: do not paste internal notes. Nothing is copied from the
            incident; subscribers are emailed the title and text.
          </Alert>
          <FormError message={form.formError} title="The update was not published" />
          {incidentsError ? <QueryError error={incidentsError} /> : null}
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
            <Select
              name="incidentId"
              label="Incident"
              description="Staff only: the public never sees which incident it is"
              placeholder={incidentsLoading ? 'Loading incidents…' : 'Choose an incident'}
              required
              searchable
              nothingFoundMessage="No incident matches"
              data={incidents}
              value={form.values.incidentId || null}
              onChange={(value) => form.setValue('incidentId', value ?? '')}
              error={form.errors.incidentId}
            />
            <Select
              name="state"
              label="State"
              required
              allowDeselect={false}
              data={UPDATE_STATES.map((value) => ({ value, label: stateLabels[value] }))}
              value={form.values.state}
              onChange={(value) => form.setValue('state', value ?? 'investigating')}
              error={form.errors.state}
            />
          </SimpleGrid>
          <TextInput
            label="Public title"
            description="The headline the public reads"
            required
            maxLength={200}
            {...form.field('title')}
          />
          <Textarea
            label="Public text"
            description="What happened and what customers should do, in plain words"
            required
            autosize
            minRows={4}
            maxRows={12}
            {...textareaField(form, 'body')}
          />
          <Group>
            <Button type="submit">Publish update…</Button>
          </Group>
        </Stack>
      </form>
      <Modal
        opened={pending !== null}
        onClose={() => setPending(null)}
        title="Publish this update?"
        centered
      >
        {pending && (
          <Stack>
            <Text size="sm">
              It appears on the public trust center at once and is emailed to subscribers. It cannot
              be taken back.
            </Text>
            <Paper withBorder p="sm" radius="sm">
              <Group gap="xs" mb={4}>
                <Text fw={600}>{pending.title}</Text>
                <Badge variant="light" color={stateColours[pending.state]}>
                  {stateLabels[pending.state]}
                </Badge>
              </Group>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {pending.body}
              </Text>
            </Paper>
            <Group justify="flex-end">
              <Button
                variant="default"
                onClick={() => setPending(null)}
                disabled={publish.isPending}
              >
                Cancel
              </Button>
              <Button loading={publish.isPending} onClick={confirm}>
                Publish
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </>
  );
}
