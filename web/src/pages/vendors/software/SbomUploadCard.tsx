import { Alert, Button, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useUploadSbom, type SbomUploadResult } from '../../../api/exposure.js';
import { fetchIntegrations, vendorKeys, type VendorSummary } from '../../../api/vendors.js';
import { formatCount } from '../../../components/counts.js';
import { FormError } from '../../../components/FormError.js';
import { JsonFileField } from './JsonFileField.js';

// Select values must be non-empty strings, so "the vendor as a whole" gets a name.
const WHOLE_VENDOR = 'whole-vendor';
const maxBytes = 25 * 1024 * 1024;
/**
 * Uploads a CycloneDX or SPDX JSON SBOM. It replaces the components of its scope (one
 * integration, or the vendor as a whole) and is matched against the advisories at once.
 */
export function SbomUploadCard({ vendor }: { vendor: VendorSummary }) {
  const integrations = useQuery({
    queryKey: vendorKeys.part(vendor.id, 'integrations'),
    queryFn: () => fetchIntegrations(vendor.id),
  });
  const [scope, setScope] = useState(WHOLE_VENDOR);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const upload = useUploadSbom(vendor.id);
  const scopeOptions = [
    { value: WHOLE_VENDOR, label: 'Whole vendor' },
    ...(integrations.data ?? []).map((item) => ({ value: item.id, label: item.name })),
  ];

  function submit(event: FormEvent) {
    event.preventDefault();
    const problem = !file
      ? 'Choose an SBOM file to upload'
      : file.size > maxBytes
        ? `${file.name} is larger than 25 MB`
        : null;
    setFileError(problem);
    if (!file || problem) return;
    upload.mutate({ file, integrationId: scope === WHOLE_VENDOR ? null : scope });
  }

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Upload an SBOM
        </Title>
        <Text size="sm" c="dimmed">
          CycloneDX 1.2–1.6 or SPDX 2.2/2.3, as JSON. An upload replaces the components recorded for
          its scope; anything missing from it counts as removed.
        </Text>
        <Group align="end" wrap="wrap">
          <Select
            label="Scope"
            description="The integration this software runs"
            data={scopeOptions}
            value={scope}
            onChange={(value) => setScope(value ?? WHOLE_VENDOR)}
            allowDeselect={false}
            disabled={upload.isPending}
            w={240}
          />
          <JsonFileField
            label="SBOM file"
            placeholder="bom.json"
            accept=".json,application/json,application/vnd.cyclonedx+json,application/spdx+json"
            testId="sbom-file"
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
            loading={upload.isPending}
            leftSection={<IconUpload size={16} aria-hidden />}
          >
            Upload SBOM
          </Button>
        </Group>
        {upload.isError && (
          <FormError message={upload.error.message} title="The SBOM was refused" />
        )}
        {upload.isSuccess && <UploadSucceeded result={upload.data} />}
      </Stack>
    </Paper>
  );
}

function UploadSucceeded({ result }: { result: SbomUploadResult }) {
  return (
    <Alert
      color="teal"
      variant="light"
      icon={<IconCircleCheck aria-hidden />}
      title="SBOM uploaded"
    >
      {result.fileName}: {formatCount(result.componentCount)} components ({result.added} added,{' '}
      {result.removed} removed, {result.changed} changed). {formatCount(result.findingsOpened)} new
      findings, {formatCount(result.findingsFixed)} fixed.
    </Alert>
  );
}
