import { Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useAcknowledgeAlert, useAlerts, type ExposureAlert } from '../../api/exposure.js';
import { ApiError } from '../../api/client.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { QueryError } from '../../components/QueryError.js';
import { useVendorRole } from '../vendors/useVendorRole.js';

const reasonLabels: Record<ExposureAlert['reason'], string> = {
  known_exploited: 'Known exploited',
  critical: 'Critical',
};

/** Alerts nobody has acknowledged yet; analysts acknowledge them once someone is on it. */
export function AlertsCard() {
  const { canWrite } = useVendorRole();
  const alerts = useAlerts();
  const acknowledge = useAcknowledgeAlert();

  function acknowledgeAlert(alert: ExposureAlert) {
    acknowledge.mutate(alert.id, {
      onSuccess: () => notifications.show({ color: 'teal', message: 'Alert acknowledged.' }),
      onError: (error) =>
        notifications.show({
          color: 'red',
          title: 'Could not acknowledge the alert',
          message: error instanceof ApiError ? error.message : 'Please try again.',
        }),
    });
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="alerts-heading">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="alerts-heading">
          Alerts
        </Title>
        {alerts.data && (
          <Badge color={alerts.data.unacknowledged > 0 ? 'red' : 'gray'} variant="light">
            {alerts.data.unacknowledged} unacknowledged
          </Badge>
        )}
      </Group>
      {alerts.isPending && <Loader size="sm" aria-label="Loading alerts" />}
      {alerts.isError && <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          No alerts waiting. Known-exploited and critical findings on vendors with a live
          integration raise one here and by email.
        </Text>
      )}
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {alerts.data?.items.map((alert) => (
          <Group
            key={alert.id}
            component="li"
            justify="space-between"
            wrap="nowrap"
            align="flex-start"
            data-testid="exposure-alert"
          >
            <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
              <AnchorLink
                to="/exposure/findings/$findingId"
                params={{ findingId: alert.findingId }}
                size="sm"
                fw={500}
              >
                {alert.title}
              </AnchorLink>
              <Text size="xs" c="dimmed">
                {reasonLabels[alert.reason]} · {alert.vendorName} · raised{' '}
                <LocalTime iso={alert.createdAt} />
              </Text>
            </Stack>
            {canWrite && (
              <Button
                size="compact-sm"
                variant="light"
                leftSection={<IconCheck size={14} aria-hidden />}
                loading={acknowledge.isPending && acknowledge.variables === alert.id}
                onClick={() => acknowledgeAlert(alert)}
                aria-label={`Acknowledge: ${alert.title}`}
                style={{ flexShrink: 0 }}
              >
                Acknowledge
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
