import { Center, Code, Loader, Stack, Text } from '@mantine/core';
import { ACTION_TYPES } from '@contracts/incidents.js';
import { useActionEndpoints } from '../../api/incidents.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { EndpointCard } from './EndpointCard.js';

/** Where each kind of containment action is sent: one receiver URL and signing secret per type. */
export function ContainmentEndpointsPage() {
  const endpoints = useActionEndpoints();
  const byType = new Map((endpoints.data?.items ?? []).map((item) => [item.actionType, item]));

  return (
    <>
      <PageHeader
        title="Containment endpoints"
        description={
          <>
            During an incident, analysts ask the shop&rsquo;s own systems to revoke credentials,
            reset passwords or block sources. Each request goes to the receiver set here for its
            type, signed as a Standard Webhook. See <Code>docs/containment-webhooks.md</Code> for
            how a receiver verifies and answers.
          </>
        }
      />
      <Stack gap="md">
        {endpoints.isPending && (
          <Center p="md">
            <Loader aria-label="Loading the containment endpoints" />
          </Center>
        )}
        {endpoints.isError && (
          <QueryError error={endpoints.error} onRetry={() => void endpoints.refetch()} />
        )}
        {endpoints.isSuccess &&
          ACTION_TYPES.map((actionType) => (
            <EndpointCard
              key={actionType}
              actionType={actionType}
              endpoint={byType.get(actionType) ?? null}
            />
          ))}
        <Text size="xs" c="dimmed">
          URLs must use https; plain http is accepted only for this machine (127.0.0.1).
        </Text>
      </Stack>
    </>
  );
}
