import { Group, Paper, Skeleton, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { TRUST_TOPICS, type TrustTopic } from '@contracts/trust.js';
import { useSubscriberCount } from '../../api/trust.js';
import { PageHeader } from '../../components/PageHeader.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { roleAtLeast } from '../../lib/roles.js';
import { DocumentsTab } from './DocumentsTab.js';
import { MeasuresTab } from './MeasuresTab.js';
import { RequestsTab } from './RequestsTab.js';
import { SettingsTab } from './SettingsTab.js';
import { SubprocessorsTab } from './SubprocessorsTab.js';
import { UpdatesTab } from './UpdatesTab.js';

const TABS = ['settings', 'measures', 'documents', 'requests', 'subprocessors', 'updates'] as const;
type Tab = (typeof TABS)[number];
const tabLabels: Record<Tab, string> = {
  settings: 'Settings',
  measures: 'Measures',
  documents: 'Documents',
  requests: 'Access requests',
  subprocessors: 'Subprocessors',
  updates: 'Status updates',
};
const topicLabels: Record<TrustTopic, string> = {
  updates: 'status updates',
  advisories: 'advisories',
  subprocessors: 'subprocessors',
};

/**
 * What the public trust center at /trust shows, edited by analysts (settings by admins).
 * Everything written here is public, so each tab says so where it matters.
 */
export function TrustCenterPage() {
  const { user } = useSignedInSession();
  const [tab, setTab] = useState<Tab>('settings');
  return (
    <>
      <PageHeader
        title="Trust center"
        description="The public page at /trust: security measures, documents, subprocessors and status updates. Whatever is saved here is published."
      />
      <Stack gap="lg">
        <SubscriberSummary />
        <Tabs value={tab} onChange={(value) => value && setTab(value as Tab)} keepMounted={false}>
          <Tabs.List mb="md">
            {TABS.map((value) => (
              <Tabs.Tab key={value} value={value}>
                {tabLabels[value]}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="settings">
            <SettingsTab isAdmin={roleAtLeast(user.role, 'admin')} />
          </Tabs.Panel>
          <Tabs.Panel value="measures">
            <MeasuresTab />
          </Tabs.Panel>
          <Tabs.Panel value="documents">
            <DocumentsTab />
          </Tabs.Panel>
          <Tabs.Panel value="requests">
            <RequestsTab />
          </Tabs.Panel>
          <Tabs.Panel value="subprocessors">
            <SubprocessorsTab />
          </Tabs.Panel>
          <Tabs.Panel value="updates">
            <UpdatesTab />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}

function SubscriberSummary() {
  const count = useSubscriberCount();
  return (
    <Paper withBorder radius="md" p="sm" component="section" aria-label="Subscribers">
      {count.isPending && <Skeleton height={20} width={320} aria-label="Loading subscribers" />}
      {count.isError && (
        <Text size="sm" c="red">
          The subscriber count could not be loaded.
        </Text>
      )}
      {count.data && (
        <Group gap="lg">
          <Text size="sm" data-testid="trust-subscribers">
            <strong>{count.data.confirmed}</strong> confirmed{' '}
            {count.data.confirmed === 1 ? 'subscriber' : 'subscribers'}
            {count.data.pending > 0 && <>, {count.data.pending} awaiting confirmation</>}
          </Text>
          <Text size="sm" c="dimmed">
            {TRUST_TOPICS.map(
              (topic) => `${count.data.byTopic[topic] ?? 0} for ${topicLabels[topic]}`,
            ).join(' · ')}
          </Text>
        </Group>
      )}
    </Paper>
  );
}
