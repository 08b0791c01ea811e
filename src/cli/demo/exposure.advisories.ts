/**
 * A small OSV advisory file written for the ShopCo demo: real CVE ids with the ranges their
 * maintainers published, for Maven components in Authenticator Inc.'s Keycloak 10.0.2 SBOM.
 * The record ids are the demo's own (`DEMO-…`), not GHSA's, so nobody mistakes this file for a
 * copy of an advisory database; each names its CVE as an alias, which is how the CISA KEV
 * catalog joins in.
 */
const published = '2026-01-15T00:00:00Z';
const modified = '2026-01-15T00:00:00Z';

const maven = (name: string, ranges: [string, string][]) => ({
  package: { ecosystem: 'Maven', name },
  ranges: [
    {
      type: 'ECOSYSTEM',
      events: ranges.flatMap(([introduced, fixed]) => [{ introduced }, { fixed }]),
    },
  ],
});

export const demoAdvisories = [
  {
    schema_version: '1.6.0',
    id: 'DEMO-2020-1938',
    aliases: ['CVE-2020-1938'],
    published,
    modified,
    summary: 'Apache Tomcat AJP connector file read and inclusion ("Ghostcat")',
    details:
      'When the AJP connector is enabled and reachable, an attacker can read any file in the web ' +
      'application and, where uploads are allowed, have a file processed as a JSP, leading to ' +
      'remote code execution. Fixed in Apache Tomcat 9.0.31, 8.5.51 and 7.0.100.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      maven('org.apache.tomcat:tomcat-coyote', [
        ['7.0.0', '7.0.100'],
        ['8.5.0', '8.5.51'],
        ['9.0.0', '9.0.31'],
      ]),
      maven('org.apache.tomcat.embed:tomcat-embed-core', [
        ['7.0.0', '7.0.100'],
        ['8.5.0', '8.5.51'],
        ['9.0.0', '9.0.31'],
      ]),
    ],
    references: [
      { type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2020-1938' },
      { type: 'WEB', url: 'https://tomcat.apache.org/security-8.html' },
    ],
  },
  {
    schema_version: '1.6.0',
    id: 'DEMO-2019-17571',
    aliases: ['CVE-2019-17571'],
    published,
    modified,
    summary: 'Apache Log4j 1.2 SocketServer deserialization of untrusted data',
    details:
      'Log4j 1.2 up to 1.2.17 includes a SocketServer class that deserializes untrusted data, ' +
      'which can be exploited to execute code remotely when it listens to untrusted network ' +
      'traffic. Log4j 1.x is end of life; there is no fixed 1.x release.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
    affected: [
      {
        package: { ecosystem: 'Maven', name: 'log4j:log4j' },
        ranges: [
          { type: 'ECOSYSTEM', events: [{ introduced: '1.2' }, { last_affected: '1.2.17' }] },
        ],
      },
    ],
    references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2019-17571' }],
  },
  {
    schema_version: '1.6.0',
    id: 'DEMO-2021-44228',
    aliases: ['CVE-2021-44228'],
    published,
    modified,
    summary: 'Apache Log4j2 JNDI lookup remote code execution ("Log4Shell")',
    details:
      'JNDI features of log4j-core do not protect against attacker-controlled LDAP and other ' +
      'endpoints. Only log4j-core is affected: log4j-api, which Keycloak 10 ships, is not, so ' +
      'this advisory must not match it.',
    severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H' }],
    affected: [
      maven('org.apache.logging.log4j:log4j-core', [
        ['2.0-beta9', '2.3.1'],
        ['2.4', '2.12.2'],
        ['2.13.0', '2.15.0'],
      ]),
    ],
    references: [{ type: 'ADVISORY', url: 'https://nvd.nist.gov/vuln/detail/CVE-2021-44228' }],
  },
];
