import { Group, Text, ThemeIcon } from '@mantine/core';
import { IconShieldLock } from '@tabler/icons-react';

export function BrandMark() {
  return (
    <Group gap="xs" wrap="nowrap">
      <ThemeIcon size="md" radius="md" aria-hidden>
        <IconShieldLock size={18} />
      </ThemeIcon>
      <Text fw={700} size="lg">
        Cordon
      </Text>
    </Group>
  );
}
