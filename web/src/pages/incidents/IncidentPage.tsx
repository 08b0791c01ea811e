import { Alert, Group, Loader, SimpleGrid, Stack, Tabs, Text } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { isApiError } from '../../api/client.js';
import { useIncident, type Incident } from '../../api/incidents.js';
import { SeverityBadge } from '../../components/AssessmentBadges.js';
import { LocalTime } from '../../components/LocalTime.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import type { IncidentTab } from '../../router.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { ActionsTab } from './ActionsTab.js';
import { EvidenceTab } from './EvidenceTab.js';
import { ExportBundle } from './ExportBundle.js';
import { IncidentStatusBadge, RestrictedBadge } from './IncidentStatusBadge.js';
import { incidentTypeLabels } from './labels.js';
import { LinkedCard } from './LinkedCard.js';
import { NotificationClocksCard } from './obligations/NotificationClocksCard.js';
import { ObligationsTab } from './obligations/ObligationsTab.js';
import { ReviewTab } from './ReviewTab.js';
import { ScopeTab } from './ScopeTab.js';
import { StatusCard } from './StatusCard.js';
import { TasksTab } from './TasksTab.js';
import { TimelineTab } from './TimelineTab.js';
import { TriggersCard } from './TriggersCard.js';
import { VendorNoticesCard } from './VendorNoticesCard.js';

const route = getRouteApi('/signed-in/incidents/$incidentId');

export function IncidentPage() {
  const { incidentId } = route.useParams();
  const incident = useIncident(incidentId);

  return (
    <Stack gap={0}>
      <AnchorLink to="/incidents" size="sm" mb="xs" w="fit-content">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          All incidents
        </Group>
      </AnchorLink>
      {incident.isPending && <Loader aria-label="Loading incident" />}
      {incident.isError &&
        (isApiError(incident.error) && incident.error.status === 404 ? (
          // Restricted incidents answer 404 too: the page must not tell them apart.
          <Alert color="gray" title="Incident not found">
            There is no incident at this address that you may see.
          </Alert>
        ) : (
          <QueryError error={incident.error} onRetry={() => void incident.refetch()} />
        ))}
      {incident.data && <IncidentView incident={incident.data} />}
    </Stack>
  );
}

function IncidentView({ incident }: { incident: Incident }) {
  const { canWrite } = useVendorRole();
  const { tab = 'timeline' } = route.useSearch();
  const navigate = route.useNavigate();
  const names = new Map(
    incident.links.flatMap((link) => (link.label ? [[link.targetId, link.label] as const] : [])),
  );

  return (
    <>
      <PageHeader
        title={incident.title}
        description={incident.summary || undefined}
        actions={
          <Stack gap="xs" align="flex-end">
            <Group gap="xs">
              {incident.restricted && <RestrictedBadge />}
              <SeverityBadge severity={incident.severity} />
              <IncidentStatusBadge status={incident.status} />
            </Group>
            {canWrite && <ExportBundle incidentId={incident.id} />}
          </Stack>
        }
      />
      <Stack gap="md">
        <IncidentFacts incident={incident} />
        {canWrite && <StatusCard incident={incident} />}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <TriggersCard incident={incident} names={names} editable={canWrite} />
          <Stack gap="md">
            <NotificationClocksCard incidentId={incident.id} />
            <VendorNoticesCard notices={incident.vendorNotices} />
            <LinkedCard incident={incident} names={names} editable={canWrite} />
          </Stack>
        </SimpleGrid>
        <Tabs
          value={tab}
          onChange={(value) =>
            value && void navigate({ search: { tab: value as IncidentTab }, replace: true })
          }
          keepMounted={false}
        >
          <Tabs.List mb="md">
            <Tabs.Tab value="timeline">Timeline</Tabs.Tab>
            <Tabs.Tab value="communications">Communications</Tabs.Tab>
            <Tabs.Tab value="tasks">Tasks</Tabs.Tab>
            <Tabs.Tab value="evidence">Evidence</Tabs.Tab>
            <Tabs.Tab value="actions">Actions</Tabs.Tab>
            <Tabs.Tab value="scope">Scope</Tabs.Tab>
            <Tabs.Tab value="obligations">Obligations</Tabs.Tab>
            <Tabs.Tab value="review">Review</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="timeline">
            <TimelineTab incident={incident} names={names} editable={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="communications">
            <TimelineTab incident={incident} names={names} only="communication" />
          </Tabs.Panel>
          <Tabs.Panel value="tasks">
            <TasksTab incident={incident} editable={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="evidence">
            <EvidenceTab incident={incident} editable={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="actions">
            <ActionsTab incident={incident} names={names} editable={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="scope">
            <ScopeTab incident={incident} editable={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="obligations">
            <ObligationsTab incident={incident} editable={canWrite} />
          </Tabs.Panel>
          <Tabs.Panel value="review">
            <ReviewTab incident={incident} editable={canWrite} />
          </Tabs.Panel>
        </Tabs>
      </Stack>
    </>
  );
}

/** Type, owner and dates, in one line under the header. */
function IncidentFacts({ incident }: { incident: Incident }) {
  const { user } = useSignedInSession();
  return (
    <Group gap="lg" wrap="wrap" data-testid="incident-facts">
      <Text size="sm">
        <Text span c="dimmed">
          Type:{' '}
        </Text>
        {incidentTypeLabels[incident.type]}
      </Text>
      <Text size="sm">
        <Text span c="dimmed">
          Owner:{' '}
        </Text>
        {ownerLabel(incident, user.id)}
      </Text>
      <Text size="sm">
        <Text span c="dimmed">
          Opened:{' '}
        </Text>
        <LocalTime iso={incident.createdAt} />
      </Text>
      {incident.closedAt && (
        <Text size="sm">
          <Text span c="dimmed">
            Closed:{' '}
          </Text>
          <LocalTime iso={incident.closedAt} />
        </Text>
      )}
      <Text size="sm">
        <Text span c="dimmed">
          Access:{' '}
        </Text>
        {incident.restricted ? 'owner and members only' : 'everyone signed in'}
      </Text>
    </Group>
  );
}

function ownerLabel(incident: Incident, myId: string): string {
  if (incident.ownerId === null) return 'nobody';
  if (incident.ownerId === myId) return 'you';
  return incident.ownerEmail ?? incident.ownerId;
}
