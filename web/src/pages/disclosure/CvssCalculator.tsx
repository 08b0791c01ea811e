import { Code, Group, SegmentedControl, SimpleGrid, Stack, Text } from '@mantine/core';
import cvss from 'ae-cvss-calculator';
import { useId } from 'react';
import type { Severity } from '../../api/reports.js';
import { SeverityBadge } from './labels.js';

export type CvssVersion = '3.1' | '4.0';

interface Metric {
  key: string;
  name: string;
  values: { value: string; label: string }[];
}

const v = (value: string, label: string) => ({ value, label });
const NLH = [v('N', 'None'), v('L', 'Low'), v('H', 'High')];

/** The base metrics of each version, in the order its vector string lists them. */
export const CVSS_METRICS: Record<CvssVersion, Metric[]> = {
  '3.1': [
    {
      key: 'AV',
      name: 'Attack vector',
      values: [v('N', 'Network'), v('A', 'Adjacent'), v('L', 'Local'), v('P', 'Physical')],
    },
    { key: 'AC', name: 'Attack complexity', values: [v('L', 'Low'), v('H', 'High')] },
    { key: 'PR', name: 'Privileges required', values: NLH },
    { key: 'UI', name: 'User interaction', values: [v('N', 'None'), v('R', 'Required')] },
    { key: 'S', name: 'Scope', values: [v('U', 'Unchanged'), v('C', 'Changed')] },
    { key: 'C', name: 'Confidentiality', values: NLH },
    { key: 'I', name: 'Integrity', values: NLH },
    { key: 'A', name: 'Availability', values: NLH },
  ],
  '4.0': [
    {
      key: 'AV',
      name: 'Attack vector',
      values: [v('N', 'Network'), v('A', 'Adjacent'), v('L', 'Local'), v('P', 'Physical')],
    },
    { key: 'AC', name: 'Attack complexity', values: [v('L', 'Low'), v('H', 'High')] },
    { key: 'AT', name: 'Attack requirements', values: [v('N', 'None'), v('P', 'Present')] },
    { key: 'PR', name: 'Privileges required', values: NLH },
    {
      key: 'UI',
      name: 'User interaction',
      values: [v('N', 'None'), v('P', 'Passive'), v('A', 'Active')],
    },
    { key: 'VC', name: 'Confidentiality (vulnerable system)', values: NLH },
    { key: 'VI', name: 'Integrity (vulnerable system)', values: NLH },
    { key: 'VA', name: 'Availability (vulnerable system)', values: NLH },
    { key: 'SC', name: 'Confidentiality (subsequent systems)', values: NLH },
    { key: 'SI', name: 'Integrity (subsequent systems)', values: NLH },
    { key: 'SA', name: 'Availability (subsequent systems)', values: NLH },
  ],
};

export type CvssMetrics = Record<string, string>;

/** The version and base metrics of a vector; unknown or other metrics are dropped. */
export function parseVector(vector: string | null | undefined): {
  version: CvssVersion;
  metrics: CvssMetrics;
} {
  const match = /^CVSS:(3\.1|4\.0)\/(.*)$/.exec(vector ?? '');
  const version = (match?.[1] as CvssVersion | undefined) ?? '4.0';
  const metrics: CvssMetrics = {};
  for (const part of (match?.[2] ?? '').split('/')) {
    const [key, value] = part.split(':');
    const metric = CVSS_METRICS[version].find((m) => m.key === key);
    if (metric && value && metric.values.some((option) => option.value === value))
      metrics[metric.key] = value;
  }
  return { version, metrics };
}

/** The vector for chosen metrics, or null while any base metric is still unset. */
export function vectorOf(version: CvssVersion, metrics: CvssMetrics): string | null {
  const parts = CVSS_METRICS[version].map((m) =>
    metrics[m.key] ? `${m.key}:${metrics[m.key]}` : null,
  );
  if (parts.some((part) => part === null)) return null;
  return `CVSS:${version}/${parts.join('/')}`;
}

/** CVSS qualitative rating (the same bands for 3.1 and 4.0). */
export function ratingOf(score: number): Severity {
  if (score === 0) return 'none';
  if (score < 4) return 'low';
  if (score < 7) return 'medium';
  if (score < 9) return 'high';
  return 'critical';
}

export function scoreOf(vector: string | null): number | null {
  if (!vector) return null;
  try {
    const calculator = vector.startsWith('CVSS:4.0/')
      ? new cvss.Cvss4P0(vector)
      : new cvss.Cvss3P1(vector);
    const scores = calculator.calculateScores();
    const score = scores.base ?? scores.overall;
    return typeof score === 'number' && Number.isFinite(score) ? score : null;
  } catch {
    return null;
  }
}

/**
 * The base metrics as segmented controls, with the live vector and score. Each control is a
 * radio group named after its metric, so people (and tests) find it by that name.
 */
export function CvssCalculator({
  version,
  metrics,
  onChange,
  disabled,
}: {
  version: CvssVersion;
  metrics: CvssMetrics;
  onChange: (metrics: CvssMetrics) => void;
  disabled?: boolean;
}) {
  const vector = vectorOf(version, metrics);
  const score = scoreOf(vector);
  const scoreId = useId();
  return (
    <Stack gap="sm">
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
        {CVSS_METRICS[version].map((metric) => (
          <MetricControl
            key={`${version}-${metric.key}`}
            metric={metric}
            value={metrics[metric.key] ?? null}
            disabled={disabled}
            onChange={(value) => onChange({ ...metrics, [metric.key]: value })}
          />
        ))}
      </SimpleGrid>
      <Group gap="sm" aria-live="polite" id={scoreId}>
        <Text size="sm">
          Vector:{' '}
          <Code data-testid="cvss-vector">
            {vector ?? `CVSS:${version}/… (choose every metric)`}
          </Code>
        </Text>
        {score !== null && (
          <Group gap={6}>
            <Text size="sm" fw={700} data-testid="cvss-score">
              {score.toFixed(1)}
            </Text>
            <SeverityBadge severity={ratingOf(score)} />
          </Group>
        )}
      </Group>
    </Stack>
  );
}

function MetricControl({
  metric,
  value,
  onChange,
  disabled,
}: {
  metric: Metric;
  value: string | null;
  onChange: (value: string) => void;
  disabled?: boolean | undefined;
}) {
  const labelId = useId();
  return (
    <div role="group" aria-labelledby={labelId}>
      <Text id={labelId} size="sm" fw={500} mb={2}>
        {metric.name} ({metric.key})
      </Text>
      <SegmentedControl
        size="xs"
        fullWidth
        disabled={disabled}
        // An empty value selects nothing until a metric is chosen.
        value={value ?? ''}
        onChange={onChange}
        data={metric.values}
        name={`cvss-${metric.key}`}
      />
    </div>
  );
}
