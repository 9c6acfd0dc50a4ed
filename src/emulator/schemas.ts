import { z } from 'zod';
import { HOSTS } from './types.js';

/**
 * Input checks shared by the control API, the admin HTTP API and the seed file, so a bad app or
 * user is refused the same way wherever it comes from.
 */

const absoluteUrl = z.url({ error: 'must be an absolute URL' });

export const appSchema = z
  .object({
    clientId: z.string().min(1).max(200),
    clientSecret: z.string().min(1).optional(),
    type: z.enum(['server', 'client', 'personal']),
    api: z.enum(['fitbit-legacy', 'google-health']),
    // May start empty and gain URIs through addRedirectUri (fitgate's sandbox does this).
    redirectUris: z.array(absoluteUrl),
    ownerLogin: z.string().min(1).optional(),
    intraday: z.boolean().optional(),
    name: z.string().min(1).max(100).optional(),
    testing: z.boolean().optional(),
    healthApiEnabled: z.boolean().optional(),
  })
  .strict()
  .refine((app) => app.type === 'client' || app.clientSecret !== undefined, {
    message: 'server and personal apps need a clientSecret',
    path: ['clientSecret'],
  })
  .refine((app) => app.type !== 'personal' || app.ownerLogin !== undefined, {
    message: 'personal apps need an ownerLogin',
    path: ['ownerLogin'],
  })
  .refine((app) => app.type !== 'personal' || app.api === 'fitbit-legacy', {
    message: 'personal apps exist only on Fitbit (fitbit-legacy)',
    path: ['type'],
  })
  .refine((app) => app.healthApiEnabled === undefined || app.api === 'google-health', {
    message: 'only google-health apps call the Google Health API',
    path: ['healthApiEnabled'],
  });

export const userSchema = z
  .object({
    login: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 of A-Z a-z 0-9 . _ -'),
    legacyUserId: z.string().regex(/^[A-Z0-9]{6}$/, 'must be six characters of A-Z 0-9, like GGNJL9'),
    healthUserId: z.string().regex(/^[A-Za-z0-9-]{1,63}$/, 'must be 1-63 of A-Z a-z 0-9 -'),
    googleSub: z.string().regex(/^\d{1,255}$/, 'must be digits').optional(),
    displayName: z.string().min(1),
    fullName: z.string().min(1),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    email: z.email(),
    emailVerified: z.boolean().optional(),
    avatar: absoluteUrl,
    gender: z.enum(['MALE', 'FEMALE', 'NA']).optional(),
    dateOfBirth: z.iso.date().optional(),
    memberSince: z.iso.date().optional(),
    timezone: z.string().optional(),
    locale: z.string().optional(),
    dataSeed: z.string().optional(),
    googleHealth: z.enum(['linked', 'not-linked', 'legacy-fitbit-consent']).optional(),
  })
  .strict();

export const settingsPatchSchema = z
  .object({
    codeTtlSeconds: z.number().int().min(1),
    legacyAccessTokenTtlSeconds: z.number().int().min(1),
    googleAccessTokenTtlSeconds: z.number().int().min(1),
    legacyRefreshReplayWindowSeconds: z.number().int().min(0),
    legacyRefreshReplay: z.enum(['same-response', 'conflict']),
    legacyRateLimitPerHour: z.number().int().min(1),
    googleRateLimitPerMinute: z.number().int().min(1),
  })
  .strict()
  .partial();

const failureMode = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), ms: z.number().int().min(0).max(120_000) }).strict(),
  z.object({ kind: z.literal('status'), status: z.number().int().min(500).max(599) }).strict(),
  z.object({ kind: z.literal('reset') }).strict(),
  z.object({ kind: z.literal('timeout') }).strict(),
  z.object({ kind: z.literal('rate-limit'), retryAfterSeconds: z.number().int().min(1).optional() }).strict(),
]);

export const failureRuleSchema = z
  .object({
    host: z.enum([...HOSTS, '*']),
    mode: failureMode,
    times: z.number().int().min(1).optional(),
  })
  .strict();

export const autoConsentSchema = z
  .object({
    user: z.string().min(1),
    decision: z.enum(['approve', 'deny']),
    scopes: z.union([z.array(z.string()), z.string().transform((value) => value.split(/\s+/).filter(Boolean))]).optional(),
  })
  .strict();

export const seedFileSchema = z
  .object({
    apps: z.array(appSchema).optional(),
    users: z.array(userSchema).optional(),
    includeDefaults: z.boolean().optional(),
    settings: settingsPatchSchema.optional(),
    legacyShutdown: z.boolean().optional(),
  })
  .strict();

/** A refused control or admin input, with the path of the first bad field. */
export class EmulatorInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EmulatorInputError';
  }
}

export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const path = issue?.path.length ? `${issue.path.join('.')}: ` : '';
  throw new EmulatorInputError(`${path}${issue?.message ?? 'invalid input'}`);
}
