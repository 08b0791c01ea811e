import { Alert, Group, Loader, SimpleGrid, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { isApiError } from '../../api/client.js';
import { useFinding, type FindingDetail } from '../../api/exposure.js';
import {
  ExposureStatusBadge,
  KnownExploitedBadge,
  SeverityRatingBadge,
} from '../../components/ExposureBadges.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { FindingIncidentButton } from './FindingIncidentButton.js';
import { AdvisoryCard } from './AdvisoryCard.js';
import { componentLabel } from './exposureText.js';
import { FindingFactsCard } from './FindingFactsCard.js';
import { MatchCard } from './MatchCard.js';
import { TriageCard } from './TriageCard.js';

// Alert emails link to this page, so a finding must open from its id alone.
const route = getRouteApi('/signed-in/exposure/findings/$findingId');

export function FindingPage() {
  const { findingId } = route.useParams();
  const finding = useFinding(findingId);

  return (
    <Stack gap={0}>
      <AnchorLink to="/exposure" size="sm" mb="xs" w="fit-content">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          Exposure
        </Group>
      </AnchorLink>
      {finding.isPending && <Loader aria-label="Loading finding" />}
      {finding.isError &&
        (isApiError(finding.error) && finding.error.status === 404 ? (
          <Alert color="gray" title="Finding not found">
            There is no finding at this address.
          </Alert>
        ) : (
          <QueryError error={finding.error} onRetry={() => void finding.refetch()} />
        ))}
      {finding.data && <FindingView finding={finding.data} />}
    </Stack>
  );
}

function FindingView({ finding }: { finding: FindingDetail }) {
  const { canWrite } = useVendorRole();
  return (
    <>
      <PageHeader
        title={`${finding.advisoryId} in ${componentLabel(finding)}`}
        description={finding.summary ?? finding.advisory.summary ?? undefined}
        actions={
          <>
            {finding.knownExploited && (
              <KnownExploitedBadge ransomware={finding.kev?.ransomware ?? false} />
            )}
            <SeverityRatingBadge severity={finding.severity} score={finding.score} />
            <ExposureStatusBadge status={finding.status} />
            {canWrite && <FindingIncidentButton findingId={finding.id} />}
          </>
        }
      />
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <FindingFactsCard finding={finding} />
          <MatchCard finding={finding} />
        </SimpleGrid>
        {canWrite && <TriageCard finding={finding} />}
        <AdvisoryCard advisory={finding.advisory} />
      </Stack>
    </>
  );
}
