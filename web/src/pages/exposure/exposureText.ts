import {
  ADVISORY_KINDS,
  FINDING_STATUSES,
  SEVERITY_RATINGS,
  type AdvisoryKind,
} from '@contracts/exposure.js';
import { options } from '../vendors/labels.js';

export const findingStatusOptions = options(FINDING_STATUSES);
export const severityOptions = options(SEVERITY_RATINGS);

export const advisoryKindLabels: Record<AdvisoryKind, string> = {
  osv: 'OSV advisories (JSON, NDJSON, .gz or .zip)',
  kev: 'CISA Known Exploited Vulnerabilities catalog',
  nvd: 'NVD CVE JSON 2.0',
};
export const advisoryKindOptions = ADVISORY_KINDS.map((value) => ({
  value,
  label: advisoryKindLabels[value],
}));

/** `tomcat-coyote 8.5.38`: what a person calls the thing that is affected. */
export function componentLabel(item: {
  componentName: string;
  componentVersion: string | null;
}): string {
  return item.componentVersion
    ? `${item.componentName} ${item.componentVersion}`
    : item.componentName;
}

export function ageLabel(days: number): string {
  return days === 1 ? '1 day' : `${days} days`;
}

/** `YYYY-MM-DD` of the local day `days` from today: what a date input shows. */
export function localDayFromNow(days: number): string {
  const date = new Date();
  date.setDate(date.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
