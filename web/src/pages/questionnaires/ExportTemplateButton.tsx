import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { downloadTemplateExport } from './exportDownload.js';

export function ExportTemplateButton({ id, name }: { id: string; name: string }) {
  const [busy, setBusy] = useState(false);

  async function download() {
    setBusy(true);
    try {
      const fileName = await downloadTemplateExport(id);
      notifications.show({ color: 'teal', message: `Downloaded ${fileName}.` });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Export failed',
        message: error instanceof ApiError ? error.message : 'Please try again.',
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Button
      size="xs"
      variant="default"
      leftSection={<IconDownload size={14} aria-hidden />}
      loading={busy}
      onClick={() => void download()}
      aria-label={`Export ${name} as JSON`}
    >
      Export JSON
    </Button>
  );
}
