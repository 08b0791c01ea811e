import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { IconDownload, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { blastRadiusCsvUrl, type BlastRadius, type BlastRadiusRequest } from '../../api/datamap.js';
import { formatCount } from '../../components/counts.js';
import { LocalTime } from '../../components/LocalTime.js';

const typeNames: Record<BlastRadius['target']['type'], string> = {
  vendor: 'vendor',
  integration: 'integration',
  subprocessor: 'subprocessor',
};

/** The number that matters, what it covers, and the customer list for analysts. */
export function BlastRadiusHeadline({
  result,
  request,
  canDownload,
}: {
  result: BlastRadius;
  request: BlastRadiusRequest;
  canDownload: boolean;
}) {
  const noun = result.customers === 1 ? 'affected customer' : 'affected customers';
  return (
    <Paper withBorder radius="md" p="lg">
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Customers whose data reached {typeNames[result.target.type]}{' '}
          <Text span fw={600} c="var(--mantine-color-text)">
            {result.target.name}
          </Text>{' '}
          between {result.window.from.slice(0, 10)} and {result.window.to.slice(0, 10)} (UTC).
        </Text>
        <Text data-testid="blast-radius-total" fz={44} fw={700} lh={1.1} role="status">
          {formatCount(result.customers)}{' '}
          <Text span fz="xl" fw={500}>
            {noun}
          </Text>
        </Text>
        {result.unknownCustomers > 0 && (
          <Alert
            color="yellow"
            variant="light"
            icon={<IconInfoCircle aria-hidden />}
            title={`${formatCount(result.unknownCustomers)} not in the customer directory`}
          >
            The sharing ledger names these customers, but the customer directory has no record of
            them, so they have no known jurisdiction. They are included in the total. Import the
            missing customers on the Customers page to place them.
          </Alert>
        )}
        <Group justify="space-between" wrap="wrap">
          <Text size="xs" c="dimmed">
            Computed <LocalTime iso={result.computedAt} />
          </Text>
          {canDownload ? (
            <Button
              component="a"
              href={blastRadiusCsvUrl(request)}
              download
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
            >
              Download CSV
            </Button>
          ) : (
            <Group gap={6} wrap="nowrap">
              <IconLock size={14} aria-hidden />
              <Text size="xs" c="dimmed">
                The customer list holds personal data, so only analysts and admins can download it.
              </Text>
            </Group>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}
