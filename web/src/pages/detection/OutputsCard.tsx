import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconPassword } from '@tabler/icons-react';
import { useState } from 'react';
import { blocklistUrl, type BlocklistFormat } from '../../api/detection.js';
import { PasswordResetsModal } from './PasswordResetsModal.js';

const downloads: { format: BlocklistFormat; label: string; fileName: string }[] = [
  { format: 'text', label: 'Text', fileName: 'cordon-blocklist.txt' },
  { format: 'nftables', label: 'nftables', fileName: 'cordon-blocklist.nft' },
  { format: 'json', label: 'JSON', fileName: 'cordon-blocklist.json' },
];

/** What detection hands on: attacking sources to block, and accounts whose password to reset. */
export function OutputsCard() {
  const [showResets, setShowResets] = useState(false);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="outputs-heading">
      <Stack gap="sm">
        <Title order={2} size="h4" id="outputs-heading">
          Blocklist and password resets
        </Title>
        <Text size="sm" c="dimmed">
          The blocklist holds attacking sources, grouped into ranges where they cluster, each until
          it expires. Firewalls and WAFs can fetch the same address with an API token.
        </Text>
        <Group gap="sm">
          {downloads.map((download) => (
            <Button
              key={download.format}
              component="a"
              href={blocklistUrl(download.format)}
              download={download.fileName}
              variant="light"
              leftSection={<IconDownload size={16} aria-hidden />}
              aria-label={`Download blocklist (${download.label})`}
            >
              Blocklist ({download.label})
            </Button>
          ))}
          <Button
            variant="default"
            leftSection={<IconPassword size={16} aria-hidden />}
            onClick={() => setShowResets(true)}
          >
            View password-reset list
          </Button>
        </Group>
      </Stack>
      <PasswordResetsModal opened={showResets} onClose={() => setShowResets(false)} />
    </Paper>
  );
}
