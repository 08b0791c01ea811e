import { Badge, Loader, Stack, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { assessmentKeys, fetchGoLive } from '../../../api/assessments.js';

/**
 * Whether an integration that is not active yet may become active. The reason is written out
 * as well as in the tooltip: tooltips are out of reach on touch screens and for many readers.
 */
export function GoLiveBadge({
  vendorId,
  integrationId,
  integrationName,
}: {
  vendorId: string;
  integrationId: string;
  integrationName: string;
}) {
  const goLive = useQuery({
    queryKey: assessmentKeys.goLive(vendorId, integrationId),
    queryFn: () => fetchGoLive(vendorId, integrationId),
  });

  if (goLive.isPending)
    return <Loader size="xs" aria-label={`Checking whether ${integrationName} may go live`} />;
  if (goLive.isError)
    return (
      <Text size="xs" c="dimmed">
        Go-live check unavailable
      </Text>
    );

  const { allowed, reason } = goLive.data;
  return (
    <Stack gap={2} align="flex-start" data-testid={`go-live-${integrationId}`}>
      <Tooltip label={reason} multiline maw={280}>
        <Badge
          variant="outline"
          color={allowed ? 'teal' : 'red'}
          size="sm"
          aria-label={
            allowed ? `${integrationName} is approved to go live` : `${integrationName} is blocked`
          }
        >
          {allowed ? 'Approved to go live' : 'Blocked'}
        </Badge>
      </Tooltip>
      <Text size="xs" c="dimmed" maw={220}>
        {allowed ? capitalize(reason) : `Cannot go live: ${reason}`}
      </Text>
    </Stack>
  );
}

/** The server words reasons to follow "because"; on their own they need a capital. */
function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
