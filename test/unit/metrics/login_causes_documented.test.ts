import { describe, expect, it } from '@jest/globals';
import { LOGIN_CAUSES } from '../../../src/authn/login/callback/login_cause.js';
import { readDoc } from './operator_files.js';

// docs/metrics.md's row for fitgate_logins_total names every value its `cause` label takes, and
// none it does not: the alerts and the operator's queries are written against that list.

describe('the login causes in docs/metrics.md', () => {
  it('are exactly those fitgate counts', () => {
    const row = /^\| `fitgate_logins_total` \|.*$/m.exec(readDoc('metrics.md'))?.[0] ?? '';
    const cause = row.slice(row.indexOf('`cause` says which'));
    const named = new Set([...cause.matchAll(/`([a-z_]+)`/g)].map((match) => match[1]!));
    const documented = [...named].filter((name) => LOGIN_CAUSES.includes(name as never) || name.startsWith('upstream_'));
    expect(documented.sort()).toEqual(LOGIN_CAUSES.filter((each) => each !== 'none').sort());
    expect(row).toMatch(/and `cause` is `none`/);
  });
});
