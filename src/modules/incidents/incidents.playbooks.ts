import type { Playbook } from '../../contracts/incidents.js';

/**
 * The built-in playbooks. A task's due time counts from a trigger time of the incident, so it
 * moves when that time is set or corrected; a task without one has no deadline. The 72 hours
 * after awareness are GDPR Art. 33's; the breach notification module works the legal duties
 * out exactly, these tasks make sure someone asks in time.
 */
export const PLAYBOOKS: readonly Playbook[] = [
  {
    key: 'vendor-compromise',
    version: 1,
    title: 'Third-party vendor compromise',
    description: 'A vendor that holds or reaches our customer data has been breached.',
    tasks: [
      {
        key: 'revoke-access',
        title: "Revoke the vendor's credentials and API keys",
        role: 'security',
        due: { from: 'detected', hours: 2 },
        checklist: [
          'Revoke every key and token the vendor holds',
          'Rotate secrets the vendor could have read',
          'Confirm in the logs that nothing authenticates with the old credentials',
        ],
      },
      {
        key: 'confirm-with-vendor',
        title: 'Confirm the compromise and its reach with the vendor',
        role: 'vendor_management',
        due: { from: 'detected', hours: 4 },
        checklist: [
          "Ask for the vendor's incident report and timeline",
          'Ask which of our systems and data were reachable',
          'Agree a contact person and an update schedule',
        ],
      },
      {
        key: 'record-awareness',
        title: 'Decide and record when we became aware',
        role: 'owner',
        description:
          'GDPR’s 72 hours and other clocks start from this time: record it with its source.',
        due: { from: 'detected', hours: 24 },
        checklist: [],
      },
      {
        key: 'preserve-evidence',
        title: 'Preserve the evidence',
        role: 'security',
        due: { from: 'detected', hours: 24 },
        checklist: [
          "Export the vendor's access logs for the exposure window",
          'Store each file in the incident with its hash',
          'Record who handed over what, and when',
        ],
      },
      {
        key: 'scope-customers',
        title: 'Scope the affected customers from the data map',
        role: 'owner',
        due: { from: 'aware', hours: 24 },
        checklist: [
          'Set the exposure window',
          'Compute the scope for the vendor and its integrations',
        ],
      },
      {
        key: 'assess-notification',
        title: 'Assess notification duties',
        role: 'legal',
        due: { from: 'aware', hours: 48 },
        checklist: [
          'Supervisory authority (GDPR Art. 33, 72 hours from awareness)',
          'Affected customers (Art. 34 and state laws)',
          'Card brands, if card data was involved',
        ],
      },
      {
        key: 'vendor-notice',
        title: "Record the vendor's breach notice against its contract",
        role: 'vendor_management',
        due: { from: 'detected', hours: 72 },
        checklist: ['Record when the notice arrived', 'Keep the notice verbatim in the timeline'],
      },
      {
        key: 'vendor-review',
        title: 'Review the vendor relationship',
        role: 'vendor_management',
        description:
          'Suspend or offboard the integration, reassess the vendor, consider legal action.',
        due: null,
        checklist: [],
      },
      lessonsLearned(),
    ],
  },
  {
    key: 'credential-stuffing',
    version: 1,
    title: 'Credential stuffing',
    description: 'Leaked passwords are being tried against customer accounts.',
    tasks: [
      {
        key: 'block-sources',
        title: 'Block the attacking sources',
        role: 'security',
        due: { from: 'detected', hours: 1 },
        checklist: [
          "Load Cordon's blocklist into the firewall or WAF",
          'Watch the failed-login rate fall back to its baseline',
        ],
      },
      {
        key: 'reset-taken-over',
        title: 'Force password resets for taken-over accounts',
        role: 'security',
        due: { from: 'detected', hours: 4 },
        checklist: ['Reset the accounts on the reset list', 'End their sessions'],
      },
      {
        key: 'reset-targeted',
        title: 'Force resets or warn the other targeted accounts',
        role: 'security',
        due: { from: 'detected', hours: 24 },
        checklist: [],
      },
      {
        key: 'check-fraud',
        title: 'Look for fraud on taken-over accounts',
        role: 'security',
        due: { from: 'detected', hours: 48 },
        checklist: ['Orders', 'Changed addresses and emails', 'Stored payment methods'],
      },
      {
        key: 'harden-login',
        title: 'Harden the login',
        role: 'engineering',
        due: { from: 'detected', hours: 72 },
        checklist: ['Rate limits per account and per network', 'MFA or a challenge on risk'],
      },
      {
        key: 'assess-notification',
        title: 'Assess notification duties',
        role: 'legal',
        due: { from: 'aware', hours: 48 },
        checklist: ['Supervisory authority', 'Affected customers'],
      },
      {
        key: 'tell-customers',
        title: 'Tell affected customers what happened and what to do',
        role: 'communications',
        due: { from: 'aware', hours: 72 },
        checklist: [],
      },
      lessonsLearned(),
    ],
  },
  {
    key: 'vendor-api-exfiltration',
    version: 1,
    title: 'Customer data exfiltration through a vendor API',
    description: "A vendor's API key pulls far more data, or other data, than it should.",
    tasks: [
      {
        key: 'revoke-key',
        title: "Revoke the integration's API key",
        role: 'security',
        due: { from: 'detected', hours: 1 },
        checklist: [],
      },
      {
        key: 'preserve-logs',
        title: 'Preserve the API access logs',
        role: 'security',
        due: { from: 'detected', hours: 24 },
        checklist: ['Export the logs for the exposure window', 'Store them with their hashes'],
      },
      {
        key: 'demand-report',
        title: 'Ask the vendor for its breach notice and report',
        role: 'vendor_management',
        due: { from: 'detected', hours: 24 },
        checklist: [],
      },
      {
        key: 'scope-pull',
        title: 'Establish which customers and categories were pulled',
        role: 'owner',
        due: { from: 'aware', hours: 24 },
        checklist: ['Compare the categories with the declared scope and the DPA'],
      },
      {
        key: 'assess-notification',
        title: 'Assess notification duties',
        role: 'legal',
        due: { from: 'aware', hours: 48 },
        checklist: ['Supervisory authority', 'Affected customers'],
      },
      lessonsLearned(),
    ],
  },
  {
    key: 'escalated-vulnerability-report',
    version: 1,
    title: 'Escalated vulnerability report',
    description: 'A reported flaw was exploitable, or was exploited.',
    tasks: [
      {
        key: 'reproduce',
        title: 'Reproduce and confirm the flaw',
        role: 'engineering',
        due: { from: 'detected', hours: 24 },
        checklist: [],
      },
      {
        key: 'look-for-exploitation',
        title: 'Look for exploitation in the logs',
        role: 'security',
        due: { from: 'detected', hours: 48 },
        checklist: ['Search the access logs since the flaw shipped'],
      },
      {
        key: 'fix',
        title: 'Ship a fix or a mitigation',
        role: 'engineering',
        due: { from: 'detected', hours: 72 },
        checklist: [],
      },
      {
        key: 'update-researcher',
        title: 'Keep the researcher informed',
        role: 'security',
        due: { from: 'detected', hours: 72 },
        checklist: [],
      },
      {
        key: 'assess-notification',
        title: 'Assess notification duties if data was reached',
        role: 'legal',
        due: { from: 'aware', hours: 48 },
        checklist: [],
      },
      lessonsLearned(),
    ],
  },
];

function lessonsLearned(): Playbook['tasks'][number] {
  return {
    key: 'lessons-learned',
    title: 'Hold the lessons-learned review',
    role: 'owner',
    due: null,
    checklist: ['What went well', 'What to change', 'Action items with owners'],
  };
}

export function playbookOf(key: string): Playbook | undefined {
  return PLAYBOOKS.find((playbook) => playbook.key === key);
}
