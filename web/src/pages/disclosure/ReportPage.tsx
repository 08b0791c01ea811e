import { Grid, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import { reportAttachmentUrl, useReport } from '../../api/reports.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { SeverityBadge, StatusBadge } from './labels.js';
import { AssessmentCard } from './ReportAssessment.js';
import { Card } from './ReportCard.js';
import {
  AdvisoryCard,
  DisclosureDateCard,
  IncidentCard,
  LinkCard,
  OwnerCard,
  ResearcherCard,
} from './ReportSideCards.js';
import { ClocksCard, StatusCard } from './ReportStatus.js';
import { Composer, ReportText, TeamUpload } from './ReportThread.js';
import { AttachmentsTable, MessageList } from './thread.js';

const route = getRouteApi('/signed-in/disclosure/reports/$reportId');

/** One researcher report: the text, the thread, triage, scoring and everything around it. */
export function ReportPage() {
  const { reportId } = route.useParams();
  const report = useReport(reportId);
  const { canWrite } = useVendorRole();

  if (report.isPending) return <Loader aria-label="Loading the report" />;
  if (report.isError)
    return <QueryError error={report.error} onRetry={() => void report.refetch()} />;
  const view = report.data;

  return (
    <Stack gap="lg">
      <div>
        <AnchorLink to="/disclosure/reports" size="sm">
          ← All reports
        </AnchorLink>
        <Group gap="sm" mt="xs">
          <Text c="dimmed">Report #{view.number}</Text>
          <StatusBadge status={view.status} />
          <SeverityBadge severity={view.severity} />
          {view.cvss && (
            <Text size="sm" data-testid="report-cvss">
              CVSS {view.cvss.version} {view.cvss.score.toFixed(1)}
            </Text>
          )}
        </Group>
        <Title order={1} size="h2" mt={4}>
          {view.title}
        </Title>
        <Text size="sm" c="dimmed">
          Received <LocalTime iso={view.receivedAt} /> · {view.asset}
        </Text>
      </div>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <ReportText view={view} />
            <Card title="Conversation">
              <MessageList messages={view.messages} ownSide="team" />
              {canWrite && <Composer id={view.id} />}
            </Card>
            <Card title="Files">
              <AttachmentsTable
                attachments={view.attachments}
                urlOf={(attachmentId) => reportAttachmentUrl(view.id, attachmentId)}
              />
              {canWrite && <TeamUpload id={view.id} />}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            {canWrite && <StatusCard view={view} />}
            <ClocksCard view={view} />
            {canWrite && <AssessmentCard key={view.updatedAt} view={view} />}
            <AdvisoryCard view={view} canWrite={canWrite} />
            {canWrite && <OwnerCard view={view} />}
            {canWrite && <IncidentCard view={view} />}
            {canWrite && <DisclosureDateCard key={`date-${view.updatedAt}`} view={view} />}
            {canWrite && <LinkCard view={view} />}
            <ResearcherCard view={view} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
