import { Group, Stack } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { PageHeader } from '../../components/PageHeader.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { SuppressionsCard } from './SuppressionsCard.js';
import { ThresholdsCard } from './ThresholdsCard.js';

/** Thresholds (admins) and suppression rules (analysts); viewers read both. */
export function DetectionSettingsPage() {
  const { canWrite, isAdmin } = useVendorRole();
  return (
    <Stack gap={0}>
      <AnchorLink to="/detection" size="sm" mb="xs" w="fit-content">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          Detection
        </Group>
      </AnchorLink>
      <PageHeader
        title="Detection settings"
        description="When each detector raises an alert, and which known-good traffic it should leave alone."
      />
      <Stack gap="xl">
        <ThresholdsCard editable={isAdmin} />
        <SuppressionsCard editable={canWrite} />
      </Stack>
    </Stack>
  );
}
