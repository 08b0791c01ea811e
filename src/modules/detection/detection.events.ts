/**
 * Events as the detector core sees them: validated, with the account already replaced by its
 * keyed hash and the address in canonical form. Times are epoch milliseconds (event time).
 */
export const LOGIN_OUTCOMES = [
  'success',
  'bad_password',
  'unknown_account',
  'mfa_failure',
  'locked',
] as const;
export type LoginOutcome = (typeof LOGIN_OUTCOMES)[number];

/** The stream a login came from: the shop's own login by default, or a server's sshd. */
export type LoginStream = 'web' | 'sshd';

export interface LoginEvent {
  kind: 'login';
  time: number;
  stream: LoginStream;
  /** Keyed hash of the normalised account name (32 hex); null when the source did not say. */
  account: string | null;
  /** Canonical address: dotted IPv4 (IPv4-mapped IPv6 unwrapped) or compressed IPv6. */
  ip: string;
  userAgent: string | null;
  outcome: LoginOutcome;
  country: string | null;
  asn: number | null;
}

export interface ApiAccessEvent {
  kind: 'api_access';
  time: number;
  integrationId: string;
  /** The vendor's API key or client id, when the shop tells them apart. */
  keyId: string | null;
  endpoint: string;
  records: number;
  bytes: number;
  categories: string[];
}

export interface HttpAccessEvent {
  kind: 'http';
  time: number;
  ip: string;
  method: string;
  path: string;
  status: number;
  bytes: number;
  userAgent: string | null;
}

export type DetectionEvent = LoginEvent | ApiAccessEvent | HttpAccessEvent;

/** A vendor key's identity: per integration, since two vendors may both call theirs "prod". */
export function vendorKeyOf(event: Pick<ApiAccessEvent, 'integrationId' | 'keyId'>): string {
  return event.keyId === null ? event.integrationId : `${event.integrationId}:${event.keyId}`;
}
