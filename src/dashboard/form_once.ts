import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { EphemeralStore, LockStore } from '../domain/ports.js';
import type { FormBody } from './form_fields.js';
import { renderPage } from './views.js';
import { waitForRecord } from './wait_for_record.js';

/**
 * One-time form tokens for the dashboard's create forms (an application, a tenant, an admin's
 * invitation). The session's CSRF token (csrf.ts) says a post comes from one of the admin's pages,
 * any number of times; this says which page it comes from, so that a double click, or Back and
 * the same form sent again, lands where the first post led instead of making a second application
 * (whose secret the browser never shows) or meeting an error ("already exists").
 *
 * Each rendering of a create form carries a random token in FORM_TOKEN_FIELD. The first post of a
 * token with given fields claims it (a lock: across processes exactly one of two posts at once
 * gets it), makes the record and keeps where it led (a `form_outcome` record). A later post of the
 * same token and fields is sent there; one sent while the first is still at work waits for it.
 * The fields count because a form changed after going Back asks for something else: it is made.
 * A post without a token (a page from before tokens, a script) is made as before: CSRF, not this,
 * is what refuses a post that is not the admin's own.
 */
export const FORM_TOKEN_FIELD = '_form';

/** A form posted again this long after the first lands where the first led: a tab left open over a day's work. */
const OUTCOME_SECONDS = 24 * 60 * 60;

/**
 * How long a claim without an outcome holds: making a record takes a few store writes. A post that
 * claimed and then stopped (its process ended) leaves the form usable again after this.
 */
const IN_FLIGHT_MS = 60_000;

/** How long a second post waits for the first before saying it cannot tell yet what the first made. */
const WAIT_MS = 10_000;

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** A new create form's token: each page is a form of its own. */
export function newFormToken(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The token a refused form is shown again with: the one it was posted with, so that going Back to
 * the first page and sending it once the second was sent does not make the record twice.
 */
export function formTokenOf(body: FormBody): string {
  const posted = body?.[FORM_TOKEN_FIELD];
  return typeof posted === 'string' && TOKEN.test(posted) ? posted : newFormToken();
}

/** What one create form asks for. */
export interface Submission {
  /** Which form ('application'): tokens of different forms never meet. */
  form: string;
  /** The tenant the record is made in; '' for a new tenant. */
  tenant: string;
  /** The fields that decide what is made, as the route read them. */
  fields: readonly string[];
}

export type SubmissionAnswer =
  /** Where the first post of the form led: the route redirects there. */
  | { kind: 'landed'; location: string }
  /** `make` answered with a page of its own (a refusal): nothing was made. */
  | { kind: 'answered' }
  /** The first post claimed the form and has not said where it led within WAIT_MS. */
  | { kind: 'unsettled' };

interface FormOutcome {
  location: string;
}

/**
 * Runs `make` once per form token and fields. `make` makes the record and returns where the browser
 * goes (a redirect's location), or answers with a page itself (a refusal) and returns undefined;
 * what it keeps for that location's next view (shown_once.ts) is stored with the session before
 * anyone is sent there.
 */
export async function submitOnce(
  store: { locks: LockStore; ephemeral: EphemeralStore },
  res: Response,
  submission: Submission,
  make: () => Promise<string | undefined>,
): Promise<SubmissionAnswer> {
  const req = res.req;
  const token = (req.body as FormBody)?.[FORM_TOKEN_FIELD];
  if (typeof token !== 'string' || !TOKEN.test(token)) return landedOrAnswered(await make());
  const key = submissionKey(submission, res.locals.admin?.email ?? '', token);
  const lock = `form_submission:${key}`;
  const step = await waitForRecord(async () => {
    const outcome = await store.ephemeral.get<FormOutcome>('form_outcome', key);
    if (outcome) return { outcome };
    const claim = await store.locks.tryAcquire(lock, IN_FLIGHT_MS);
    return claim === undefined ? undefined : { claim };
  }, WAIT_MS);
  if (!step) return { kind: 'unsettled' };
  if (step.outcome) return { kind: 'landed', location: step.outcome.location };

  let location: string | undefined;
  try {
    location = await make();
  } catch (error) {
    await store.locks.release(lock, step.claim).catch(() => undefined);
    throw error;
  }
  // Nothing made: the same form sent again is tried again, and refused again if nothing changed.
  if (location === undefined) {
    await store.locks.release(lock, step.claim);
    return { kind: 'answered' };
  }
  // Before the outcome: a second post's browser, sent to `location` at once, must find what the
  // first kept there for one view (a new client secret, a set-password link) in the stored session.
  await saveSession(req);
  await store.ephemeral.put<FormOutcome>('form_outcome', key, { location }, OUTCOME_SECONDS);
  return { kind: 'landed', location };
}

/** Redirects to where the form led; for a form whose first post is still at work, says so, with a link to `list`. */
export function answerSubmission(res: Response, answer: SubmissionAnswer, list: { href: string; text: string }): void {
  if (answer.kind === 'landed') return res.redirect(303, answer.location);
  if (answer.kind === 'answered') return;
  renderPage(
    res,
    'message',
    {
      title: 'This form was already sent',
      message:
        'The same form was sent a moment ago, and fitgate cannot tell yet what that made: it is still at work, or stopped before it finished. ' +
        'Nothing more was made. Look in the list before opening the form again.',
      link: list,
    },
    409,
  );
}

function landedOrAnswered(location: string | undefined): SubmissionAnswer {
  return location === undefined ? { kind: 'answered' } : { kind: 'landed', location };
}

/** Hashed: the store keys hold no email address, and a field of any length makes a key of one size. */
function submissionKey(submission: Submission, admin: string, token: string): string {
  const parts = [submission.form, submission.tenant, admin, token, ...submission.fields];
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

function saveSession(req: Request): Promise<void> {
  return new Promise((resolve, reject) => req.session.save((error: unknown) => (error ? reject(error) : resolve())));
}
