import { Alert, Group, Loader, SimpleGrid, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { isApiError } from '../../api/client.js';
import { useDetectionAlert, type DetectionAlert } from '../../api/detection.js';
import { SeverityBadge } from '../../components/AssessmentBadges.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { AlertActions } from './AlertActions.js';
import { AlertFactsCard } from './AlertFactsCard.js';
import { AlertSeriesChart } from './AlertSeriesChart.js';
import { AlertStatusBadge } from './AlertStatusBadge.js';
import { AlertSubjects } from './AlertSubjects.js';
import { MeasuresCard } from './MeasuresCard.js';
import { RankedCard } from './RankedCard.js';

// Alert notifications link to this page, so an alert must open from its id alone.
const route = getRouteApi('/signed-in/detection/alerts/$alertId');

export function AlertPage() {
  const { alertId } = route.useParams();
  const alert = useDetectionAlert(alertId);

  return (
    <Stack gap={0}>
      <AnchorLink to="/detection/alerts" size="sm" mb="xs" w="fit-content">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          All alerts
        </Group>
      </AnchorLink>
      {alert.isPending && <Loader aria-label="Loading alert" />}
      {alert.isError &&
        (isApiError(alert.error) && alert.error.status === 404 ? (
          <Alert color="gray" title="Alert not found">
            There is no alert at this address.
          </Alert>
        ) : (
          <QueryError error={alert.error} onRetry={() => void alert.refetch()} />
        ))}
      {alert.data && <AlertView alert={alert.data} />}
    </Stack>
  );
}

function AlertView({ alert }: { alert: DetectionAlert }) {
  const { canWrite } = useVendorRole();
  return (
    <>
      <PageHeader
        title={alert.title}
        description={alert.reason}
        actions={
          <>
            <SeverityBadge severity={alert.severity} />
            <AlertStatusBadge status={alert.status} />
          </>
        }
      />
      <Stack gap="md">
        {canWrite && <AlertActions alert={alert} />}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <MeasuresCard alert={alert} />
          <AlertFactsCard alert={alert} />
        </SimpleGrid>
        <AlertSeriesChart alert={alert} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
          <RankedCard
            id="top-sources-heading"
            title="Top sources"
            column="Source"
            items={alert.topSources}
            empty="No sources ranked for this alert."
          />
          <RankedCard
            id="top-accounts-heading"
            title="Top accounts"
            column="Account hash"
            items={alert.topAccounts}
            empty="No accounts ranked for this alert."
          />
        </SimpleGrid>
        <AlertSubjects alert={alert} />
      </Stack>
    </>
  );
}
