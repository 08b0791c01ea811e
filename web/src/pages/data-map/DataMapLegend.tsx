import { Badge, Group, Text } from '@mantine/core';
import { RISK_TIERS } from '@contracts/vendors.js';
import { tierColor } from './tiers.js';

/** What the node colours mean. */
export function DataMapLegend() {
  return (
    <Group gap={6} pb={6} aria-label="Colour legend">
      <Text size="xs" c="dimmed">
        Risk tier:
      </Text>
      {RISK_TIERS.map((tier) => (
        <Badge key={tier} color={tierColor(tier)} variant="light" size="sm">
          {tier}
        </Badge>
      ))}
      <Badge color="dark" variant="light" size="sm">
        unrated
      </Badge>
    </Group>
  );
}
