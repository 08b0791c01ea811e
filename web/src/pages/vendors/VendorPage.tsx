import { Alert, Group, Loader, Stack, Tabs } from '@mantine/core';
import { IconArrowLeft, IconTargetArrow } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { isApiError } from '../../api/client.js';
import { fetchVendor, vendorKeys, type VendorSummary } from '../../api/vendors.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink, ButtonLink } from '../../components/RouterLinks.js';
import { RiskTierBadge, VendorStatusBadge } from '../../components/VendorBadges.js';
import type { VendorTab } from '../../router.js';
import { ActivityTab } from './tabs/ActivityTab.js';
import { AssessmentsTab } from './tabs/AssessmentsTab.js';
import { ContractsTab } from './tabs/ContractsTab.js';
import { IntegrationsTab } from './tabs/IntegrationsTab.js';
import { OverviewTab } from './tabs/OverviewTab.js';
import { SharingTab } from './tabs/SharingTab.js';
import { SoftwareTab } from './tabs/SoftwareTab.js';
import { SubprocessorsTab } from './tabs/SubprocessorsTab.js';

const route = getRouteApi('/signed-in/vendors/$vendorId');

const tabs: { value: VendorTab; label: string }[] = [
  { value: 'overview', label: 'Overview' },
  { value: 'integrations', label: 'Integrations' },
  { value: 'contracts', label: 'Contracts' },
  { value: 'subprocessors', label: 'Subprocessors' },
  { value: 'sharing', label: 'Data sharing' },
  { value: 'assessments', label: 'Assessments' },
  { value: 'software', label: 'Software' },
  { value: 'activity', label: 'Activity' },
];

export function VendorPage() {
  const { vendorId } = route.useParams();
  const vendor = useQuery({
    queryKey: vendorKeys.detail(vendorId),
    queryFn: () => fetchVendor(vendorId),
  });

  return (
    <Stack gap={0}>
      <AnchorLink to="/vendors" size="sm" mb="xs" w="fit-content">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          All vendors
        </Group>
      </AnchorLink>
      {vendor.isPending && <Loader aria-label="Loading vendor" />}
      {vendor.isError &&
        (isApiError(vendor.error) && vendor.error.status === 404 ? (
          <Alert color="gray" title="Vendor not found">
            There is no vendor at this address. It may have been deleted.
          </Alert>
        ) : (
          <QueryError error={vendor.error} onRetry={() => void vendor.refetch()} />
        ))}
      {vendor.data && <VendorView vendor={vendor.data} />}
    </Stack>
  );
}

function VendorView({ vendor }: { vendor: VendorSummary }) {
  const { tab = 'overview' } = route.useSearch();
  const navigate = route.useNavigate();

  return (
    <>
      <PageHeader
        title={vendor.legalName}
        description={vendor.tradingName ? `Trading as ${vendor.tradingName}` : undefined}
        actions={
          <>
            <VendorStatusBadge status={vendor.status} size="lg" />
            <RiskTierBadge tier={vendor.riskTier} size="lg" />
            <ButtonLink
              to="/blast-radius"
              search={{ vendorId: vendor.id }}
              variant="light"
              color="red"
              leftSection={<IconTargetArrow size={16} aria-hidden />}
              aria-label={`Blast radius of ${vendor.legalName}`}
            >
              Blast radius
            </ButtonLink>
          </>
        }
      />
      <Tabs
        value={tab}
        onChange={(value) =>
          value && void navigate({ search: { tab: value as VendorTab }, replace: true })
        }
        keepMounted={false}
      >
        <Tabs.List mb="md">
          {tabs.map((item) => (
            <Tabs.Tab key={item.value} value={item.value}>
              {item.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overview">
          <OverviewTab vendor={vendor} />
        </Tabs.Panel>
        <Tabs.Panel value="integrations">
          <IntegrationsTab vendor={vendor} />
        </Tabs.Panel>
        <Tabs.Panel value="contracts">
          <ContractsTab vendor={vendor} />
        </Tabs.Panel>
        <Tabs.Panel value="subprocessors">
          <SubprocessorsTab vendor={vendor} />
        </Tabs.Panel>
        <Tabs.Panel value="sharing">
          <SharingTab vendor={vendor} />
        </Tabs.Panel>
        <Tabs.Panel value="assessments">
          <AssessmentsTab vendor={vendor} />
        </Tabs.Panel>
        <Tabs.Panel value="software">
          <SoftwareTab vendor={vendor} />
        </Tabs.Panel>
        <Tabs.Panel value="activity">
          <ActivityTab vendor={vendor} />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
