import type { SandboxPlugins } from './sandbox.js';

/**
 * What the start logs of the sandbox: with it on, the plugins whose sandbox logs their connections
 * without credentials in, each with the APIs it plays. Undefined with the sandbox off, or when no
 * installed plugin brings a sandbox: then no connection logs in through one, and a line saying the
 * sandbox is on would promise what no connection gets.
 */
export function sandboxStartLine(sandboxOn: boolean, plugins: SandboxPlugins): string | undefined {
  if (!sandboxOn) return undefined;
  const sandboxed = [...plugins].flatMap(([, plugin]) => {
    const apis = (plugin.sandbox?.apps ?? []).map((app) => app.api);
    return apis.length > 0 ? [`${plugin.displayName} (${apis.join(', ')})`] : [];
  });
  if (sandboxed.length === 0) return undefined;
  return `sandbox on: connections without credentials of ${sandboxed.join(', ')} log in through their plugin's sandbox`;
}
