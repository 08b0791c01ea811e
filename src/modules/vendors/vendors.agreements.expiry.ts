import type { Agreement } from '../../contracts/vendors.js';

/** Even an agreement with no notice terms is flagged a month ahead: renewals take time. */
export const MIN_NOTICE_DAYS = 30;
/** The longest notice period the contract accepts; nothing further out can be due. */
export const MAX_NOTICE_DAYS = 3650;

type NoticeTerms = Pick<Agreement, 'expiresOn' | 'renewalNoticeDays' | 'terminationNoticeDays'>;

/** The calendar day `days` after `day`, both YYYY-MM-DD in UTC. */
export function addDays(day: string, days: number): string {
  const at = new Date(`${day}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/** How far ahead of expiry someone must act: the longer of the two notice terms, or 30 days. */
export function noticeDays(agreement: NoticeTerms): number {
  return Math.max(
    agreement.renewalNoticeDays ?? 0,
    agreement.terminationNoticeDays ?? 0,
    MIN_NOTICE_DAYS,
  );
}

/** Due once today is inside the notice window, and stays due after the agreement expired. */
export function isExpiryDue(agreement: NoticeTerms, today: string): boolean {
  return (
    agreement.expiresOn !== null && agreement.expiresOn <= addDays(today, noticeDays(agreement))
  );
}

/** One message for the whole run, one line per agreement. */
export function expiryMessage(
  agreements: (NoticeTerms & Pick<Agreement, 'type' | 'title'> & { vendorName: string })[],
  today: string,
): { subject: string; text: string } {
  const lines = agreements.map((a) => {
    const when = a.expiresOn !== null && a.expiresOn < today ? 'expired on' : 'expires on';
    return `- ${a.vendorName}: ${a.type} "${a.title}" ${when} ${a.expiresOn} (notice period ${noticeDays(a)} days)`;
  });
  const count = agreements.length;
  return {
    subject: `${count} vendor agreement${count === 1 ? '' : 's'} expiring`,
    text: [
      `These vendor agreements are expiring or have expired (as of ${today}):`,
      '',
      ...lines,
      '',
      'Renew, renegotiate or give notice before the notice period runs out.',
    ].join('\n'),
  };
}
