import { SimpleGrid, Stack, Text } from '@mantine/core';
import type { VendorSummary } from '../../../api/vendors.js';
import { ComponentsCard } from '../software/ComponentsCard.js';
import { SbomHistoryCard } from '../software/SbomHistoryCard.js';
import { SbomUploadCard } from '../software/SbomUploadCard.js';
import { VendorFindingsCard } from '../software/VendorFindingsCard.js';
import { VexUploadCard } from '../software/VexUploadCard.js';
import { useVendorRole } from '../useVendorRole.js';

/** What the vendor runs (SBOMs, declared products), and the advisories that affect it. */
export function SoftwareTab({ vendor }: { vendor: VendorSummary }) {
  const { canWrite } = useVendorRole();
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed" maw={720}>
        The software {vendor.legalName} runs for the shop, from the SBOMs it provides and the
        products declared here, matched against the imported advisories. Known-exploited findings
        come first.
      </Text>
      {canWrite && (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          <SbomUploadCard vendor={vendor} />
          <VexUploadCard vendor={vendor} />
        </SimpleGrid>
      )}
      <VendorFindingsCard vendor={vendor} />
      <ComponentsCard vendor={vendor} />
      <SbomHistoryCard vendor={vendor} />
    </Stack>
  );
}
