import {
  Anchor,
  Badge,
  Button,
  Checkbox,
  Group,
  Loader,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { getRouteApi } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import {
  useAdvisory,
  usePublishAdvisory,
  useSaveAdvisory,
  type Advisory,
  type Severity,
} from '../../api/reports.js';
import { FormError } from '../../components/FormError.js';
import { LocalTime } from '../../components/LocalTime.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { formatDate } from '../../lib/format.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { fieldErrorsOf, lines, SeverityBadge, severityOptions } from './labels.js';

const route = getRouteApi('/signed-in/disclosure/advisories/$advisoryId');

const FIELDS = [
  'title',
  'summary',
  'details',
  'product',
  'affectedVersions',
  'fixedVersions',
  'remediation',
  'cvss',
  'severity',
  'cwe',
  'references',
  'creditResearcher',
] as const;

/** One advisory: its fields, publication and, once published, its public exports. */
export function AdvisoryPage() {
  const { advisoryId } = route.useParams();
  const advisory = useAdvisory(advisoryId);
  if (advisory.isPending) return <Loader aria-label="Loading the advisory" />;
  if (advisory.isError)
    return <QueryError error={advisory.error} onRetry={() => void advisory.refetch()} />;
  return <AdvisoryView key={advisory.data.updatedAt} advisory={advisory.data} />;
}

function AdvisoryView({ advisory }: { advisory: Advisory }) {
  const { canWrite } = useVendorRole();
  const save = useSaveAdvisory(advisory.id);
  const publish = usePublishAdvisory(advisory.id);
  const c = advisory.content;
  const [values, setValues] = useState({
    title: c.title,
    summary: c.summary,
    details: c.details,
    product: c.product,
    affectedVersions: c.affectedVersions.join('\n'),
    fixedVersions: c.fixedVersions.join('\n'),
    remediation: c.remediation,
    cvss: c.cvss ?? '',
    severity: c.severity as string | null,
    cwe: c.cwe ?? '',
    references: c.references.join('\n'),
    creditResearcher: c.creditResearcher,
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const published = advisory.status === 'published';

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    save.mutate(
      {
        title: values.title.trim(),
        summary: values.summary,
        details: values.details,
        product: values.product.trim(),
        affectedVersions: lines(values.affectedVersions),
        fixedVersions: lines(values.fixedVersions),
        remediation: values.remediation,
        cvss: values.cvss.trim() || null,
        severity: values.cvss.trim() ? null : ((values.severity as Severity | null) ?? null),
        cwe: values.cwe.trim() || null,
        references: lines(values.references),
        creditResearcher: values.creditResearcher,
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: 'Advisory saved.' }),
        onError: (e) => {
          const found = fieldErrorsOf(e, FIELDS);
          setErrors(found.fields);
          setFormError(found.message);
        },
      },
    );
  }

  const text = (key: 'title' | 'product' | 'cvss' | 'cwe', label: string, description?: string) => (
    <TextInput
      label={label}
      description={description}
      value={values[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={errors[key]}
      readOnly={!canWrite}
    />
  );
  const area = (
    key:
      'summary' | 'details' | 'remediation' | 'affectedVersions' | 'fixedVersions' | 'references',
    label: string,
    description?: string,
  ) => (
    <Textarea
      label={label}
      description={description}
      autosize
      minRows={2}
      value={values[key]}
      onChange={(e) => set(key, e.currentTarget.value)}
      error={errors[key]}
      readOnly={!canWrite}
    />
  );

  return (
    <>
      <PageHeader
        title={`Advisory ${advisory.id}`}
        description={
          <>
            <Badge variant="light" color={published ? 'green' : 'gray'} mr="xs">
              {published ? 'Published' : 'Draft'}
            </Badge>
            {published && (
              <>
                Published <LocalTime iso={advisory.publishedAt} />
              </>
            )}
          </>
        }
        actions={
          <Group gap="sm">
            {advisory.reportId && (
              <AnchorLink
                to="/disclosure/reports/$reportId"
                params={{ reportId: advisory.reportId }}
              >
                Open the report
              </AnchorLink>
            )}
            <AnchorLink to="/disclosure/advisories">All advisories</AnchorLink>
          </Group>
        }
      />
      <Stack gap="lg">
        <Paper withBorder radius="md" p="md">
          <Group gap="md">
            <SeverityBadge severity={advisory.severity} />
            {advisory.cvss && (
              <Text size="sm">
                CVSS {advisory.cvss.version} {advisory.cvss.score.toFixed(1)}
              </Text>
            )}
            {advisory.cwe && (
              <Text size="sm">
                {advisory.cwe.id} {advisory.cwe.name}
              </Text>
            )}
            {advisory.credit.length > 0 && (
              <Text size="sm">Credit: {advisory.credit.join(', ')}</Text>
            )}
          </Group>
          {published && (
            <Group gap="md" mt="sm">
              <Anchor href={advisory.links.csaf} target="_blank" rel="noreferrer">
                CSAF document
              </Anchor>
              <Anchor href={advisory.links.osv} target="_blank" rel="noreferrer">
                OSV record
              </Anchor>
            </Group>
          )}
          {canWrite && !published && (
            <Stack gap="xs" mt="sm">
              <FormError message={publish.error?.message} title="The advisory was not published" />
              <Group>
                <Button
                  color="green"
                  loading={publish.isPending}
                  onClick={() =>
                    publish.mutate(undefined, {
                      onSuccess: () =>
                        notifications.show({ color: 'teal', message: 'Advisory published.' }),
                    })
                  }
                >
                  Publish advisory
                </Button>
              </Group>
            </Stack>
          )}
        </Paper>
        <Paper withBorder radius="md" p="md">
          <form onSubmit={submit} noValidate aria-label="Advisory fields">
            <Stack gap="sm">
              <FormError message={formError} title="The advisory was not saved" />
              {published && (
                <Text size="sm" c="dimmed">
                  Saving a published advisory adds a revision to its public history.
                </Text>
              )}
              {text('title', 'Title')}
              {area('summary', 'Summary', 'Plain text, written for the public')}
              {area('details', 'Details')}
              {text('product', 'Product', 'As the public knows it, e.g. “ShopCo storefront”')}
              <SimpleGrid cols={{ base: 1, md: 2 }}>
                {area('affectedVersions', 'Affected versions', 'One per line')}
                {area('fixedVersions', 'Fixed versions', 'One per line')}
              </SimpleGrid>
              {area('remediation', 'Remediation')}
              <SimpleGrid cols={{ base: 1, md: 3 }}>
                {text('cvss', 'CVSS vector', 'With one, the severity follows from it')}
                <Select
                  label="Severity"
                  data={severityOptions}
                  value={values.severity}
                  onChange={(value) => set('severity', value)}
                  disabled={Boolean(values.cvss.trim()) || !canWrite}
                  clearable
                  error={errors.severity}
                />
                {text('cwe', 'CWE', 'e.g. CWE-639')}
              </SimpleGrid>
              {area('references', 'References', 'https URLs, one per line')}
              <Checkbox
                label="Credit the reporting researcher (if they opted in)"
                checked={values.creditResearcher}
                onChange={(e) => set('creditResearcher', e.currentTarget.checked)}
                disabled={!canWrite}
              />
              {canWrite && (
                <Group>
                  <Button type="submit" loading={save.isPending}>
                    Save advisory
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        </Paper>
        {advisory.revisions.length > 0 && (
          <Paper withBorder radius="md" p="md">
            <Table aria-label="Revisions">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Revision</Table.Th>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Summary</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {advisory.revisions.map((r) => (
                  <Table.Tr key={r.number}>
                    <Table.Td>{r.number}</Table.Td>
                    <Table.Td>
                      <time dateTime={r.date}>{formatDate(r.date)}</time>
                    </Table.Td>
                    <Table.Td>{r.summary}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        )}
      </Stack>
    </>
  );
}
