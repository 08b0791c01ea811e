import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { ListVendorsQuery } from '../../contracts/vendors.js';
import type { Database } from '../../db/schema.js';
import { nameKeyOf, normaliseTag } from './vendors.types.js';

export type VendorFilter = Omit<ListVendorsQuery, 'limit' | 'offset'>;

/** Only text that could be part of a host name is looked for among domains. */
const HOSTNAME_FRAGMENT = /^[a-z0-9.-]+$/;

/** The list filters as one condition on `vendors`; written to run alike on both dialects. */
export function matchesFilter(
  eb: ExpressionBuilder<Database, 'vendors'>,
  filter: VendorFilter,
): Expression<SqlBool> {
  const all: Expression<SqlBool>[] = [];
  if (filter.status) all.push(eb('status', '=', filter.status));
  if (filter.tier) all.push(eb(sql`coalesce(risk_tier_override, risk_tier)`, '=', filter.tier));
  if (filter.tag) {
    const tagged = eb.selectFrom('vendor_tags').select('vendor_id');
    all.push(eb('id', 'in', tagged.where('tag', '=', normaliseTag(filter.tag))));
  }
  if (filter.category) {
    // Declared categories are a JSON array of keys; a quoted key matches exactly one element.
    const declaring = eb
      .selectFrom('integrations')
      .select('vendor_id')
      .where(contains(sql.ref('declared_categories'), `"${filter.category}"`));
    all.push(eb('id', 'in', declaring));
  }
  if (filter.q) all.push(textMatch(eb, filter.q));
  return eb.and(all);
}

/** Legal name (through its lower-cased key), trading name or a domain contains the text. */
function textMatch(eb: ExpressionBuilder<Database, 'vendors'>, q: string) {
  const needle = nameKeyOf(q);
  return eb.or([
    contains(sql.ref('name_key'), needle),
    contains(sql`lower(trading_name)`, needle),
    ...(HOSTNAME_FRAGMENT.test(needle) ? [contains(sql.ref('domains'), needle)] : []),
  ]);
}

/** `column` contains `text` literally: LIKE wildcards in the text are escaped. */
function contains(column: Expression<unknown>, text: string) {
  const pattern = `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
  return sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}
