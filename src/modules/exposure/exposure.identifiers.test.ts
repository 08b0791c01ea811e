import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { productsNamedIn } from './exposure.identifiers.js';

describe('products named in questionnaire answers', () => {
  it('finds CPE names and package URLs with versions, and nothing else', () => {
    const answer =
      'Our login service is Keycloak (cpe:2.3:a:redhat:keycloak:10.0.2:*:*:*:*:*:*:*), behind ' +
      'nginx; the admin UI uses pkg:npm/lodash@4.17.15. Also "pkg:maven/org.apache.tomcat/tomcat-coyote@8.5.38". ' +
      'We also use cpe:2.3:a:apache:httpd:*:*:*:*:*:*:*:* and pkg:npm/left-pad without a version.';
    expect(productsNamedIn(answer)).toEqual([
      {
        name: 'redhat keycloak',
        version: '10.0.2',
        cpe: 'cpe:2.3:a:redhat:keycloak:10.0.2:*:*:*:*:*:*:*',
        purl: null,
      },
      { name: 'lodash', version: '4.17.15', cpe: null, purl: 'pkg:npm/lodash@4.17.15' },
      {
        name: 'org.apache.tomcat/tomcat-coyote',
        version: '8.5.38',
        cpe: null,
        purl: 'pkg:maven/org.apache.tomcat/tomcat-coyote@8.5.38',
      },
    ]);
  });

  it('ignores malformed identifiers and never throws on any text', () => {
    expect(productsNamedIn('cpe:2.3:a:acme pkg:/x@1 pkg:npm/%zz@1')).toEqual([]);
    fc.assert(fc.property(fc.string(), (text) => Array.isArray(productsNamedIn(text))));
  });
});
