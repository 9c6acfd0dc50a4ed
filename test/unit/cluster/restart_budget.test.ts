import { describe, expect, it } from '@jest/globals';
import { RestartBudget } from '../../../src/cluster/restart_budget.js';

describe('restarting crashed workers', () => {
  it('allows `limit` restarts within the window and refuses the next one', () => {
    const now = 1_000_000;
    const budget = new RestartBudget(3, 60_000, () => now);
    expect([budget.tryRestart(), budget.tryRestart(), budget.tryRestart()]).toEqual([true, true, true]);
    expect(budget.tryRestart()).toBe(false);
  });

  it('allows restarts again once the earlier ones are older than the window', () => {
    let now = 0;
    const budget = new RestartBudget(2, 60_000, () => now);
    budget.tryRestart();
    now = 30_000;
    budget.tryRestart();
    expect(budget.tryRestart()).toBe(false);
    now = 60_001;
    expect(budget.tryRestart()).toBe(true);
    expect(budget.tryRestart()).toBe(false);
  });

  it('does not count refused restarts against the budget', () => {
    let now = 0;
    const budget = new RestartBudget(1, 1_000, () => now);
    budget.tryRestart();
    for (let i = 0; i < 5; i += 1) expect(budget.tryRestart()).toBe(false);
    now = 1_000;
    expect(budget.tryRestart()).toBe(true);
  });
});
