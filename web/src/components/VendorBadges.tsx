import { Badge } from '@mantine/core';
import type { RiskTier, VendorStatus } from '@contracts/vendors.js';

export const riskTierColors: Record<RiskTier, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
};

export const vendorStatusColors: Record<VendorStatus, string> = {
  prospect: 'gray',
  assessing: 'blue',
  approved: 'cyan',
  active: 'teal',
  suspended: 'orange',
  offboarding: 'grape',
  offboarded: 'dark',
};

/** A vendor's risk tier: critical red, high orange, medium yellow, low gray. */
export function RiskTierBadge({
  tier,
  size = 'sm',
}: {
  tier: RiskTier;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  return (
    <Badge
      color={riskTierColors[tier]}
      variant="filled"
      size={size}
      aria-label={`Risk tier ${tier}`}
    >
      {tier}
    </Badge>
  );
}

export function VendorStatusBadge({
  status,
  size = 'sm',
}: {
  status: VendorStatus;
  size?: 'xs' | 'sm' | 'md' | 'lg';
}) {
  return (
    <Badge
      color={vendorStatusColors[status]}
      variant="light"
      size={size}
      aria-label={`Status ${status}`}
    >
      {status}
    </Badge>
  );
}
