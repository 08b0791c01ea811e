import type { RiskTier } from '@contracts/vendors.js';
import { riskTierColors } from '../../components/VendorBadges.js';
import type { MapNode } from './data-map-layout.js';

/** The tier's Mantine colour, as the vendor pages use it; `dark` when a vendor is unrated. */
export function tierColor(tier: string | null): string {
  return (tier && riskTierColors[tier as RiskTier]) || 'dark';
}

/** The Mantine colour for a node: the shop in the brand colour, vendors by risk tier. */
export function nodeColor(node: MapNode): string {
  return node.type === 'shop' ? 'blue' : tierColor(node.riskTier);
}
