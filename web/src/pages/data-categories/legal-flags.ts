import type { Sensitivity } from '@contracts/datamap.js';
import type { LEGAL_FLAGS } from '@contracts/datamap.js';

export type LegalFlag = (typeof LEGAL_FLAGS)[number];

/**
 * What each legal flag means. The breach-notification rules match on these codes, so the
 * explanation says which law or standard the flag stands for.
 */
export const legalFlagInfo: Record<LegalFlag, { label: string; explanation: string }> = {
  personal_data: {
    label: 'Personal data',
    explanation:
      'Relates to an identified or identifiable person (GDPR and UK GDPR Art. 4(1)). A breach may have to be reported to the supervisory authority within 72 hours (Art. 33).',
  },
  name_element: {
    label: 'Name',
    explanation:
      "A person's name or part of it, such as first initial and last name. US state breach laws cover many kinds of data only when combined with a name.",
  },
  contact: {
    label: 'Contact',
    explanation:
      'Lets someone reach the person (email, phone, postal address). Exposed contact details invite phishing, and they are how breach notices reach people.',
  },
  login_identifier: {
    label: 'Login identifier',
    explanation:
      'Identifies an online account, such as a username or email address. With a login secret it permits access to the account.',
  },
  login_secret: {
    label: 'Login secret',
    explanation:
      'A password, password hash or security answer. With a login identifier it permits access to an online account.',
  },
  us_pi_with_name: {
    label: 'US PI with name',
    explanation:
      'Personal information under US state breach laws when combined with a name, as in Cal. Civ. Code 1798.82(h)(1): a breach of both triggers notice to residents and, above thresholds, the attorney general.',
  },
  us_pi_standalone: {
    label: 'US PI on its own',
    explanation:
      'Personal information under US state breach laws even without a name, as in Cal. Civ. Code 1798.82(h)(2): credentials that permit access to an online account.',
  },
  financial_account: {
    label: 'Financial account',
    explanation:
      'A bank account or payment card number. US state breach laws cover it with a name, and it enables fraud.',
  },
  pci_account_data: {
    label: 'PCI account data',
    explanation:
      'Cardholder data under PCI DSS, such as the full card number (PAN). A compromise must be reported to the card brands and the acquiring bank.',
  },
  online_identifier: {
    label: 'Online identifier',
    explanation:
      'An IP address, cookie or device id. Personal data under GDPR (Recital 30) when it can single a person out.',
  },
  sensitive_personal_info: {
    label: 'Sensitive PI',
    explanation:
      'Sensitive personal information under the CCPA/CPRA, such as government ids, precise geolocation or health data: people may limit its use, and a breach weighs more.',
  },
  special_category: {
    label: 'Special category',
    explanation:
      'Special category data under GDPR Art. 9 (health, biometrics, beliefs and the like). A breach of it is more likely to be high risk, which means telling the people affected (Art. 34).',
  },
};

export const sensitivityColors: Record<Sensitivity, string> = {
  low: 'gray',
  moderate: 'yellow',
  high: 'orange',
  critical: 'red',
};
