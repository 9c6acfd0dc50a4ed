import { afterAll, beforeAll } from '@jest/globals';
import type { Page } from 'playwright-core';
import { LONG_BROWSER_TIMEOUT_MS, collectPageErrors, launchBrowser, type LaunchOptions, type TestBrowser } from '../support/browser.js';
import { startExampleStack, type ExampleStack, type ExampleStackOptions } from './example_stack.js';

export interface ExampleInBrowser {
  readonly stack: ExampleStack;
  /** One Chromium page for the whole describe block: its steps build on each other, as a user's do. */
  readonly page: Page;
  /** Console and page errors seen so far on `page`. */
  readonly errors: string[];
}

/**
 * For a describe block: starts the example stack and a Chromium page before its tests and stops
 * both after them. `options` is read in beforeAll, so it may use what an earlier beforeAll started.
 */
export function useExampleInBrowser(options: () => ExampleStackOptions = () => ({}), launch: LaunchOptions = {}): ExampleInBrowser {
  let stack: ExampleStack | undefined;
  let browser: TestBrowser | undefined;
  let page: Page | undefined;
  let errors: string[] = [];

  beforeAll(async () => {
    stack = await startExampleStack(options());
    browser = await launchBrowser(launch);
    page = await browser.context.newPage();
    errors = collectPageErrors(page);
  }, LONG_BROWSER_TIMEOUT_MS);

  afterAll(async () => {
    await browser?.close();
    await stack?.close();
  });

  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the example stack has not started (beforeAll failed?)');
    return value;
  };
  return {
    get stack() {
      return started(stack);
    },
    get page() {
      return started(page);
    },
    get errors() {
      return errors;
    },
  };
}
