import { Loader, SimpleGrid, Stack } from '@mantine/core';
import { usePortfolio } from '../../api/exposure.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { AdvisoryFeedsCard } from './AdvisoryFeedsCard.js';
import { AlertsCard } from './AlertsCard.js';
import { ExposureFindings } from './ExposureFindings.js';
import { ExposureTotals } from './ExposureTotals.js';
import { TrendCard } from './TrendCard.js';
import { VendorExposureCard } from './VendorExposureCard.js';

/** Portfolio exposure: what vendors run that attackers use now, and what is being done. */
export function ExposurePage() {
  const { isAdmin } = useVendorRole();
  const portfolio = usePortfolio();
  return (
    <>
      <PageHeader
        title="Exposure"
        description="Vulnerabilities in the software your vendors run, from their SBOMs and declared products. Known-exploited ones come first: attackers are using them now."
      />
      <Stack gap="lg">
        {portfolio.isPending && <Loader aria-label="Loading exposure" />}
        {portfolio.isError && (
          <QueryError error={portfolio.error} onRetry={() => void portfolio.refetch()} />
        )}
        {portfolio.data && <ExposureTotals totals={portfolio.data.totals} />}
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <TrendCard />
          <AlertsCard />
        </SimpleGrid>
        <VendorExposureCard />
        <ExposureFindings />
        {isAdmin && <AdvisoryFeedsCard />}
      </Stack>
    </>
  );
}
