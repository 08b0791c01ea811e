import { Button, Group, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useAssess, type Severity, type TeamReportView } from '../../api/reports.js';
import { FormError } from '../../components/FormError.js';
import { CvssCalculator, parseVector, vectorOf, type CvssVersion } from './CvssCalculator.js';
import { CwePicker } from './CwePicker.js';
import { fieldErrorsOf, lines, severityOptions } from './labels.js';
import { Card } from './ReportCard.js';

export function AssessmentCard({ view }: { view: TeamReportView }) {
  const assess = useAssess(view.id);
  const initial = parseVector(view.cvss?.vector);
  const [version, setVersion] = useState<CvssVersion>(initial.version);
  const [metrics, setMetrics] = useState(initial.metrics);
  const [pasted, setPasted] = useState('');
  const [severity, setSeverity] = useState<Severity | null>(view.severity);
  const [cwe, setCwe] = useState(view.cwe);
  const [assets, setAssets] = useState(view.affectedAssets.join('\n'));
  const [versions, setVersions] = useState(view.affectedVersions.join('\n'));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const vector = vectorOf(version, metrics);

  function applyPasted() {
    const parsed = parseVector(pasted.trim());
    if (!vectorOf(parsed.version, parsed.metrics))
      return setErrors({ cvss: 'is not a complete CVSS 3.1 or 4.0 base vector' });
    setErrors({});
    setVersion(parsed.version);
    setMetrics(parsed.metrics);
    setPasted('');
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    setErrors({});
    setFormError(null);
    assess.mutate(
      {
        cvss: vector,
        severity: vector ? null : severity,
        cwe,
        affectedAssets: lines(assets),
        affectedVersions: lines(versions),
      },
      {
        onSuccess: () => notifications.show({ color: 'teal', message: 'Assessment saved.' }),
        onError: (e) => {
          const found = fieldErrorsOf(e, [
            'cvss',
            'severity',
            'cwe',
            'affectedAssets',
            'affectedVersions',
          ]);
          setErrors(found.fields);
          setFormError(found.message);
        },
      },
    );
  }

  return (
    <Card title="Assessment">
      <form onSubmit={submit} noValidate aria-label="Assessment">
        <Stack gap="sm">
          <FormError message={formError} title="The assessment was not saved" />
          <div role="group" aria-label="CVSS version">
            <Text size="sm" fw={500} mb={2}>
              CVSS version
            </Text>
            <SegmentedControlVersion
              value={version}
              onChange={(next) => {
                setVersion(next);
                setMetrics({});
              }}
            />
          </div>
          <CvssCalculator version={version} metrics={metrics} onChange={setMetrics} />
          {errors.cvss && (
            <Text size="sm" c="red" role="alert">
              CVSS vector {errors.cvss}
            </Text>
          )}
          <Group align="flex-end" gap="xs">
            <TextInput
              label="Paste a vector"
              placeholder="CVSS:4.0/AV:N/…"
              value={pasted}
              onChange={(e) => setPasted(e.currentTarget.value)}
              style={{ flex: 1 }}
              spellCheck={false}
            />
            <Button variant="default" onClick={applyPasted} disabled={!pasted.trim()}>
              Use vector
            </Button>
            <Button variant="subtle" onClick={() => setMetrics({})}>
              Clear
            </Button>
          </Group>
          <Select
            label="Severity"
            description={
              vector ? 'Follows from the CVSS score' : 'Needed only without a CVSS vector'
            }
            data={severityOptions}
            value={severity}
            onChange={(value) => setSeverity(value)}
            disabled={Boolean(vector)}
            clearable
            error={errors.severity}
          />
          <CwePicker value={cwe} onChange={setCwe} error={errors.cwe} />
          <Textarea
            label="Affected assets"
            description="One per line"
            autosize
            minRows={2}
            value={assets}
            onChange={(e) => setAssets(e.currentTarget.value)}
            error={errors.affectedAssets}
          />
          <Textarea
            label="Affected versions"
            description="One per line"
            autosize
            minRows={2}
            value={versions}
            onChange={(e) => setVersions(e.currentTarget.value)}
            error={errors.affectedVersions}
          />
          <Group>
            <Button type="submit" loading={assess.isPending}>
              Save assessment
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function SegmentedControlVersion({
  value,
  onChange,
}: {
  value: CvssVersion;
  onChange: (value: CvssVersion) => void;
}) {
  return (
    <Group gap="xs">
      {(['4.0', '3.1'] as const).map((option) => (
        <Button
          key={option}
          size="xs"
          variant={value === option ? 'filled' : 'default'}
          aria-pressed={value === option}
          onClick={() => onChange(option)}
        >
          CVSS {option}
        </Button>
      ))}
    </Group>
  );
}
