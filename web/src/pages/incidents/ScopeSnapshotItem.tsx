import { Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ScopeSnapshot } from '../../api/incidents.js';
import { formatCount } from '../../components/counts.js';
import { LocalTime } from '../../components/LocalTime.js';
import { scopeChangeLabel } from './labels.js';
import { personLabel } from './people.js';
import { ScopeBreakdown } from './ScopeBreakdown.js';
import { ScopeGroups } from './ScopeGroups.js';
import { Sha256 } from './Sha256.js';

/** One snapshot: how many, in which window, by whom, its set's hash, and how it splits. */
export function ScopeSnapshotItem({
  snapshot,
  latest,
  people,
}: {
  snapshot: ScopeSnapshot;
  latest: boolean;
  people: ReadonlyMap<string, string>;
}) {
  const headingId = `scope-${snapshot.id}`;
  const by = personLabel(people, snapshot.takenBy);
  const paths = snapshot.inputs.paths.map((path) => `${path.integrationName} (${path.vendorName})`);

  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="md"
      aria-labelledby={headingId}
      data-testid="scope-snapshot"
    >
      <Stack gap="sm">
        <Group gap="xs" justify="space-between" wrap="wrap" align="flex-start">
          <Stack gap={2}>
            <Title order={3} size="h5" id={headingId}>
              Snapshot of <LocalTime iso={snapshot.takenAt} />
            </Title>
            <Text size="xs" c="dimmed">
              Taken{by ? ` by ${by}` : ''} · timeline entry #{snapshot.timelineSeq}
            </Text>
          </Stack>
          {latest && (
            <Badge variant="light" color="blue">
              Latest
            </Badge>
          )}
        </Group>
        <Group gap="xl" wrap="wrap" align="flex-start">
          <Fact label="Customers">{formatCount(snapshot.customers)}</Fact>
          <Fact
            label="Unknown customers"
            title="Named by the sharing ledger but not in the customer directory"
          >
            {formatCount(snapshot.unknownCustomers)}
          </Fact>
          <Fact label="Change">{scopeChangeLabel(snapshot.change)}</Fact>
        </Group>
        <Text size="sm">
          <Text span c="dimmed">
            Window:{' '}
          </Text>
          <LocalTime iso={snapshot.window.from} /> to <LocalTime iso={snapshot.window.to} />
        </Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          <Text span c="dimmed">
            Through:{' '}
          </Text>
          {paths.length > 0 ? paths.join('; ') : 'no integration of the linked vendors'}
        </Text>
        <Sha256 hash={snapshot.setSha256} label="SHA-256 of the customer set" copyable />
        {snapshot.customers > 0 || snapshot.unknownCustomers > 0 ? (
          <>
            <ScopeBreakdown snapshot={snapshot} />
            <ScopeGroups snapshot={snapshot} />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            No customer&rsquo;s data reached the linked vendors and integrations in this window.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function Fact({ label, title, children }: { label: string; title?: string; children: ReactNode }) {
  return (
    <Stack gap={0} title={title}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="lg" fw={600}>
        {children}
      </Text>
    </Stack>
  );
}
