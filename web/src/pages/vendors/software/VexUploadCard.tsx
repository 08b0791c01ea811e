import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconUpload } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useUploadVex, type VexResult } from '../../../api/exposure.js';
import type { VendorSummary } from '../../../api/vendors.js';
import { formatCount } from '../../../components/counts.js';
import { FormError } from '../../../components/FormError.js';
import { JsonFileField } from './JsonFileField.js';

/** The vendor's own CycloneDX VEX: findings it says do not affect it are marked so. */
export function VexUploadCard({ vendor }: { vendor: VendorSummary }) {
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useUploadVex(vendor.id);

  function submit(event: FormEvent) {
    event.preventDefault();
    setFileError(file ? null : 'Choose a VEX file to upload');
    if (file) upload.mutate(file);
  }

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Import a VEX statement
        </Title>
        <Text size="sm" c="dimmed">
          A CycloneDX VEX document from {vendor.legalName}. Findings it marks as not affected are
          closed with the vendor&apos;s justification; the rest stay as they are.
        </Text>
        <Group align="end" wrap="wrap">
          <JsonFileField
            label="VEX file"
            placeholder="vex.json"
            accept=".json,application/json,application/vnd.cyclonedx+json"
            testId="vex-file"
            value={file}
            onChange={(next) => {
              setFile(next);
              setFileError(null);
              upload.reset();
            }}
            error={fileError}
            disabled={upload.isPending}
          />
          <Button
            type="submit"
            variant="light"
            loading={upload.isPending}
            leftSection={<IconUpload size={16} aria-hidden />}
          >
            Import VEX
          </Button>
        </Group>
        {upload.isError && <FormError message={upload.error.message} title="The VEX was refused" />}
        {upload.isSuccess && <VexImported result={upload.data} />}
      </Stack>
    </Paper>
  );
}

function VexImported({ result }: { result: VexResult }) {
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title="VEX imported">
      {formatCount(result.statements)} statements read; {formatCount(result.findingsUpdated)}{' '}
      findings updated.
    </Alert>
  );
}
