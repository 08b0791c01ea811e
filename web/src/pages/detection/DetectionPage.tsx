import { Alert, Code, Group, Loader, Paper, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconAdjustments, IconInfoCircle, IconList } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { useOverview, type DetectionOverview, type DetectionStream } from '../../api/detection.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { ButtonLink } from '../../components/RouterLinks.js';
import { streamOptions } from './labels.js';
import { OpenAlertsCard } from './OpenAlertsCard.js';
import { OutputsCard } from './OutputsCard.js';
import { OverviewChart } from './OverviewChart.js';

const route = getRouteApi('/signed-in/detection');

/** Attacks on the shop's logins and SSH, the alerts they raised, and what to block or reset. */
export function DetectionPage() {
  const { stream = 'web' } = route.useSearch();
  const navigate = route.useNavigate();
  const overview = useOverview(stream);

  return (
    <>
      <PageHeader
        title="Detection"
        description="Credential stuffing, brute force, account takeover and unusual vendor API use, detected from the events the shop and its servers send."
        actions={
          <>
            <ButtonLink
              to="/detection/alerts"
              variant="default"
              leftSection={<IconList size={16} aria-hidden />}
            >
              All alerts
            </ButtonLink>
            <ButtonLink
              to="/detection/settings"
              variant="default"
              leftSection={<IconAdjustments size={16} aria-hidden />}
            >
              Detection settings
            </ButtonLink>
          </>
        }
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md" component="section" aria-labelledby="activity-heading">
          <Tabs
            value={stream}
            onChange={(value) =>
              value &&
              void navigate({ search: { stream: value as DetectionStream }, replace: true })
            }
            variant="pills"
            keepMounted={false}
          >
            <Group justify="space-between" mb="sm" wrap="wrap">
              <Title order={2} size="h4" id="activity-heading">
                Login activity
              </Title>
              <Tabs.List aria-label="Stream">
                {streamOptions.map((option) => (
                  <Tabs.Tab key={option.value} value={option.value}>
                    {option.label}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
            </Group>
            {streamOptions.map((option) => (
              <Tabs.Panel key={option.value} value={option.value}>
                {overview.isPending && <Loader aria-label="Loading the overview" />}
                {overview.isError && (
                  <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
                )}
                {overview.data && <Activity overview={overview.data} />}
              </Tabs.Panel>
            ))}
          </Tabs>
        </Paper>
        <OpenAlertsCard />
        <OutputsCard />
      </Stack>
    </>
  );
}

function Activity({ overview }: { overview: DetectionOverview }) {
  if (overview.points.length === 0 && overview.alerts.length === 0) return <NoData />;
  return <OverviewChart overview={overview} />;
}

function NoData() {
  return (
    <Alert
      color="gray"
      variant="light"
      icon={<IconInfoCircle aria-hidden />}
      title="No login events yet"
      data-testid="detection-empty"
    >
      <Text size="sm">
        Detection starts once events arrive. Send login events as NDJSON to{' '}
        <Code>POST /api/v1/events</Code> with an API token that has the ingest scope, or load a log
        file with <Code>cordon ingest --format sshd auth.log</Code> (also nginx, Apache and JSON
        logs).
      </Text>
    </Alert>
  );
}
