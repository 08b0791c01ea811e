import { Paper, Stack, Text, Title } from '@mantine/core';
import { useBreachSuppressions } from '../../../../api/breach-campaigns.js';
import { ListState } from '../../ListState.js';
import { SuppressionAddForm } from './SuppressionAddForm.js';
import { SuppressionTable } from './SuppressionTable.js';

/**
 * Addresses no campaign writes to, for the whole shop: people who asked not to be mailed, or
 * addresses known to bounce. The list keeps only a keyed hash of each, so it shows a masked
 * hint and cannot be turned back into addresses.
 */
export function SuppressionListCard({ editable }: { editable: boolean }) {
  const suppressions = useBreachSuppressions();
  const items = suppressions.data?.items ?? [];

  return (
    <Paper
      withBorder
      radius="md"
      p="md"
      component="section"
      aria-labelledby="breach-suppressions-heading"
      data-testid="breach-suppressions"
    >
      <Stack gap="sm">
        <Stack gap={4}>
          <Title order={3} size="h5" id="breach-suppressions-heading">
            Suppression list
          </Title>
          <Text size="sm" c="dimmed">
            Letters of every incident skip these addresses, and count the person as not sent (on the
            suppression list). Only a keyed hash of each address is kept.
          </Text>
        </Stack>
        <ListState
          query={suppressions}
          count={items.length}
          loadingLabel="Loading the suppression list"
          empty="No address is on the list."
        >
          <SuppressionTable suppressions={items} editable={editable} />
        </ListState>
        {editable && <SuppressionAddForm />}
      </Stack>
    </Paper>
  );
}
