import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError } from '../../api/client.js';
import {
  acknowledgeSharingAlert,
  datamapKeys,
  fetchSharingAlerts,
  type SharingAlert,
} from '../../api/datamap.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useCategoryNames } from '../../components/CategoryBadges.js';
import { formatCount } from '../../components/counts.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';

/** Data sent through an integration that never declared it: each is a question for the vendor. */
export function SharingAlertsCard({ canAcknowledge }: { canAcknowledge: boolean }) {
  const alerts = useQuery({
    queryKey: datamapKeys.sharingAlerts('open'),
    queryFn: () => fetchSharingAlerts('open'),
  });
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h4" mb="xs">
        Open sharing alerts
      </Title>
      {alerts.isPending && <Loader size="sm" aria-label="Loading sharing alerts" />}
      {alerts.isError && <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data?.length === 0 && (
        <Text size="sm" c="dimmed">
          No open alerts: every integration sent only the data categories it declared.
        </Text>
      )}
      {alerts.data && alerts.data.length > 0 && (
        <Stack gap="xs">
          {alerts.data.map((alert) => (
            <AlertRow key={alert.id} alert={alert} canAcknowledge={canAcknowledge} />
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function AlertRow({ alert, canAcknowledge }: { alert: SharingAlert; canAcknowledge: boolean }) {
  const queryClient = useQueryClient();
  const nameOf = useCategoryNames();
  const acknowledge = useMutation({
    mutationFn: () => acknowledgeSharingAlert(alert.id),
    onSuccess: async () => {
      notifications.show({
        color: 'teal',
        message: `Acknowledged: ${alert.vendorName} sending ${alert.category}.`,
      });
      await queryClient.invalidateQueries({ queryKey: ['sharing-alerts'] });
    },
    onError: (error) =>
      notifications.show({
        color: 'red',
        title: 'Not acknowledged',
        message: error instanceof ApiError ? error.message : 'Please try again.',
      }),
  });
  const times = alert.events === 1 ? 'once' : `${formatCount(alert.events)} times`;
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} p="sm">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Text size="sm">
          <AnchorLink
            to="/vendors/$vendorId"
            params={{ vendorId: alert.vendorId }}
            search={{ tab: 'sharing' }}
            size="sm"
            fw={600}
          >
            {alert.vendorName}
          </AnchorLink>{' '}
          — {alert.integrationName} sent{' '}
          <Text span fw={600} title={nameOf(alert.category)}>
            {alert.category}
          </Text>{' '}
          (undeclared) {times}, last seen <LocalTime iso={alert.lastSeenAt} />
        </Text>
        {canAcknowledge && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconCheck size={14} aria-hidden />}
            loading={acknowledge.isPending}
            onClick={() => acknowledge.mutate()}
            aria-label={`Acknowledge: ${alert.vendorName} — ${alert.integrationName} sent ${alert.category}`}
          >
            Acknowledge
          </Button>
        )}
      </Group>
    </Alert>
  );
}
