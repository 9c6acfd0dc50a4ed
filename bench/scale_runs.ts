import type { BenchOptions } from './options.js';
import type { LoadResult, StoreRun } from './result_schema.js';
import type { StorePopulation } from './store_population.js';

/**
 * How cost grows with the tenant: the same flow at the same concurrency with the baseline store
 * (the bench app and the bootstrap client, `baseUsers` users and sessions), then with
 * `scaleClients` more clients, then (those removed again) with `scaleUsers` users and sessions.
 */
export async function measureScale(
  population: StorePopulation,
  options: BenchOptions,
  measureFlow: () => Promise<LoadResult>,
  progress: (line: string) => void,
): Promise<StoreRun['scale']> {
  const clients = async (): Promise<number> => (await population.store.clients.list('default', { page: 0, perPage: 1 })).total;
  const timed = async (work: () => Promise<void>): Promise<number> => {
    const started = performance.now();
    await work();
    return Math.round(performance.now() - started) / 1000;
  };

  const existingUsers = await population.userCount();
  const baseUsersToAdd = Math.max(0, options.baseUsers - existingUsers);
  const baseSeconds = await timed(async () => {
    await population.addUsers(0, baseUsersToAdd);
    await population.addSessions(0, options.baseUsers);
  });
  const baseline = {
    label: 'baseline',
    clients: await clients(),
    users: await population.userCount(),
    generatedSessions: options.baseUsers,
    generationSeconds: baseSeconds,
    result: await measureFlow(),
  };
  progress(`baseline: ${baseline.result.perSecond} logins/s`);

  let added: string[] = [];
  const clientSeconds = await timed(async () => {
    added = await population.addClients(options.scaleClients);
  });
  const manyClients = {
    label: `+${options.scaleClients} clients`,
    clients: await clients(),
    users: baseline.users,
    generatedSessions: options.baseUsers,
    generationSeconds: clientSeconds,
    result: await measureFlow(),
  };
  progress(`${manyClients.label}: ${manyClients.result.perSecond} logins/s`);
  await population.removeClients(added);

  progress(`generating ${options.scaleUsers} users and sessions in the store`);
  const usersToAdd = Math.max(0, options.scaleUsers - (await population.userCount()));
  const userSeconds = await timed(async () => {
    await population.addUsers(baseUsersToAdd, baseUsersToAdd + usersToAdd);
    await population.addSessions(options.baseUsers, options.scaleUsers);
  });
  const manyUsers = {
    label: `${options.scaleUsers} users and sessions`,
    clients: await clients(),
    users: await population.userCount(),
    generatedSessions: options.scaleUsers,
    generationSeconds: userSeconds,
    result: await measureFlow(),
  };
  progress(`${manyUsers.label} (generated in ${userSeconds} s): ${manyUsers.result.perSecond} logins/s`);
  return [baseline, manyClients, manyUsers];
}
