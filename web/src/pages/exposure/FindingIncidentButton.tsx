import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUrgent } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { ApiError } from '../../api/client.js';
import { useOpenIncidentFromFinding } from '../../api/incidents.js';

/** Opens an incident for a finding that was, or may have been, exploited. */
export function FindingIncidentButton({ findingId }: { findingId: string }) {
  const open = useOpenIncidentFromFinding();
  const navigate = useNavigate();
  return (
    <Button
      variant="light"
      color="red"
      leftSection={<IconUrgent size={16} aria-hidden />}
      loading={open.isPending}
      onClick={() =>
        open.mutate(findingId, {
          onSuccess: (incident) =>
            void navigate({ to: '/incidents/$incidentId', params: { incidentId: incident.id } }),
          onError: (error) =>
            notifications.show({
              color: 'red',
              title: 'No incident was opened',
              message: error instanceof ApiError ? error.message : 'Please try again.',
            }),
        })
      }
    >
      Create incident
    </Button>
  );
}
