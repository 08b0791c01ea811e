import type { SecurityTxtSettingsInput } from '../../contracts/securitytxt.js';

/**
 * The file's text from the settings, fields in the RFC's order with a comment for each group.
 * Values were checked on input (URIs, language tags) and cannot hold a line break.
 */
export function buildSecurityTxt(
  settings: SecurityTxtSettingsInput & { canonical: string; expires: string },
): string {
  const lines: string[] = [
    '# How to report a security vulnerability (RFC 9116)',
    ...settings.contact.map((value) => `Contact: ${value}`),
    `Expires: ${settings.expires}`,
    ...settings.encryption.map((value) => `Encryption: ${value}`),
    ...settings.acknowledgments.map((value) => `Acknowledgments: ${value}`),
    ...(settings.preferredLanguages.length
      ? [`Preferred-Languages: ${settings.preferredLanguages.join(', ')}`]
      : []),
    `Canonical: ${settings.canonical}`,
    ...settings.policy.map((value) => `Policy: ${value}`),
    ...settings.hiring.map((value) => `Hiring: ${value}`),
    ...settings.csaf.map((value) => `CSAF: ${value}`),
  ];
  return `${lines.join('\n')}\n`;
}
