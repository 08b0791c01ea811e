import { Badge, Group, Loader, Paper, Text, Title } from '@mantine/core';
import { useOpenAlerts } from '../../api/detection.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { AlertsTable } from './AlertsTable.js';

/** The overview shows the most recently active; the alert list has the rest. */
const shown = 15;

/** Alerts still waiting for someone: new and acknowledged ones. */
export function OpenAlertsCard() {
  const alerts = useOpenAlerts(shown);
  const total = alerts.data?.total ?? 0;
  return (
    <Paper withBorder radius="md" component="section" aria-labelledby="open-alerts-heading">
      <Group justify="space-between" p="md" pb="xs">
        <Group gap="xs">
          <Title order={2} size="h4" id="open-alerts-heading">
            Open alerts
          </Title>
          {alerts.data && (
            <Badge color={total > 0 ? 'red' : 'gray'} variant="light">
              {total} open
            </Badge>
          )}
        </Group>
        <AnchorLink to="/detection/alerts" size="sm">
          All alerts
        </AnchorLink>
      </Group>
      {alerts.isPending && <Loader m="md" size="sm" aria-label="Loading open alerts" />}
      {alerts.isError && <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />}
      {alerts.data?.items.length === 0 && (
        <Text p="md" pt={0} c="dimmed" size="sm">
          No open alerts. New ones appear here and are sent to the alert recipients.
        </Text>
      )}
      {alerts.data && alerts.data.items.length > 0 && (
        <>
          <AlertsTable alerts={alerts.data.items} testId="detection-open-alerts" />
          {total > alerts.data.items.length && (
            <Text p="md" size="sm" c="dimmed">
              Showing the {alerts.data.items.length} most recently active of {total}. See all{' '}
              <AnchorLink to="/detection/alerts" search={{ status: 'new' }} size="sm">
                new alerts
              </AnchorLink>{' '}
              or{' '}
              <AnchorLink to="/detection/alerts" search={{ status: 'acknowledged' }} size="sm">
                acknowledged alerts
              </AnchorLink>
              .
            </Text>
          )}
        </>
      )}
    </Paper>
  );
}
