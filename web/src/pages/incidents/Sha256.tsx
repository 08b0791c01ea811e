import { Code, Group, Text } from '@mantine/core';
import { CopyButton } from '../../components/CopyButton.js';
import { shortHash } from './labels.js';

/** A SHA-256 shortened to tell values apart, the whole of it on hover and to screen readers. */
export function Sha256({
  hash,
  label = 'SHA-256',
  copyable = false,
}: {
  hash: string;
  /** What the hash is of, e.g. "SHA-256 of the customer set". */
  label?: string;
  copyable?: boolean;
}) {
  return (
    <Group gap="xs" wrap="wrap">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Code fz="xs" title={hash} aria-label={`${label} ${hash}`}>
        {shortHash(hash)}
      </Code>
      {copyable && (
        <CopyButton value={hash} label="Copy SHA-256" size="compact-xs" variant="subtle" />
      )}
    </Group>
  );
}
