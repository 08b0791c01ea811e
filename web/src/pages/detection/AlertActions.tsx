import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertOctagon, IconBan, IconCheck, IconX } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import {
  useOpenIncident,
  useSetAlertStatus,
  type AlertStatusChange,
  type DetectionAlert,
} from '../../api/detection.js';
import { FormError } from '../../components/FormError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { ReasonModal } from '../vendors/ReasonModal.js';

type Decision = AlertStatusChange['status'];

const successMessages: Record<Decision, string> = {
  acknowledged: 'Alert acknowledged.',
  closed: 'Alert closed.',
  false_positive: 'Alert marked a false positive.',
};

/** Acknowledge, close, mark a false positive, or hand the alert to incident response. */
export function AlertActions({ alert }: { alert: DetectionAlert }) {
  const setStatus = useSetAlertStatus(alert.id);
  const incident = useOpenIncident(alert.id);
  const navigate = useNavigate();
  const [markingFalse, setMarkingFalse] = useState(false);
  const open = alert.status === 'new' || alert.status === 'acknowledged';

  function change(status: Decision) {
    setStatus.mutate(
      { status },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: successMessages[status] }),
        onError: (error) =>
          notifications.show({
            color: 'red',
            title: 'Could not change the alert',
            message: error instanceof ApiError ? error.message : 'Please try again.',
          }),
      },
    );
  }

  function createIncident() {
    incident.mutate(undefined, {
      onSuccess: (saved) => {
        notifications.show({
          color: 'teal',
          message: "Incident opened with this alert's evidence.",
        });
        if (saved.incidentId)
          void navigate({ to: '/incidents/$incidentId', params: { incidentId: saved.incidentId } });
      },
    });
  }

  const busy = (status: Decision) => setStatus.isPending && setStatus.variables.status === status;

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="actions-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="actions-heading">
          Response
        </Title>
        <Group gap="sm">
          {alert.status === 'new' && (
            <Button
              leftSection={<IconCheck size={16} aria-hidden />}
              loading={busy('acknowledged')}
              onClick={() => change('acknowledged')}
            >
              Acknowledge
            </Button>
          )}
          {open && (
            <Button
              variant="light"
              color="teal"
              leftSection={<IconX size={16} aria-hidden />}
              loading={busy('closed')}
              onClick={() => change('closed')}
            >
              Close
            </Button>
          )}
          {alert.status !== 'false_positive' && (
            <Button
              variant="light"
              color="gray"
              leftSection={<IconBan size={16} aria-hidden />}
              onClick={() => setMarkingFalse(true)}
            >
              Mark false positive
            </Button>
          )}
          {alert.incidentId === null && alert.status !== 'false_positive' && (
            <Button
              variant="light"
              color="red"
              leftSection={<IconAlertOctagon size={16} aria-hidden />}
              loading={incident.isPending}
              onClick={createIncident}
            >
              Create incident
            </Button>
          )}
        </Group>
        {alert.incidentId && (
          <Text size="sm">
            This alert belongs to{' '}
            <AnchorLink
              to="/incidents/$incidentId"
              params={{ incidentId: alert.incidentId }}
              size="sm"
            >
              incident {alert.incidentId}
            </AnchorLink>
            .
          </Text>
        )}
        {incident.isError && (
          <FormError
            title="No incident was opened"
            message={
              incident.error instanceof ApiError
                ? incident.error.message
                : 'Something went wrong. Please try again.'
            }
          />
        )}
      </Stack>
      <ReasonModal
        opened={markingFalse}
        onClose={() => setMarkingFalse(false)}
        title="Mark as a false positive"
        message="Say why this was not an attack. The reason is kept with the alert and in the audit log; consider a suppression rule if it will happen again."
        minLength={1}
        confirmLabel="Mark false positive"
        onSubmit={async (reason) => {
          await setStatus.mutateAsync({ status: 'false_positive', reason });
          notifications.show({ color: 'teal', message: successMessages.false_positive });
        }}
      />
    </Paper>
  );
}
