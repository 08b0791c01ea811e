import { Grid, Stack } from '@mantine/core';
import type { VendorSummary } from '../../../api/vendors.js';
import { ContactsCard } from '../overview/ContactsCard.js';
import { OffboardingCard } from '../overview/OffboardingCard.js';
import { ProfileCard } from '../overview/ProfileCard.js';
import { ResidualRiskCard } from '../overview/ResidualRiskCard.js';
import { RiskCard } from '../overview/RiskCard.js';
import { StatusCard } from '../overview/StatusCard.js';

export function OverviewTab({ vendor }: { vendor: VendorSummary }) {
  const offboarding = vendor.status === 'offboarding' || vendor.status === 'offboarded';
  return (
    <Grid gap="md">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Stack gap="md">
          <ProfileCard vendor={vendor} />
          <ContactsCard vendor={vendor} />
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <Stack gap="md">
          <StatusCard vendor={vendor} />
          {offboarding && <OffboardingCard vendor={vendor} />}
          <RiskCard vendor={vendor} />
          <ResidualRiskCard vendor={vendor} compact />
        </Stack>
      </Grid.Col>
    </Grid>
  );
}
