import type { Condition, Question, Severity } from '../../contracts/questionnaires.js';

/**
 * The built-in questionnaire, in Cordon's own words (no licensed question bank is copied).
 * Every question is in the full template; those marked `lite` also make the short one for
 * low tiers. Weights: 3 for controls whose absence alone makes a breach likely, 2 for strong
 * controls, 1 for hygiene, 0 for information only.
 */
export interface LibraryQuestion extends Question {
  lite: boolean;
}
export interface LibrarySection {
  key: string;
  title: string;
  description: string;
  questions: LibraryQuestion[];
}

interface Extra {
  lite?: boolean;
  weight?: number;
  help?: string;
  showIf?: Condition;
  required?: boolean;
  remediation?: string;
}

const base = (key: string, text: string, extra: Extra) => ({
  key,
  text,
  help: extra.help ?? '',
  options: [] as { key: string; label: string }[],
  required: extra.required ?? true,
  weight: extra.weight ?? 1,
  showIf: extra.showIf ?? null,
  lite: extra.lite ?? false,
});
const finding = (title: string, severity: Severity, extra: Extra) => ({
  title,
  severity,
  remediation: extra.remediation ?? '',
});
const when = (question: string, ...anyOf: string[]): Condition => ({ question, anyOf });

/** A yes/no/n.a. question where "yes" is the good answer ("no" when `good` says so). */
function yesNo(
  key: string,
  text: string,
  shortfall: [string, Severity],
  extra: Extra & { good?: 'yes' | 'no' } = {},
): LibraryQuestion {
  return {
    ...base(key, text, extra),
    type: 'yes_no_na',
    expected: { kind: 'one_of', values: [extra.good ?? 'yes'] },
    finding: finding(shortfall[0], shortfall[1], extra),
  };
}

function choice(
  key: string,
  text: string,
  options: [string, string][],
  good: string[] | null,
  shortfall: [string, Severity] | null,
  extra: Extra & { multi?: boolean } = {},
): LibraryQuestion {
  const multi = extra.multi ?? false;
  return {
    ...base(key, text, extra),
    type: multi ? 'multi_choice' : 'single_choice',
    options: options.map(([optionKey, label]) => ({ key: optionKey, label })),
    expected: good && { kind: multi ? 'includes_all' : 'one_of', values: good },
    finding: shortfall && finding(shortfall[0], shortfall[1], extra),
    weight: good ? (extra.weight ?? 1) : 0,
  };
}

function atMost(
  key: string,
  text: string,
  limit: number,
  shortfall: [string, Severity],
  extra: Extra = {},
): LibraryQuestion {
  return {
    ...base(key, text, extra),
    type: 'number',
    expected: { kind: 'at_most', value: limit },
    finding: finding(shortfall[0], shortfall[1], extra),
  };
}

function validUntil(key: string, text: string, shortfall: [string, Severity], extra: Extra) {
  return {
    ...base(key, text, extra),
    type: 'date' as const,
    expected: { kind: 'not_past' as const },
    finding: finding(shortfall[0], shortfall[1], extra),
  };
}

function evidence(key: string, text: string, shortfall: [string, Severity], extra: Extra) {
  return {
    ...base(key, text, { required: false, ...extra }),
    type: 'file' as const,
    expected: { kind: 'provided' as const },
    finding: finding(shortfall[0], shortfall[1], extra),
  };
}

function freeText(key: string, text: string, extra: Extra = {}): LibraryQuestion {
  return {
    ...base(key, text, extra),
    type: 'text',
    expected: { kind: 'provided' },
    finding: null,
  };
}

const lite = { lite: true };

export const LIBRARY: LibrarySection[] = [
  {
    key: 'encryption',
    title: 'Encryption and key management',
    description: 'How customer data is protected when stored and when it moves.',
    questions: [
      yesNo(
        'enc_at_rest',
        'Is customer data encrypted at rest everywhere it is stored, including backups and object storage?',
        ['Customer data is not encrypted at rest', 'high'],
        { ...lite, weight: 3 },
      ),
      choice(
        'enc_at_rest_cipher',
        'Which cipher protects data at rest?',
        [
          ['aes_256', 'AES-256'],
          ['aes_128', 'AES-128'],
          ['other', 'Something else'],
          ['unknown', 'We do not know'],
        ],
        ['aes_256', 'aes_128'],
        ['At-rest encryption uses a weak or unknown cipher', 'medium'],
        { showIf: when('enc_at_rest', 'yes') },
      ),
      yesNo(
        'enc_in_transit',
        'Is every connection that carries customer data, internal ones included, encrypted with TLS 1.2 or later?',
        ['Customer data travels unencrypted', 'high'],
        { ...lite, weight: 3 },
      ),
      choice(
        'key_storage',
        'Where are the encryption keys kept?',
        [
          ['hsm', 'A hardware security module'],
          ['cloud_kms', "A cloud provider's key-management service"],
          ['app_config', 'In application configuration or environment variables'],
          ['none', 'There is no separate key store'],
        ],
        ['hsm', 'cloud_kms'],
        ['Encryption keys are not held in a key-management service', 'medium'],
        { weight: 2 },
      ),
      yesNo(
        'key_rotation',
        'Are keys rotated on a schedule, and at once after a suspected exposure?',
        ['Encryption keys are not rotated', 'low'],
      ),
    ],
  },
  {
    key: 'network',
    title: 'Network security and firewalls',
    description: 'What can reach the systems that hold customer data.',
    questions: [
      yesNo(
        'net_default_deny',
        'Do firewalls or security groups deny inbound traffic by default and allow only what each service needs?',
        ['Firewalls do not deny by default', 'high'],
        { ...lite, weight: 2 },
      ),
      yesNo(
        'net_admin_exposed',
        'Can administrative interfaces (SSH, RDP, database consoles, admin panels) be reached from the internet?',
        ['Administrative interfaces are exposed to the internet', 'high'],
        { ...lite, good: 'no', weight: 3 },
      ),
      yesNo(
        'net_segmentation',
        'Are the systems that hold customer data on networks separate from office and development networks?',
        ['Systems holding customer data are not segmented', 'medium'],
      ),
      yesNo(
        'net_monitoring',
        'Is network traffic watched for intrusions (IDS/IPS or equivalent), with alerts someone answers?',
        ['No network intrusion monitoring', 'medium'],
      ),
    ],
  },
  {
    key: 'patching',
    title: 'Patch and vulnerability management',
    description: 'How quickly known weaknesses in your software are closed.',
    questions: [
      atMost(
        'patch_critical_days',
        'Within how many days of release are critical security patches applied in production?',
        30,
        ['Critical patches take more than 30 days', 'high'],
        { ...lite, weight: 3, help: 'Count from the day the fix is published.' },
      ),
      atMost(
        'patch_high_days',
        'Within how many days are high-severity security patches applied in production?',
        60,
        ['High-severity patches take more than 60 days', 'medium'],
        { weight: 2 },
      ),
      yesNo(
        'patch_supported_versions',
        'Does every production system run a version its maker still supports with security updates?',
        ['Production runs software its maker no longer supports', 'high'],
        { ...lite, weight: 3 },
      ),
      choice(
        'patch_scan_frequency',
        'How often are your systems scanned for known vulnerabilities?',
        [
          ['continuous', 'Continuously'],
          ['weekly', 'Weekly'],
          ['monthly', 'Monthly'],
          ['quarterly', 'Quarterly'],
          ['never', 'Not at all'],
        ],
        ['continuous', 'weekly', 'monthly'],
        ['Vulnerability scans are rare or absent', 'medium'],
        { weight: 2 },
      ),
      yesNo(
        'patch_sbom',
        'Will you give us a software bill of materials (CycloneDX or SPDX) for the software that handles our data?',
        ['No software bill of materials offered', 'low'],
        lite,
      ),
      evidence(
        'patch_sbom_file',
        'Upload the software bill of materials.',
        ['Software bill of materials promised but not provided', 'low'],
        { ...lite, showIf: when('patch_sbom', 'yes') },
      ),
      // Read by the exposure module: each CPE name or package URL becomes a declared product.
      freeText(
        'patch_products',
        'Which software products and versions handle our data? Name each by CPE 2.3 name or package URL where you can (e.g. cpe:2.3:a:redhat:keycloak:10.0.2:*:*:*:*:*:*:*).',
        { ...lite, required: false, weight: 0 },
      ),
    ],
  },
  {
    key: 'development',
    title: 'Secure development',
    description: 'How security is built into the software you ship.',
    questions: [
      yesNo(
        'dev_code_review',
        'Is every change reviewed by someone other than its author before it is released?',
        ['Changes are released without independent review', 'medium'],
      ),
      choice(
        'dev_security_testing',
        'Which security testing do you do?',
        [
          ['static_analysis', 'Static code analysis'],
          ['dependency_scanning', 'Scanning of third-party dependencies'],
          ['dynamic_testing', 'Dynamic application testing'],
          ['penetration_test', 'External penetration tests'],
        ],
        ['dependency_scanning', 'penetration_test'],
        ['No dependency scanning or external penetration testing', 'medium'],
        { multi: true, weight: 2, required: false },
      ),
      {
        ...base('dev_last_pentest', 'When did the last external penetration test end?', {
          showIf: when('dev_security_testing', 'penetration_test'),
          weight: 0,
        }),
        type: 'date',
        expected: null,
        finding: null,
      },
      yesNo(
        'dev_secrets',
        'Are secrets kept out of source code, and is every commit scanned for them?',
        ['Secrets may sit in source code', 'medium'],
      ),
    ],
  },
  {
    key: 'access',
    title: 'Access control and MFA',
    description: 'Who can reach customer data, and how they prove who they are.',
    questions: [
      yesNo(
        'access_mfa_admin',
        'Is multi-factor authentication required for all administrative and production access?',
        ['No MFA on admin access', 'high'],
        { ...lite, weight: 3 },
      ),
      yesNo(
        'access_mfa_staff',
        'Is multi-factor authentication required for every staff account (email, single sign-on, VPN)?',
        ['Staff accounts do not require MFA', 'medium'],
        { weight: 2 },
      ),
      yesNo(
        'access_least_privilege',
        'Is access to customer data granted by role, limited to need, and reviewed at least every quarter?',
        ['Access to customer data is not limited or reviewed', 'medium'],
        { ...lite, weight: 2 },
      ),
      atMost(
        'access_leaver_hours',
        'Within how many hours of someone leaving is all their access removed?',
        24,
        ['Leavers keep access for more than a day', 'medium'],
      ),
      yesNo(
        'access_logging',
        'Is every access to customer data logged, with the logs kept for at least 12 months?',
        ['Access to customer data is not logged', 'medium'],
      ),
    ],
  },
  {
    key: 'personnel',
    title: 'Personnel security',
    description: 'The people who can reach customer data.',
    questions: [
      yesNo(
        'people_background_checks',
        'Where the law allows, are background checks run on staff who can reach customer data?',
        ['No background checks for staff with data access', 'medium'],
        { ...lite, weight: 2 },
      ),
      choice(
        'people_training',
        'What security awareness training do staff receive?',
        [
          ['onboarding_and_yearly', 'At joining and every year'],
          ['onboarding_only', 'At joining only'],
          ['none', 'None'],
        ],
        ['onboarding_and_yearly'],
        ['Staff are not trained in security every year', 'low'],
        lite,
      ),
      yesNo('people_confidentiality', 'Do all staff and contractors sign confidentiality terms?', [
        'Staff are not bound to confidentiality',
        'low',
      ]),
    ],
  },
  {
    key: 'policies',
    title: 'Policies and procedures',
    description: 'The written rules your security rests on.',
    questions: [
      yesNo(
        'policy_security',
        'Do you have a written information-security policy, approved by management and reviewed every year?',
        ['No approved information-security policy', 'medium'],
        lite,
      ),
      evidence(
        'policy_security_document',
        'Upload the policy, or its table of contents.',
        ['Information-security policy not evidenced', 'low'],
        { showIf: when('policy_security', 'yes') },
      ),
      yesNo(
        'policy_risk_assessment',
        'Is a documented security risk assessment carried out at least once a year?',
        ['No yearly security risk assessment', 'low'],
      ),
      yesNo(
        'policy_supplier_security',
        'Do you assess the security of your own suppliers before you use them?',
        ['Own suppliers are not assessed', 'low'],
      ),
    ],
  },
  {
    key: 'certifications',
    title: 'Compliance certifications',
    description: 'Independent attestations, each with its expiry date and a copy.',
    questions: [
      choice(
        'cert_held',
        'Which of these do you currently hold?',
        [
          ['soc2_type2', 'SOC 2 Type II report'],
          ['iso27001', 'ISO/IEC 27001 certificate'],
          ['pci_dss', 'PCI DSS Attestation of Compliance'],
        ],
        null,
        null,
        { ...lite, multi: true, required: false },
      ),
      validUntil(
        'cert_soc2_valid_until',
        'Until when is your current SOC 2 Type II report valid (the end of its period plus 12 months)?',
        ['SOC 2 report expired', 'high'],
        { ...lite, weight: 2, showIf: when('cert_held', 'soc2_type2') },
      ),
      evidence(
        'cert_soc2_report',
        'Upload the SOC 2 Type II report.',
        ['SOC 2 report not provided', 'medium'],
        {
          ...lite,
          showIf: when('cert_held', 'soc2_type2'),
        },
      ),
      validUntil(
        'cert_iso_valid_until',
        'When does your ISO/IEC 27001 certificate expire?',
        ['ISO 27001 certificate expired', 'high'],
        { ...lite, weight: 2, showIf: when('cert_held', 'iso27001') },
      ),
      evidence(
        'cert_iso_certificate',
        'Upload the ISO/IEC 27001 certificate and its statement of applicability.',
        ['ISO 27001 certificate not provided', 'medium'],
        { ...lite, showIf: when('cert_held', 'iso27001') },
      ),
      validUntil(
        'cert_pci_valid_until',
        'When does your PCI DSS Attestation of Compliance expire?',
        ['PCI DSS attestation expired', 'high'],
        { ...lite, weight: 2, showIf: when('cert_held', 'pci_dss') },
      ),
      evidence(
        'cert_pci_aoc',
        'Upload the PCI DSS Attestation of Compliance.',
        ['PCI DSS attestation not provided', 'medium'],
        { ...lite, showIf: when('cert_held', 'pci_dss') },
      ),
    ],
  },
  {
    key: 'physical',
    title: 'Physical and environmental security',
    description: 'The buildings and rooms where customer data lives.',
    questions: [
      choice(
        'phys_hosting',
        "Where do the systems that hold our customers' data run?",
        [
          ['cloud_provider', 'A major cloud provider'],
          ['certified_colocation', 'A certified colocation data centre'],
          ['own_facility', 'Our own server room'],
          ['office', 'Office premises'],
        ],
        ['cloud_provider', 'certified_colocation'],
        ['Customer data is hosted in an uncertified facility', 'medium'],
        { ...lite, weight: 2 },
      ),
      yesNo(
        'phys_access_control',
        'Is entry to those rooms badge-controlled, logged and reviewed?',
        ['Physical access to server rooms is not controlled', 'medium'],
        { showIf: when('phys_hosting', 'own_facility', 'office') },
      ),
      yesNo(
        'phys_environment',
        'Are those rooms protected against fire, flood and power loss?',
        ['Server rooms lack environmental protection', 'low'],
        { showIf: when('phys_hosting', 'own_facility', 'office') },
      ),
      yesNo(
        'phys_media_disposal',
        'Are disks and devices that held customer data wiped or destroyed securely when retired?',
        ['Retired media are not securely disposed of', 'low'],
      ),
    ],
  },
  {
    key: 'incident_response',
    title: 'Incident response and breach notice',
    description: 'What happens, and whom you tell, when something goes wrong.',
    questions: [
      yesNo(
        'ir_plan',
        'Do you have an incident-response plan, exercised at least once a year?',
        ['No tested incident-response plan', 'medium'],
        { ...lite, weight: 2 },
      ),
      yesNo(
        'ir_breach_notice',
        'Will you commit in the contract to telling us of any breach that affects our data?',
        ['No breach-notice commitment', 'high'],
        { ...lite, weight: 3 },
      ),
      atMost(
        'ir_breach_notice_hours',
        'Within how many hours of becoming aware of such a breach will you tell us?',
        72,
        ['Breach notice slower than 72 hours', 'medium'],
        { ...lite, weight: 2, showIf: when('ir_breach_notice', 'yes') },
      ),
      freeText(
        'ir_contact',
        'Who is your security incident contact, reachable at any hour (role, email and phone)?',
        lite,
      ),
      yesNo(
        'ir_evidence',
        'Do you keep the logs and evidence needed to investigate an incident for at least 12 months?',
        ['Incident evidence is not kept', 'low'],
      ),
    ],
  },
  {
    key: 'continuity',
    title: 'Business continuity',
    description: 'How the service survives an outage or a ransomware attack.',
    questions: [
      yesNo(
        'bc_backups',
        'Are backups taken at least daily, encrypted, kept apart from production, and restored in tests?',
        ['Backups are not reliable or tested', 'medium'],
        { ...lite, weight: 2 },
      ),
      atMost(
        'bc_recovery_hours',
        'Within how many hours can the service we use be restored after a major outage?',
        24,
        ['Recovery takes more than a day', 'low'],
      ),
      yesNo('bc_plan', 'Was your business-continuity plan tested in the last 12 months?', [
        'Business-continuity plan untested',
        'low',
      ]),
    ],
  },
  {
    key: 'retention',
    title: 'Data retention and deletion',
    description: 'How long our customers’ data stays with you.',
    questions: [
      yesNo(
        'ret_minimum',
        'Do you delete our customers’ data once the service no longer needs it?',
        ['Customer data is kept longer than needed', 'medium'],
        lite,
      ),
      atMost(
        'ret_days_after_contract',
        'Within how many days of the contract ending will you delete or return all our data?',
        30,
        ['Data kept more than 30 days after the contract ends', 'medium'],
      ),
      yesNo(
        'ret_deletion_certificate',
        'Will you give us a certificate of deletion on request?',
        ['No certificate of deletion offered', 'low'],
        lite,
      ),
    ],
  },
  {
    key: 'subprocessors',
    title: 'Subprocessors',
    description: 'The third parties you pass our data to.',
    questions: [
      yesNo(
        'sub_list',
        'Do you keep, and share with us, a current list of the subprocessors that handle our data?',
        ['No subprocessor list shared', 'medium'],
        lite,
      ),
      yesNo(
        'sub_change_notice',
        'Will you tell us before adding or replacing a subprocessor, with time to object?',
        ['Subprocessor changes come without notice', 'medium'],
      ),
      yesNo(
        'sub_terms',
        'Are your subprocessors bound by data-protection terms at least as strict as yours?',
        ['Subprocessors are not bound by equal terms', 'low'],
      ),
      freeText(
        'sub_locations',
        'In which countries is our data processed or stored, by you or your subprocessors?',
        lite,
      ),
    ],
  },
  {
    key: 'disclosure',
    title: 'Vulnerability disclosure',
    description: 'How researchers can tell you about a weakness, and what you do then.',
    questions: [
      yesNo(
        'vdp_security_txt',
        'Do you publish a security.txt file (RFC 9116) at /.well-known/security.txt?',
        ['No security.txt published', 'low'],
        lite,
      ),
      {
        ...freeText('vdp_policy_url', 'Where is your vulnerability-disclosure policy published?', {
          required: false,
          showIf: when('vdp_security_txt', 'yes'),
          weight: 0,
        }),
        expected: null,
      },
      atMost(
        'vdp_acknowledge_days',
        'Within how many days do you acknowledge a vulnerability report?',
        7,
        ['Vulnerability reports wait more than a week for an answer', 'low'],
      ),
    ],
  },
];
