import { beforeAll, describe, expect, it } from '@jest/globals';
import { connectionPlugins } from '../../../../src/connections/registry.js';
import { useSignedInDashboard } from '../dashboard_harness.js';
import { configureFitbit } from '../try_helpers.js';

/**
 * A connection's page is titled by the connection's name, as an application's page is by the
 * application's: the heading is no breadcrumb (the menu shows where the page is), on each of its tabs.
 */
describe('the heading of a connection\'s page', () => {
  const dashboard = useSignedInDashboard({ plugins: connectionPlugins() });
  const headingOf = (html: string) => /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '';
  /** The heading's text, the decorative mark left out. */
  const textOf = (heading: string) => heading.replace(/<svg[\s\S]*?<\/svg>/, '').replace(/<[^>]+>/g, '').trim();

  beforeAll(() => configureFitbit(dashboard.harness(), { api: 'google-health' }));

  it.each([
    ['Settings', ''],
    ['Applications', '/applications'],
    ['Activity', '/activity'],
  ])('is the connection\'s name, with its mark, on its %s tab', async (_name, tab) => {
    const { text } = await dashboard.agent().get(`/manage/t/default/social/fitbit${tab}`).expect(200);
    const heading = headingOf(text);
    expect(textOf(heading)).toBe('Fitbit');
    expect(heading).toContain('class="connection-mark"');
    expect(text).not.toContain('Authentication › Social ›');
    // The menu says where the page sits: under Social.
    expect(text).toContain('<a href="/manage/t/default/social" aria-current="page">Social</a>');
  });
});
