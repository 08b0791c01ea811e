import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packageKeyOf } from './exposure.purl.js';
import { affects, type OsvAffected } from './exposure.ranges.js';
import { compareSemver } from './versions.semver.js';

const ADVISORIES = fileURLToPath(new URL('../../../../shared/data/advisories/', import.meta.url));

function osvRecords(file: string): { id: string; affected?: OsvAffected[] }[] {
  return gunzipSync(readFileSync(`${ADVISORIES}${file}`))
    .toString('utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as { id: string; affected?: OsvAffected[] });
}

describe('package URLs', () => {
  it('map to the ecosystem and the name advisories use', () => {
    expect(packageKeyOf('pkg:npm/%40angular/core@12.0.0')).toEqual({
      ecosystem: 'npm',
      name: '@angular/core',
      version: '12.0.0',
    });
    expect(packageKeyOf('pkg:pypi/Django_REST.framework@3.0')).toMatchObject({
      ecosystem: 'PyPI',
      name: 'django-rest-framework',
    });
    expect(packageKeyOf('pkg:maven/org.keycloak/keycloak-core@10.0.2')).toMatchObject({
      ecosystem: 'Maven',
      name: 'org.keycloak:keycloak-core',
    });
    expect(packageKeyOf('pkg:golang/github.com/gin-gonic/gin@v1.5.0')).toMatchObject({
      ecosystem: 'Go',
      name: 'github.com/gin-gonic/gin',
      version: 'v1.5.0',
    });
    expect(packageKeyOf('pkg:deb/debian/openssl@1.1.1n-0+deb11u3')).toMatchObject({
      ecosystem: 'Debian',
      name: 'openssl',
    });
  });

  it('give null for malformed URLs and types no advisory source covers', () => {
    expect(packageKeyOf('not a purl')).toBeNull();
    expect(packageKeyOf('pkg:')).toBeNull();
    expect(packageKeyOf('pkg:generic/openssl@1.0')).toBeNull();
  });
});

describe('OSV ranges', () => {
  const affected: OsvAffected = {
    ranges: [
      {
        type: 'SEMVER',
        events: [
          { fixed: '1.6.0' },
          { introduced: '0' },
          { introduced: '2.0.0' },
          { last_affected: '2.1.3' },
        ],
      },
    ],
    versions: ['3.0.0-rc.1'],
  };
  const hit = (version: string) => affects(affected, version, compareSemver);

  it('applies events in version order, whatever order they are listed in', () => {
    expect(hit('1.5.9')).toEqual({ rule: 'ranges[0] SEMVER' });
    expect(hit('1.6.0')).toBeNull();
    expect(hit('1.9.9')).toBeNull();
    expect(hit('2.0.0')).not.toBeNull();
    expect(hit('2.1.3')).not.toBeNull();
    expect(hit('2.1.4')).toBeNull();
    expect(hit('3.0.0-rc.1')).toEqual({ rule: 'versions' });
  });

  it('ignores GIT ranges, which name commits rather than versions', () => {
    const git: OsvAffected = { ranges: [{ type: 'GIT', events: [{ introduced: '0' }] }] };
    expect(affects(git, '1.0.0', compareSemver)).toBeNull();
  });

  it.each(['go-vulndb.osv.ndjson.gz', 'rustsec.osv.ndjson.gz'])(
    'agrees with every introduced/fixed pair of %s',
    (file) => {
      const wrong: string[] = [];
      let checked = 0;
      for (const record of osvRecords(file))
        for (const entry of record.affected ?? [])
          for (const range of entry.ranges ?? []) {
            const [opened, closed] = range.events;
            if (range.events.length !== 2 || !opened?.introduced || !closed?.fixed) continue;
            const single: OsvAffected = { ranges: [range] };
            checked += 1;
            if (opened.introduced !== '0' && !affects(single, opened.introduced, compareSemver))
              wrong.push(`${record.id}: ${opened.introduced} should be affected`);
            if (affects(single, closed.fixed, compareSemver))
              wrong.push(`${record.id}: ${closed.fixed} should be fixed`);
          }
      expect(checked).toBeGreaterThan(100);
      expect(wrong).toEqual([]);
    },
  );
});

describe('package URLs from outside', () => {
  it('never throw, and give null for anything packageurl-js refuses', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const key = packageKeyOf(text);
        return key === null || typeof key.ecosystem === 'string';
      }),
    );
  });

  it('map every generated PURL of a known type to its ecosystem and version', () => {
    const types = { npm: 'npm', pypi: 'PyPI', cargo: 'crates.io', gem: 'RubyGems', nuget: 'NuGet' };
    fc.assert(
      fc.property(
        fc.constantFrom(...(Object.keys(types) as (keyof typeof types)[])),
        fc.stringMatching(/^[a-z][a-z0-9]{0,20}$/),
        fc.stringMatching(/^[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/),
        (type, name, version) => {
          const key = packageKeyOf(`pkg:${type}/${name}@${version}`);
          expect(key).toEqual({ ecosystem: types[type], name, version });
        },
      ),
    );
  });
});
