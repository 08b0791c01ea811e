import { Badge, Group, Tooltip } from '@mantine/core';
import { legalFlagInfo, type LegalFlag } from './legal-flags.js';

/** Each flag as a badge; hovering explains it (the legend below the table says the same). */
export function LegalFlagBadges({ flags }: { flags: readonly LegalFlag[] }) {
  return (
    <Group gap={4}>
      {flags.map((flag) => (
        <Tooltip key={flag} label={legalFlagInfo[flag].explanation} multiline w={320} withArrow>
          <Badge size="sm" variant="outline" color="gray" style={{ cursor: 'help' }}>
            {legalFlagInfo[flag].label}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}
