import { Alert, Button, FileInput, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { IconCircleCheck, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useState, type ComponentProps, type FormEvent } from 'react';
import type { AdvisoryKind } from '@contracts/exposure.js';
import { useImportAdvisories, type ImportResult } from '../../api/exposure.js';
import { formatCount } from '../../components/counts.js';
import { FormError } from '../../components/FormError.js';
import { advisoryKindOptions } from './exposureText.js';
import { ImportsTable } from './ImportsTable.js';

const fileInputProps = { 'data-testid': 'advisory-file' } as ComponentProps<'input'>;

/**
 * Admins load advisory feeds by hand (an offline mirror, or between scheduled syncs). An
 * import changes every vendor's findings, so it commits whole or not at all.
 */
export function AdvisoryFeedsCard() {
  const [kind, setKind] = useState<AdvisoryKind>('osv');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const importFeed = useImportAdvisories();

  function submit(event: FormEvent) {
    event.preventDefault();
    setFileError(file ? null : 'Choose an advisory file to import');
    if (file) importFeed.mutate({ kind, file });
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="feeds-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="feeds-heading">
          Advisory feeds
        </Title>
        <Text size="sm" c="dimmed">
          Import an OSV export, the CISA KEV catalog or an NVD CVE file. Findings are matched again
          as soon as the import commits. Files larger than 256 MB go through{' '}
          <code>cordon exposure import</code>.
        </Text>
        <form onSubmit={submit} noValidate>
          <Group align="end" wrap="wrap">
            <Select
              label="Feed kind"
              data={advisoryKindOptions}
              value={kind}
              onChange={(value) => value && setKind(value)}
              allowDeselect={false}
              disabled={importFeed.isPending}
              w={340}
            />
            <FileInput
              label="Advisory file"
              placeholder="advisories.json"
              accept=".json,.ndjson,.jsonl,.gz,.zip,application/json"
              fileInputProps={fileInputProps}
              value={file}
              onChange={(next) => {
                setFile(next);
                setFileError(null);
                importFeed.reset();
              }}
              error={fileError}
              clearable
              leftSection={<IconFileUpload size={16} aria-hidden />}
              w={280}
              disabled={importFeed.isPending}
            />
            <Button
              type="submit"
              loading={importFeed.isPending}
              leftSection={<IconUpload size={16} aria-hidden />}
            >
              Import advisories
            </Button>
          </Group>
        </form>
        {importFeed.isError && (
          <FormError message={importFeed.error.message} title="Nothing was imported" />
        )}
        {importFeed.isSuccess && <Imported result={importFeed.data} />}
        <ImportsTable />
      </Stack>
    </Paper>
  );
}

function Imported({ result }: { result: ImportResult }) {
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title="Imported">
      {result.fileName}: {formatCount(result.records)} records ({formatCount(result.added)} new,{' '}
      {formatCount(result.updated)} updated, {formatCount(result.unchanged)} unchanged);{' '}
      {formatCount(result.findingsOpened)} new findings.
    </Alert>
  );
}
