import { Badge } from '@mantine/core';
import type { AssessmentStatus, FindingStatus } from '@contracts/assessments.js';
import type { Severity } from '@contracts/questionnaires.js';
import { humanize } from '../pages/vendors/labels.js';

export const assessmentStatusColors: Record<AssessmentStatus, string> = {
  draft: 'gray',
  sent: 'blue',
  overdue: 'red',
  submitted: 'violet',
  decided: 'teal',
  cancelled: 'dark',
};

export const severityColors: Record<Severity, string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'gray',
};

export const findingStatusColors: Record<FindingStatus, string> = {
  open: 'red',
  remediation_planned: 'blue',
  fixed: 'teal',
  accepted: 'gray',
};

/** Residual risk levels share the tier palette: the same words mean the same colours. */
export const residualLevelColors: Record<'low' | 'medium' | 'high' | 'critical', string> = {
  critical: 'red',
  high: 'orange',
  medium: 'yellow',
  low: 'teal',
};

export type QuestionOutcome = 'met' | 'short' | 'unanswered' | 'not_applicable' | 'unscored';
export const outcomeColors: Record<QuestionOutcome, string> = {
  met: 'teal',
  short: 'red',
  unanswered: 'orange',
  not_applicable: 'gray',
  unscored: 'gray',
};

export function AssessmentStatusBadge({ status }: { status: AssessmentStatus }) {
  return (
    <Badge color={assessmentStatusColors[status]} variant="light" aria-label={`Status ${status}`}>
      {humanize(status)}
    </Badge>
  );
}

export function SeverityBadge({ severity }: { severity: Severity }) {
  return (
    <Badge color={severityColors[severity]} variant="filled" aria-label={`Severity ${severity}`}>
      {severity}
    </Badge>
  );
}

export function FindingStatusBadge({ status }: { status: FindingStatus }) {
  return (
    <Badge color={findingStatusColors[status]} variant="light">
      {humanize(status)}
    </Badge>
  );
}
