import { Badge, Group } from '@mantine/core';
import type { ReportState, Severity, SlaClock } from '../../api/reports.js';
import { ApiError } from '../../api/client.js';

export const reportStateLabels: Record<ReportState, string> = {
  new: 'New',
  needs_info: 'Needs info',
  triaged: 'Triaged',
  accepted: 'Accepted',
  duplicate: 'Duplicate',
  informative: 'Informative',
  not_applicable: 'Not applicable',
  spam: 'Spam',
  fixed: 'Fixed',
  disclosed: 'Disclosed',
};

const stateColours: Record<ReportState, string> = {
  new: 'blue',
  needs_info: 'yellow',
  triaged: 'cyan',
  accepted: 'orange',
  duplicate: 'gray',
  informative: 'gray',
  not_applicable: 'gray',
  spam: 'gray',
  fixed: 'teal',
  disclosed: 'green',
};

export const severityLabels: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  none: 'None',
};

const severityColours: Record<Severity, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'blue',
  none: 'gray',
};

export const severityOptions = (Object.keys(severityLabels) as Severity[]).map((value) => ({
  value,
  label: severityLabels[value],
}));

export const clockLabels: Record<SlaClock['clock'], string> = {
  first_response: 'First response',
  triage: 'Triage',
  fix: 'Fix',
};

export function StatusBadge({ status }: { status: ReportState }) {
  return (
    <Badge color={stateColours[status]} variant="light" data-testid="report-status">
      {reportStateLabels[status]}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: Severity | null }) {
  if (!severity) return <>—</>;
  return (
    <Badge color={severityColours[severity]} variant="filled">
      {severityLabels[severity]}
    </Badge>
  );
}

export function OverdueBadges({ clocks }: { clocks: SlaClock['clock'][] }) {
  if (clocks.length === 0) return null;
  return (
    <Group gap={4}>
      {clocks.map((clock) => (
        <Badge key={clock} color="red" variant="outline" size="sm">
          {clockLabels[clock]} overdue
        </Badge>
      ))}
    </Group>
  );
}

/**
 * The server's field issues (`body.contact.email`) by field path without the `body.` prefix,
 * and the message to show above the form for anything that has no field here.
 */
export function fieldErrorsOf(
  error: unknown,
  known: readonly string[],
): { fields: Record<string, string>; message: string | null } {
  if (!(error instanceof ApiError))
    return { fields: {}, message: 'Something unexpected went wrong. Please try again.' };
  const fields: Record<string, string> = {};
  let unplaced = 0;
  for (const issue of error.issues) {
    const key = issue.field.replace(/^body\./, '');
    const match = known.find((name) => key === name || key.startsWith(`${name}.`));
    if (match) fields[match] ??= issue.message;
    else unplaced += 1;
  }
  return {
    fields,
    message: unplaced > 0 || error.issues.length === 0 ? error.message : null,
  };
}

/** One entry per line, blanks dropped. */
export const lines = (value: string) =>
  value
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
