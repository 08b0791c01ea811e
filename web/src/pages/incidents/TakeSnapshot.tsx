import { Alert, Button, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertCircle, IconCamera } from '@tabler/icons-react';
import { ApiError } from '../../api/client.js';
import { useTakeScopeSnapshot } from '../../api/incidents.js';
import { formatCount } from '../../components/counts.js';

/** What a snapshot needs that the incident lacks, named by the server's 400, and how to fix it. */
const remedies: Record<string, string> = {
  links:
    'Under Linked, above, use “Link something” to link each vendor or integration the breach went through, then take the snapshot again.',
  exposure_from:
    'Under Trigger times, above, set “Exposure began” to when the exposure started, then take the snapshot again. Until “Exposure ended” is set, the window runs to now.',
};

const sentence = (text: string) => {
  const trimmed = text.trim();
  const capital = trimmed.charAt(0).toUpperCase() + trimmed.slice(1);
  return /[.!?]$/.test(capital) ? capital : `${capital}.`;
};

/** The server's reason and what to do about it, or its message as it stands. */
function explain(error: Error): { reason: string; remedy: string | null } {
  if (!(error instanceof ApiError)) return { reason: 'Please try again.', remedy: null };
  const issue = error.issues.find((candidate) => candidate.field in remedies);
  if (!issue) return { reason: error.message, remedy: null };
  return { reason: sentence(issue.message), remedy: remedies[issue.field] ?? null };
}

/** Takes a scope snapshot now; when the incident is not ready for one, says what is missing. */
export function TakeSnapshot({ incidentId }: { incidentId: string }) {
  const take = useTakeScopeSnapshot(incidentId);
  const problem = take.error ? explain(take.error) : null;

  return (
    <Stack gap="xs" maw={560}>
      <Button
        w="fit-content"
        leftSection={<IconCamera size={16} aria-hidden />}
        loading={take.isPending}
        onClick={() =>
          take.mutate(undefined, {
            onSuccess: (snapshot) =>
              notifications.show({
                color: 'teal',
                message: `Snapshot taken: ${formatCount(snapshot.customers)} ${snapshot.customers === 1 ? 'customer' : 'customers'}.`,
              }),
          })
        }
      >
        Take snapshot
      </Button>
      {problem && (
        <Alert
          color="red"
          variant="light"
          title="The snapshot was not taken"
          icon={<IconAlertCircle aria-hidden />}
          data-testid="scope-snapshot-error"
        >
          <Text size="sm">{problem.reason}</Text>
          {problem.remedy && (
            <Text size="sm" mt={4}>
              <Text span fw={600}>
                What to do:{' '}
              </Text>
              {problem.remedy}
            </Text>
          )}
        </Alert>
      )}
    </Stack>
  );
}
