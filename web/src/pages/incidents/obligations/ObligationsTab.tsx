import { Center, Loader, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { useObligations, type ObligationReport } from '../../../api/breach.js';
import { useScopeSnapshots, type Incident, type ScopeSnapshot } from '../../../api/incidents.js';
import { formatCount } from '../../../components/counts.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { QueryError } from '../../../components/QueryError.js';
import { AffectedChart } from './AffectedChart.js';
import { SuppressionListCard } from './campaigns/SuppressionListCard.js';
import { DecisionList } from './DecisionList.js';
import { EncryptionCard } from './EncryptionCard.js';
import { isOwed, SETTLED_STATUSES } from './labels.js';
import { NoticeEditorDrawer } from './notices/NoticeEditorDrawer.js';
import { NotRequiredList } from './NotRequiredList.js';
import { ObligationGroup } from './ObligationGroup.js';
import { ObligationWarnings } from './ObligationWarnings.js';

const route = getRouteApi('/signed-in/incidents/$incidentId');

/**
 * Who must be told of the breach, by when and why: owed duties first (the server sorts them by
 * urgency), then the settled ones, then those nothing brings; the encryption facts, the
 * suppression list the letters skip and the decisions the report follows from come after.
 */
export function ObligationsTab({ incident, editable }: { incident: Incident; editable: boolean }) {
  const report = useObligations(incident.id);

  return (
    <Stack gap="lg" component="section" aria-labelledby="obligations-heading">
      <Stack gap={4} maw={760}>
        <Title order={2} size="h4" id="obligations-heading">
          Notification obligations
        </Title>
        <Text size="sm" c="dimmed">
          Worked out on every read from the latest scope snapshot, the trigger times, the encryption
          of the exposed data and the decisions recorded here. The rules are a starting point
          written from the statutes, not legal advice: each says how far its source was checked.
        </Text>
      </Stack>
      {report.isPending && (
        <Center p="md">
          <Loader aria-label="Loading the notification obligations" />
        </Center>
      )}
      {report.isError && <QueryError error={report.error} onRetry={() => void report.refetch()} />}
      {report.data && <ReportView incident={incident} report={report.data} editable={editable} />}
    </Stack>
  );
}

function ReportView({
  incident,
  report,
  editable,
}: {
  incident: Incident;
  report: ObligationReport;
  editable: boolean;
}) {
  const snapshots = useScopeSnapshots(incident.id);
  const { notice } = route.useSearch();
  const navigate = route.useNavigate();
  // The editor opens only for a duty that is owed or settled; a stale address opens nothing.
  const noticeFor = report.obligations.find((o) => o.key === notice && o.status !== 'not_required');
  // Undefined while the snapshots load: the card waits rather than say there is none.
  const snapshot = snapshots.data ? countedSnapshot(snapshots.data.items, report) : undefined;
  const owed = report.obligations.filter(isOwed);
  const settled = report.obligations.filter((o) => SETTLED_STATUSES.includes(o.status));
  const notRequired = report.obligations.filter((o) => o.status === 'not_required');
  const dutyNames = new Map(report.obligations.map((o) => [o.ruleId, o.duty] as const));

  return (
    <>
      {report.snapshot && (
        <Text size="sm" data-testid="obligations-counted-from">
          <Text span c="dimmed">
            Counted from:{' '}
          </Text>
          the scope snapshot of <LocalTime iso={report.snapshot.takenAt} /> (
          {formatCount(report.snapshot.customers)}{' '}
          {report.snapshot.customers === 1 ? 'customer' : 'customers'})
        </Text>
      )}
      <ObligationWarnings report={report} />
      <AffectedChart owed={owed} />
      <ObligationGroup
        id="obligations-owed"
        title="Owed"
        empty="Nothing is owed under the rules in force."
        incidentId={incident.id}
        obligations={owed}
        dutyNames={dutyNames}
        editable={editable}
      />
      <ObligationGroup
        id="obligations-settled"
        title="Done or exempt"
        incidentId={incident.id}
        obligations={settled}
        dutyNames={dutyNames}
        editable={editable}
      />
      <NotRequiredList obligations={notRequired} />
      <EncryptionCard incident={incident} snapshot={snapshot} editable={editable} />
      {/* Shop-wide, but read and changed where the letters are prepared. */}
      <SuppressionListCard editable={editable} />
      <DecisionList incident={incident} obligations={report.obligations} editable={editable} />
      {noticeFor && (
        <NoticeEditorDrawer
          // Another obligation's editor starts afresh (its locale, its saved message).
          key={noticeFor.key}
          incident={incident}
          obligation={noticeFor}
          editable={editable}
          onClose={() =>
            void navigate({
              search: (previous) => ({ ...previous, notice: undefined }),
              replace: true,
            })
          }
        />
      )}
    </>
  );
}

/** The snapshot the report's counts come from, so the categories match its numbers. */
function countedSnapshot(
  snapshots: readonly ScopeSnapshot[],
  report: ObligationReport,
): ScopeSnapshot | null {
  if (!report.snapshot) return null;
  return snapshots.find((snapshot) => snapshot.id === report.snapshot?.id) ?? null;
}
