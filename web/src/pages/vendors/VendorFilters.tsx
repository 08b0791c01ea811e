import { Group, Select, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import {
  RISK_TIERS,
  VENDOR_STATUSES,
  type RiskTier,
  type VendorStatus,
} from '@contracts/vendors.js';
import { fetchVendorTags, vendorKeys } from '../../api/vendors.js';
import { options } from './labels.js';
import { useDataCategories } from './useDataCategories.js';

export interface VendorListFilters {
  q: string;
  status: VendorStatus | null;
  tier: RiskTier | null;
  category: string | null;
  tag: string | null;
}

export const noFilters: VendorListFilters = {
  q: '',
  status: null,
  tier: null,
  category: null,
  tag: null,
};

const statusOptions = options(VENDOR_STATUSES);
const tierOptions = options(RISK_TIERS);

export function VendorFilters({
  filters,
  onChange,
}: {
  filters: VendorListFilters;
  onChange: (next: Partial<VendorListFilters>) => void;
}) {
  const categories = useDataCategories();
  const tags = useQuery({ queryKey: vendorKeys.tags, queryFn: fetchVendorTags });
  return (
    <Group align="flex-end" gap="sm" wrap="wrap">
      <TextInput
        label="Search"
        placeholder="Name or domain"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={filters.q}
        onChange={(event) => onChange({ q: event.currentTarget.value })}
        w={240}
        type="search"
      />
      <Select
        label="Risk tier"
        placeholder="Any tier"
        data={tierOptions}
        value={filters.tier}
        onChange={(value) => onChange({ tier: value })}
        clearable
        w={150}
      />
      <Select
        label="Status"
        placeholder="Any status"
        data={statusOptions}
        value={filters.status}
        onChange={(value) => onChange({ status: value })}
        clearable
        w={160}
      />
      <Select
        label="Data category"
        placeholder="Any category"
        data={categories.options}
        value={filters.category}
        onChange={(value) => onChange({ category: value })}
        clearable
        searchable
        nothingFoundMessage="No such category"
        w={240}
      />
      <Select
        label="Tag"
        placeholder="Any tag"
        data={tags.data ?? []}
        value={filters.tag}
        onChange={(value) => onChange({ tag: value })}
        clearable
        searchable
        nothingFoundMessage="No such tag"
        w={180}
      />
    </Group>
  );
}
