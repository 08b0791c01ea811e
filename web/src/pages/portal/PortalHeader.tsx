import { Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { PortalView } from '../../api/portal.js';
import { AssessmentStatusBadge } from '../../components/AssessmentBadges.js';
import { formatDay } from '../vendors/labels.js';

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text component="dt" size="xs" c="dimmed" fw={500}>
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

/** Who is asking whom, by when, and how far the vendor has got. */
export function PortalHeader({
  view,
  progress,
}: {
  view: PortalView;
  progress: { answered: number; total: number };
}) {
  const percent =
    progress.total === 0 ? 100 : Math.round((100 * progress.answered) / progress.total);
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {view.definition.name}
        </Title>
        {view.definition.description && (
          <Text c="dimmed" size="sm" mt={4} style={{ whiteSpace: 'pre-wrap' }}>
            {view.definition.description}
          </Text>
        )}
      </div>
      <SimpleGrid component="dl" cols={{ base: 2, sm: 4 }} spacing="md" m={0}>
        <Fact label="Vendor">{view.vendorName}</Fact>
        <Fact label="Requested by">{view.requestedBy}</Fact>
        <Fact label="Due">{formatDay(view.dueDate)}</Fact>
        <Fact label="Status">
          <AssessmentStatusBadge status={view.status} />
        </Fact>
      </SimpleGrid>
      <div>
        <Text size="sm" mb={6}>
          {progress.answered} of {progress.total} questions answered
        </Text>
        <Progress.Root size="md">
          <Progress.Section value={percent} aria-label="Questions answered" />
        </Progress.Root>
      </div>
    </Stack>
  );
}
