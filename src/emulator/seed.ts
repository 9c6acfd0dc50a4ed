import type { RegisteredApp, TestUser } from './types.js';

/**
 * Demo apps and users present unless EmulatorOptions.includeDefaults is false. The secrets are
 * public on purpose (docs/emulator.md lists them): they only ever open this emulator.
 */
export const DEFAULT_CALLBACK = 'http://localhost:3000/login/callback';

export const DEFAULT_APPS: readonly RegisteredApp[] = [
  {
    clientId: '23ABCD',
    clientSecret: 'legacy-server-secret-0123456789abcdef',
    type: 'server',
    api: 'fitbit-legacy',
    redirectUris: [DEFAULT_CALLBACK],
    name: 'fitgate (legacy server app)',
  },
  {
    clientId: '23PUBL',
    type: 'client',
    api: 'fitbit-legacy',
    redirectUris: [DEFAULT_CALLBACK],
    name: 'fitgate (legacy client app)',
  },
  {
    clientId: '23PERS',
    clientSecret: 'legacy-personal-secret-0123456789abcdef',
    type: 'personal',
    api: 'fitbit-legacy',
    redirectUris: [DEFAULT_CALLBACK],
    ownerLogin: 'alice',
    name: 'fitgate (legacy personal app)',
  },
  {
    clientId: '1234567890-fitgate.apps.googleusercontent.com',
    clientSecret: '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789',
    type: 'server',
    api: 'google-health',
    redirectUris: [DEFAULT_CALLBACK],
    name: 'fitgate (Google web app)',
  },
  {
    clientId: '1234567890-public.apps.googleusercontent.com',
    type: 'client',
    api: 'google-health',
    redirectUris: [DEFAULT_CALLBACK],
    name: 'fitgate (Google installed app)',
  },
];

export const DEFAULT_USERS: readonly TestUser[] = [
  {
    login: 'alice',
    legacyUserId: 'GGNJL9',
    healthUserId: 'alice-4f1c2b7e',
    googleSub: '108234567890123456789',
    displayName: 'Alice R.',
    fullName: 'Alice Runner',
    firstName: 'Alice',
    lastName: 'Runner',
    email: 'alice@example.com',
    avatar: 'https://static0.fitbit.com/images/profile/defaultProfile_100.png',
    gender: 'FEMALE',
    dateOfBirth: '1990-04-12',
    memberSince: '2016-03-01',
    timezone: 'Europe/Amsterdam',
    locale: 'en_US',
  },
  {
    login: 'bob',
    legacyUserId: 'B0BW4K',
    healthUserId: 'bob-93d0aa15',
    googleSub: '108234567890123456790',
    displayName: 'Bob W.',
    fullName: 'Bob Walker',
    firstName: 'Bob',
    lastName: 'Walker',
    email: 'bob@example.com',
    avatar: 'https://static0.fitbit.com/images/profile/defaultProfile_100.png',
    gender: 'MALE',
    dateOfBirth: '1984-09-30',
    memberSince: '2019-11-15',
    timezone: 'America/New_York',
    locale: 'en_US',
  },
  {
    // A Google account without a verified email, and no legacy history worth migrating.
    login: 'carol',
    legacyUserId: 'C4R0L7',
    healthUserId: 'carol-0b7e61d2',
    googleSub: '108234567890123456791',
    displayName: 'Carol',
    fullName: 'Carol Swimmer',
    firstName: 'Carol',
    lastName: 'Swimmer',
    email: 'carol@example.org',
    emailVerified: false,
    avatar: 'https://static0.fitbit.com/images/profile/defaultProfile_100.png',
    gender: 'NA',
    dateOfBirth: '2001-01-20',
    memberSince: '2024-06-02',
    timezone: 'UTC',
    locale: 'en_GB',
  },
];
