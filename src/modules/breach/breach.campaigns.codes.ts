import type { SecretBox } from '../../lib/crypto.js';

/**
 * Credit-monitoring codes are redeemable: whoever reads one can enrol in the service as its
 * person. They are sealed in the outbox, each bound to its campaign and row, and opened only
 * to write the letter.
 */
const purposeOf = (campaignId: string, seq: number) => `breach-code:${campaignId}:${seq}`;

export function sealCode(box: SecretBox, campaignId: string, seq: number, code: string): string {
  return box.seal(code, purposeOf(campaignId, seq));
}

export function openCode(box: SecretBox, campaignId: string, seq: number, sealed: string): string {
  return box.open(sealed, purposeOf(campaignId, seq));
}

/** Whether a template asks for a code at all: then every letter needs one before the start. */
export function templateUsesCodes(template: {
  subject: string;
  sections: readonly { heading: string; body: string }[];
}): boolean {
  return [template.subject, ...template.sections.flatMap((s) => [s.heading, s.body])].some((text) =>
    text.includes('support.creditMonitoringCode'),
  );
}
