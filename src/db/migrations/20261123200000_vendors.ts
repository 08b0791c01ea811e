import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect.js';

/**
 * Vendors and what the shop agreed with them. JSON arrays (domains, endpoints, declared
 * categories) are text; anything a list filters on gets its own column or table and an index.
 * Legal contracts are called "agreements" in code so they never read like the Zod contracts.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('vendors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('legal_name', 'text', (c) => c.notNull())
    // Lower-cased, whitespace-collapsed legal name: one vendor per company, imports upsert on it.
    .addColumn('name_key', 'text', (c) => c.notNull().unique())
    .addColumn('trading_name', 'text')
    .addColumn('website', 'text')
    .addColumn('domains', 'text', (c) => c.notNull())
    .addColumn('country', 'text')
    .addColumn('services', 'text', (c) => c.notNull())
    .addColumn('business_owner', 'text')
    .addColumn('security_contact', 'text')
    .addColumn('notes', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    // Inherent risk as last computed (tier plus the factors that explain it, as JSON), and an
    // optional human override with its reason. Lists filter on the effective tier.
    .addColumn('risk_tier', 'text', (c) => c.notNull())
    .addColumn('risk_explanation', 'text', (c) => c.notNull())
    .addColumn('risk_tier_override', 'text')
    .addColumn('risk_override_reason', 'text')
    .addColumn('risk_override_by', 'text')
    .addColumn('risk_override_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('vendors_status_idx').on('vendors').column('status').execute();
  await db.schema.createIndex('vendors_tier_idx').on('vendors').column('risk_tier').execute();
  await db.schema
    .createIndex('vendors_updated_idx')
    .on('vendors')
    .columns(['updated_at', 'id'])
    .execute();

  await db.schema
    .createTable('vendor_tags')
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('tag', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('vendor_tags_pk', ['vendor_id', 'tag'])
    .execute();
  await db.schema.createIndex('vendor_tags_tag_idx').on('vendor_tags').column('tag').execute();

  await db.schema
    .createTable('vendor_contacts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('vendor_contacts_vendor_idx')
    .on('vendor_contacts')
    .column('vendor_id')
    .execute();

  await db.schema
    .createTable('data_categories')
    .addColumn('key', 'text', (c) => c.primaryKey())
    // Position in the ledger's category bitmask; fixed once assigned, never reused.
    .addColumn('bit', 'integer', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('sensitivity', 'text', (c) => c.notNull())
    .addColumn('legal_flags', 'text', (c) => c.notNull())
    .addColumn('builtin', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('integrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    // Small integer key for the sharing ledger, whose millions of rows would otherwise each
    // repeat a 36-character UUID.
    .addColumn('ledger_no', 'integer', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('environment', 'text', (c) => c.notNull())
    .addColumn('endpoints', 'text', (c) => c.notNull())
    .addColumn('domains', 'text', (c) => c.notNull())
    .addColumn('declared_scopes', 'text', (c) => c.notNull())
    .addColumn('declared_categories', 'text', (c) => c.notNull())
    .addColumn('credentials_ref', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('owner', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('integrations_vendor_idx')
    .on('integrations')
    .column('vendor_id')
    .execute();
  await db.schema
    .createIndex('integrations_status_idx')
    .on('integrations')
    .column('status')
    .execute();

  await db.schema
    .createTable('subprocessors')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('subprocessor_id', 'text', (c) =>
      c.notNull().references('vendors.id').onDelete('cascade'),
    )
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('location', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('subprocessors_pair_unique', ['vendor_id', 'subprocessor_id'])
    .execute();
  await db.schema
    .createIndex('subprocessors_child_idx')
    .on('subprocessors')
    .column('subprocessor_id')
    .execute();

  await db.schema
    .createTable('agreements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('signed_on', 'text')
    .addColumn('effective_on', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('auto_renews', 'integer', (c) => c.notNull())
    .addColumn('renewal_notice_days', 'integer')
    .addColumn('termination_notice_days', 'integer')
    .addColumn('breach_notice_hours', 'integer')
    .addColumn('audit_rights', 'integer', (c) => c.notNull())
    .addColumn('subprocessor_approval', 'integer', (c) => c.notNull())
    .addColumn('notes', 'text', (c) => c.notNull())
    // The expiry date an alert was last raised for, so the daily job alerts once per term.
    .addColumn('expiry_alerted_for', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('agreements_vendor_idx')
    .on('agreements')
    .column('vendor_id')
    .execute();
  await db.schema
    .createIndex('agreements_expires_idx')
    .on('agreements')
    .column('expires_on')
    .execute();

  // Uploaded files, content-addressed: the SHA-256 of the bytes is the key, so the same file
  // uploaded twice is stored once. Kept in the database so backups and scaled deployments
  // need no shared file system.
  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('media_type', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'integer', (c) => c.notNull())
    .addColumn('content', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('agreement_documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agreement_id', 'text', (c) =>
      c.notNull().references('agreements.id').onDelete('cascade'),
    )
    .addColumn('sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('agreement_documents_agreement_idx')
    .on('agreement_documents')
    .column('agreement_id')
    .execute();
  await db.schema
    .createIndex('agreement_documents_blob_idx')
    .on('agreement_documents')
    .column('sha256')
    .execute();

  await db.schema
    .createTable('offboarding_steps')
    .addColumn('vendor_id', 'text', (c) => c.notNull().references('vendors.id').onDelete('cascade'))
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text', (c) => c.notNull())
    .addColumn('done_at', 'text', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('offboarding_steps_pk', ['vendor_id', 'step'])
    .execute();

  // The built-in catalogue. Legal flags are stable codes the breach rules match on; they are
  // copied here, not imported, because a landed migration must never change under it.
  const now = new Date().toISOString();
  const builtins: [string, string, string, string, string[]][] = [
    ['name', 'Name', 'Full or partial personal name.', 'low', ['personal_data', 'name_element']],
    [
      'email',
      'Email address',
      'Email address of the customer.',
      'moderate',
      ['personal_data', 'contact', 'login_identifier'],
    ],
    [
      'phone',
      'Phone number',
      'Landline or mobile number.',
      'moderate',
      ['personal_data', 'contact'],
    ],
    [
      'postal_address',
      'Postal address',
      'Delivery or billing address.',
      'moderate',
      ['personal_data', 'contact'],
    ],
    ['date_of_birth', 'Date of birth', 'Full date of birth.', 'moderate', ['personal_data']],
    [
      'password_hash',
      'Password hash',
      'Salted hash of an account password.',
      'high',
      ['personal_data', 'login_secret'],
    ],
    [
      'login_credentials',
      'Login credentials',
      'Username or email with a usable password or security answer.',
      'critical',
      ['personal_data', 'login_identifier', 'login_secret', 'us_pi_standalone'],
    ],
    [
      'payment_card_pan',
      'Payment card number (PAN)',
      'Full primary account number of a payment card.',
      'critical',
      ['personal_data', 'financial_account', 'pci_account_data', 'us_pi_with_name'],
    ],
    [
      'payment_card_last4',
      'Payment card last 4',
      'Truncated card number: last four digits only.',
      'low',
      ['personal_data'],
    ],
    [
      'payment_token',
      'Payment token',
      'A processor token standing in for a card.',
      'moderate',
      ['personal_data'],
    ],
    [
      'bank_account',
      'Bank account',
      'Bank account or IBAN.',
      'high',
      ['personal_data', 'financial_account', 'us_pi_with_name'],
    ],
    [
      'order_history',
      'Order history',
      'Products bought, amounts and dates.',
      'moderate',
      ['personal_data'],
    ],
    [
      'ip_address',
      'IP address',
      'Network address seen on a request.',
      'low',
      ['personal_data', 'online_identifier'],
    ],
    [
      'device_id',
      'Device identifiers',
      'Advertising ids, device fingerprints, cookies.',
      'low',
      ['personal_data', 'online_identifier'],
    ],
    [
      'precise_location',
      'Precise location',
      'Geolocation within about 1,850 feet.',
      'high',
      ['personal_data', 'sensitive_personal_info'],
    ],
    [
      'government_id',
      'Government ID',
      'Passport, national ID, driving licence or social security number.',
      'critical',
      ['personal_data', 'sensitive_personal_info', 'us_pi_with_name'],
    ],
    [
      'health_data',
      'Health data',
      'Medical or health-insurance information.',
      'critical',
      ['personal_data', 'special_category', 'sensitive_personal_info', 'us_pi_with_name'],
    ],
  ];
  for (const [bit, [key, name, description, sensitivity, flags]] of builtins.entries()) {
    await sql`insert into data_categories (key, bit, name, description, sensitivity, legal_flags, builtin, created_at, updated_at)
      values (${key}, ${bit}, ${name}, ${description}, ${sensitivity}, ${JSON.stringify(flags)}, 1, ${now}, ${now})`.execute(
      db,
    );
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'offboarding_steps',
    'agreement_documents',
    'blobs',
    'agreements',
    'subprocessors',
    'integrations',
    'data_categories',
    'vendor_contacts',
    'vendor_tags',
    'vendors',
  ])
    await db.schema.dropTable(table).execute();
}
