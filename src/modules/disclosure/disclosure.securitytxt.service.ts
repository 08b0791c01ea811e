import * as openpgp from 'openpgp';
import type { SecurityTxtSettings, SecurityTxtSettingsInput } from '../../contracts/securitytxt.js';
import type { Db } from '../../db/database.js';
import type { Clock } from '../../lib/clock.js';
import type { Config } from '../../lib/config.js';
import type { SecretBox } from '../../lib/crypto.js';
import { Conflict, NotFound } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import type { AuditService } from '../audit/audit.service.js';
import { buildSecurityTxt } from './disclosure.securitytxt.build.js';
import { createSettingsStore } from '../../db/settings.store.js';

const ADMIN = { role: 'admin', scope: 'admin' } as const;
const SETTING = 'disclosure.security_txt';
/** The programme's policy page, rendered in the trust center. */
export const POLICY_PATH = '/trust/vulnerability-disclosure';
const DAY_MS = 86_400_000;
/** Expires is renewed this long before it lapses, and the team is warned from then on. */
export const RENEW_BEFORE_DAYS = 30;

interface Stored extends SecurityTxtSettingsInput {
  expires: string;
  /** The armored private key, sealed; the public half and fingerprint in clear. */
  signingKey: string | null;
  publicKey: string | null;
  fingerprint: string | null;
}

export interface SecurityTxtDeps {
  db: Db;
  clock: Clock;
  config: Pick<Config, 'publicUrl' | 'shopName'>;
  audit: Pick<AuditService, 'record'>;
  secretBox: SecretBox;
}

/**
 * The shop's own security.txt (RFC 9116), built from settings: Canonical is the deployment's
 * URL, Expires is set on every change and renewed by a daily job before it lapses, and the
 * file is signed (OpenPGP cleartext) when a key is set. The served text is cached per stored
 * version, so every instance serves the same bytes without re-signing on each request.
 */
export function createSecurityTxtService(deps: SecurityTxtDeps) {
  const settings = createSettingsStore(deps.db.kysely);
  const canonical = `${deps.config.publicUrl}/.well-known/security.txt`;
  // Cordon hosts the policy page and the CSAF provider metadata itself; a shop that
  // publishes its own elsewhere names them in the settings instead.
  const defaults = {
    policy: [`${deps.config.publicUrl}${POLICY_PATH}`],
    csaf: [`${deps.config.publicUrl}/.well-known/csaf/provider-metadata.json`],
  };
  let cache: { version: string; text: string } | null = null;

  async function load() {
    const row = await settings.get(SETTING);
    return row ? { stored: JSON.parse(row.value) as Stored, row } : null;
  }

  function view(stored: Stored, row: { updated_at: string; updated_by: string | null }) {
    const { signingKey, publicKey, fingerprint, expires, ...input } = stored;
    const warnings: string[] = [];
    const left = (Date.parse(expires) - deps.clock.now().getTime()) / DAY_MS;
    if (left < RENEW_BEFORE_DAYS)
      warnings.push(
        left <= 0
          ? 'security.txt has expired: researchers will treat it as stale. Save the settings to renew it.'
          : `security.txt expires in ${Math.ceil(left)} days; the daily job renews it, save the settings to renew it now.`,
      );
    if (!signingKey) warnings.push('security.txt is not signed: generate a signing key.');
    if (canonical.startsWith('http:'))
      warnings.push(
        'Canonical is an http URL, which RFC 9116 refuses: serve Cordon over https (CORDON_PUBLIC_URL).',
      );
    return {
      ...input,
      canonical,
      expires,
      signing: { enabled: signingKey !== null, fingerprint },
      publicKey,
      warnings,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
    };
  }

  async function save(ctx: CallContext, stored: Stored, action: string) {
    const now = deps.clock.now().toISOString();
    const by = principalUserId(ctx.principal);
    await deps.db.kysely.transaction().execute(async (trx) => {
      await settings.put(SETTING, JSON.stringify(stored), now, by, trx);
      await deps.audit.record(ctx, { action, objectType: 'settings', objectId: SETTING }, trx);
    });
  }

  const expiresFrom = (days: number) =>
    new Date(deps.clock.now().getTime() + days * DAY_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');

  return {
    async get(
      ctx: CallContext,
    ): Promise<(SecurityTxtSettings & { publicKey: string | null }) | null> {
      authorize(ctx, ADMIN);
      const found = await load();
      return found ? view(found.stored, found.row) : null;
    },

    async update(ctx: CallContext, input: SecurityTxtSettingsInput) {
      authorize(ctx, ADMIN);
      const previous = (await load())?.stored;
      await save(
        ctx,
        {
          ...input,
          expires: expiresFrom(input.expiresDays),
          signingKey: previous?.signingKey ?? null,
          publicKey: previous?.publicKey ?? null,
          fingerprint: previous?.fingerprint ?? null,
        },
        'disclosure.securitytxt.updated',
      );
      return (await this.get(ctx))!;
    },

    /** A new Ed25519 signing key; the private half is sealed and never leaves the server. */
    async generateSigningKey(ctx: CallContext) {
      authorize(ctx, ADMIN);
      const found = await load();
      if (!found) throw new Conflict('Save the security.txt settings first');
      const { privateKey, publicKey } = await openpgp.generateKey({
        type: 'curve25519',
        userIDs: [{ name: `${deps.config.shopName} security.txt` }],
        format: 'armored',
      });
      const key = await openpgp.readKey({ armoredKey: publicKey });
      await save(
        ctx,
        {
          ...found.stored,
          signingKey: deps.secretBox.seal(privateKey, SETTING),
          publicKey,
          fingerprint: key.getFingerprint().toUpperCase(),
        },
        'disclosure.securitytxt.key_generated',
      );
      return (await this.get(ctx))!;
    },

    async removeSigningKey(ctx: CallContext) {
      authorize(ctx, ADMIN);
      const found = await load();
      if (!found?.stored.signingKey) throw new NotFound('Signing key', 'security.txt');
      await save(
        ctx,
        { ...found.stored, signingKey: null, publicKey: null, fingerprint: null },
        'disclosure.securitytxt.key_removed',
      );
      return (await this.get(ctx))!;
    },

    /** The file as served, or null before anyone configured it. */
    async text(): Promise<string | null> {
      const found = await load();
      if (!found) return null;
      // The stored value itself is the version: any change (a key, a renewal) misses the cache.
      const version = found.row.value;
      if (cache?.version === version) return cache.text;
      const { policy, csaf } = found.stored;
      const body = buildSecurityTxt({
        ...found.stored,
        canonical,
        policy: policy.length ? policy : defaults.policy,
        csaf: csaf.length ? csaf : defaults.csaf,
      });
      const text = found.stored.signingKey
        ? await sign(body, deps.secretBox.open(found.stored.signingKey, SETTING))
        : body;
      cache = { version, text };
      return text;
    },

    /** Moves Expires forward when it is within 30 days of lapsing; true if it did. */
    async renew(ctx: CallContext): Promise<boolean> {
      const found = await load();
      if (!found) return false;
      const left = Date.parse(found.stored.expires) - deps.clock.now().getTime();
      if (left >= RENEW_BEFORE_DAYS * DAY_MS) return false;
      await save(
        ctx,
        { ...found.stored, expires: expiresFrom(found.stored.expiresDays) },
        'disclosure.securitytxt.renewed',
      );
      return true;
    },
  };
}

export type SecurityTxtService = ReturnType<typeof createSecurityTxtService>;

async function sign(text: string, armoredKey: string): Promise<string> {
  const signingKeys = await openpgp.readPrivateKey({ armoredKey });
  const message = await openpgp.createCleartextMessage({ text });
  return openpgp.sign({ message, signingKeys });
}
