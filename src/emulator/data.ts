import { createHash } from 'node:crypto';
import type { TestUser } from './types.js';

/**
 * Seeded, deterministic health data: the same user and day always give the same numbers, so tests
 * can assert on shapes and on stability without fixtures. Days are UTC calendar days.
 */

const DAY_MS = 86_400_000;

function random(seed: string): () => number {
  // mulberry32 over a 32-bit hash of the seed: small, fast, good enough for demo data.
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function between(next: () => number, low: number, high: number): number {
  return Math.round(low + next() * (high - low));
}

const KINDS = [
  { name: 'Walk', typeId: 90013, googleType: 'WALKING', stepsPerMinute: 105, kcalPerMinute: 4.5 },
  { name: 'Run', typeId: 90009, googleType: 'RUNNING', stepsPerMinute: 160, kcalPerMinute: 11 },
  { name: 'Bike', typeId: 90001, googleType: 'BIKING', stepsPerMinute: 0, kcalPerMinute: 8 },
  { name: 'Swim', typeId: 90024, googleType: 'SWIMMING', stepsPerMinute: 0, kcalPerMinute: 9 },
] as const;

export interface Activity {
  readonly logId: number;
  readonly name: string;
  readonly typeId: number;
  readonly googleType: string;
  readonly startMs: number;
  readonly durationMs: number;
  readonly steps: number;
  readonly calories: number;
  readonly averageHeartRate: number;
  readonly distanceKm: number;
}

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function dayStartMs(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

function seedOf(user: TestUser): string {
  return user.dataSeed ?? user.login;
}

/** One activity a day for the given UTC day. */
export function activityOn(user: TestUser, day: string): Activity {
  const next = random(`${seedOf(user)}|activity|${day}`);
  const kind = KINDS[Math.floor(next() * KINDS.length)] ?? KINDS[0];
  const minutes = between(next, 20, 75);
  const startMs = dayStartMs(day) + between(next, 6 * 60, 19 * 60) * 60_000;
  return {
    logId: Number(`${dayStartMs(day) / DAY_MS}${between(next, 1000, 9999)}`),
    name: kind.name,
    typeId: kind.typeId,
    googleType: kind.googleType,
    startMs,
    durationMs: minutes * 60_000,
    steps: Math.round(kind.stepsPerMinute * minutes * (0.9 + next() * 0.2)),
    calories: Math.round(kind.kcalPerMinute * minutes),
    averageHeartRate: between(next, 100, 155),
    distanceKm: Math.round(minutes * (kind.stepsPerMinute > 120 ? 0.16 : 0.1) * 100) / 100,
  };
}

/** Activities on each of the `days` days before `beforeMs`'s day, oldest first. */
export function recentActivities(user: TestUser, beforeMs: number, days: number): Activity[] {
  const today = dayStartMs(utcDay(beforeMs));
  return Array.from({ length: days }, (_, index) => activityOn(user, utcDay(today - (days - index) * DAY_MS)));
}

export function restingHeartRate(user: TestUser, day: string): number {
  return between(random(`${seedOf(user)}|resting|${day}`), 52, 68);
}

/** 1440 per-minute heart rates for a UTC day, raised during that day's activity. */
export function heartRateByMinute(user: TestUser, day: string): number[] {
  const next = random(`${seedOf(user)}|heart|${day}`);
  const resting = restingHeartRate(user, day);
  const activity = activityOn(user, day);
  const activeFrom = (activity.startMs - dayStartMs(day)) / 60_000;
  const activeTo = activeFrom + activity.durationMs / 60_000;
  return Array.from({ length: 1440 }, (_, minute) => {
    const base = minute >= activeFrom && minute < activeTo ? activity.averageHeartRate : minute < 420 ? resting - 4 : resting + 12;
    return base + between(next, -4, 4);
  });
}

/** Steps per hour for a UTC day: background walking plus the day's activity. */
export function stepsByHour(user: TestUser, day: string): number[] {
  const next = random(`${seedOf(user)}|steps|${day}`);
  const activity = activityOn(user, day);
  const activityHour = new Date(activity.startMs).getUTCHours();
  return Array.from({ length: 24 }, (_, hour) => {
    const background = hour < 7 || hour > 22 ? 0 : between(next, 150, 900);
    return background + (hour === activityHour ? activity.steps : 0);
  });
}
