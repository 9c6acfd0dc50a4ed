import { createHash, randomBytes } from 'node:crypto';
import type { Request, Response } from 'express';
import type { EphemeralStore, LockStore } from '../domain/ports.js';
import type { FormBody } from './form_fields.js';
import { renderPage } from './views.js';
import { waitForRecord } from './wait_for_record.js';

/**
 * One-time form tokens for the dashboard's forms whose second post would do more than the first:
 * its create forms (an application, a tenant, an admin's invitation) and its one-shot actions
 * (rotating a client secret, rotating the signing keys, Sign out everywhere, a new set-password
 * link). The session's CSRF token (csrf.ts) says a post comes from one of the admin's pages, any
 * number of times; this says which page it comes from, so that a double click, or Back and the same
 * form sent again, lands where the first post led instead of acting twice: a second application
 * (whose secret the browser never shows), an error ("already exists"), a second rotation (the
 * secret shown already replaced), a second end of the user's sessions, a new link voiding the one
 * just given.
 *
 * Each rendering of such a form carries a random token in FORM_TOKEN_FIELD (the forms of one page
 * may share it: the form's name and fields tell them apart). The first post of a token with given
 * fields claims it (a lock: across processes exactly one of two posts at once gets it), acts and
 * keeps where it led (a `form_outcome` record). A later post of the same token and fields is sent
 * there; one sent while the first is still at work waits for it. What the first kept there for one
 * view (shown_once.ts) is not kept again: a later post finds it only if that page was not seen yet.
 * The fields count because a form changed after going Back asks for something else: it is acted on.
 * A post without a token (a page from before tokens, a script) is acted on as before: CSRF, not
 * this, is what refuses a post that is not the admin's own.
 */
export const FORM_TOKEN_FIELD = '_form';

/** A form posted again this long after the first lands where the first led: a tab left open over a day's work. */
const OUTCOME_SECONDS = 24 * 60 * 60;

/**
 * How long a claim without an outcome holds: making a record takes a few store writes. A post that
 * claimed and then stopped (its process ended) leaves the form usable again after this.
 */
const IN_FLIGHT_MS = 60_000;

/** How long a second post waits for the first before saying it cannot tell yet what the first did. */
const WAIT_MS = 10_000;

const TOKEN = /^[A-Za-z0-9_-]{22}$/;

/** A new rendering's token: each page is a form of its own. */
export function newFormToken(): string {
  return randomBytes(16).toString('base64url');
}

/**
 * The token a refused form is shown again with: the one it was posted with, so that going Back to
 * the first page and sending it once the second was sent does not act twice.
 */
export function formTokenOf(body: FormBody): string {
  const posted = body?.[FORM_TOKEN_FIELD];
  return typeof posted === 'string' && TOKEN.test(posted) ? posted : newFormToken();
}

/** What one form asks for. */
export interface Submission {
  /** Which form ('application', 'client-secret'): tokens of different forms never meet. */
  form: string;
  /** The tenant the form acts in; '' for a new tenant. */
  tenant: string;
  /** The fields that decide what is done (a name, the application or user acted on), as the route read them. */
  fields: readonly string[];
}

export type SubmissionAnswer =
  /** Where the first post of the form led: the route redirects there. */
  | { kind: 'landed'; location: string }
  /** `make` answered itself (a refusal): nothing was done. */
  | { kind: 'answered' }
  /** The first post claimed the form and has not said where it led within WAIT_MS. */
  | { kind: 'unsettled' };

interface FormOutcome {
  location: string;
}

/**
 * Runs `make` once per form token and fields. `make` acts and returns where the browser goes (a
 * redirect's location), or answers itself (a refusal, on a page or by a redirect) and returns undefined;
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
  // Nothing done: the same form sent again is tried again, and refused again if nothing changed.
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

/** Redirects to where the form led; for a form whose first post is still at work, says so, with a link to `list` (where to look). */
export function answerSubmission(res: Response, answer: SubmissionAnswer, list: { href: string; text: string }): void {
  if (answer.kind === 'landed') return res.redirect(303, answer.location);
  if (answer.kind === 'answered') return;
  renderPage(
    res,
    'message',
    {
      title: 'This form was already sent',
      message:
        'The same form was sent a moment ago, and fitgate cannot tell yet what that did: it is still at work, or stopped before it finished. ' +
        'Nothing more was done. Look at the page below before sending the form again.',
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
