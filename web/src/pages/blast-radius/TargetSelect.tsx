import { Select, type ComboboxData } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { VendorSummary } from '@contracts/vendors.js';
import {
  datamapKeys,
  fetchDataMap,
  fetchIntegrationOptions,
  fetchVendorOptions,
  type TargetType,
} from '../../api/datamap.js';

function vendorLabel(vendor: VendorSummary): string {
  return vendor.tradingName && vendor.tradingName !== vendor.legalName
    ? `${vendor.tradingName} (${vendor.legalName})`
    : vendor.legalName;
}

/** Subprocessors first: vendors some other vendor passes data to, as the data map shows. */
function subprocessorOptions(vendors: VendorSummary[], subprocessorIds: Set<string>): ComboboxData {
  const options = (list: VendorSummary[]) =>
    list.map((vendor) => ({ value: vendor.id, label: vendorLabel(vendor) }));
  const known = vendors.filter((vendor) => subprocessorIds.has(vendor.id));
  const others = vendors.filter((vendor) => !subprocessorIds.has(vendor.id));
  if (known.length === 0) return options(others);
  return [
    { group: 'Subprocessors of your vendors', items: options(known) },
    ...(others.length > 0 ? [{ group: 'Other vendors', items: options(others) }] : []),
  ];
}

/** The vendor, integration or subprocessor whose reach is computed. */
export function TargetSelect({
  targetType,
  value,
  onChange,
  error,
}: {
  targetType: TargetType;
  value: string;
  onChange: (value: string) => void;
  error?: string;
}) {
  const vendors = useQuery({
    queryKey: datamapKeys.vendorOptions,
    queryFn: fetchVendorOptions,
    enabled: targetType !== 'integration',
  });
  const integrations = useQuery({
    queryKey: datamapKeys.integrationOptions,
    queryFn: fetchIntegrationOptions,
    enabled: targetType === 'integration',
  });
  const dataMap = useQuery({
    queryKey: datamapKeys.dataMap,
    queryFn: fetchDataMap,
    enabled: targetType === 'subprocessor',
  });

  let data: ComboboxData;
  let loading = vendors.isPending;
  let failed = vendors.isError;
  if (targetType === 'integration') {
    loading = integrations.isPending;
    failed = integrations.isError;
    data = (integrations.data ?? []).map((integration) => ({
      value: integration.id,
      label: `${integration.vendorName} — ${integration.name}`,
    }));
  } else if (targetType === 'subprocessor') {
    const ids = new Set(
      (dataMap.data?.edges ?? []).filter((e) => e.kind === 'subprocessor').map((e) => e.to),
    );
    data = subprocessorOptions(vendors.data?.items ?? [], ids);
  } else {
    data = (vendors.data?.items ?? []).map((vendor) => ({
      value: vendor.id,
      label: vendorLabel(vendor),
    }));
  }

  const noun = targetType === 'integration' ? 'an integration' : `a ${targetType}`;
  return (
    <Select
      label="Target"
      description={
        targetType === 'subprocessor'
          ? 'Data that reached this vendor through the vendors that use it'
          : targetType === 'integration'
            ? 'Data shared through this one integration'
            : 'Data shared through any of its integrations'
      }
      placeholder={loading ? 'Loading…' : `Choose ${noun}`}
      data={data}
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      searchable
      nothingFoundMessage="Nothing matches"
      error={error ?? (failed ? 'The list could not be loaded' : undefined)}
      required
      comboboxProps={{ withinPortal: true }}
    />
  );
}
