import { statSync } from 'node:fs';
import { nearestExisting } from './make_directory.js';

/** Who this process is and who owns the place, for a permission refusal: enough to pick the chown or chmod. */
export interface Ownership {
  readonly uid: number | undefined;
  readonly owner?: { readonly uid: number; readonly mode: number };
}

/**
 * Why this process cannot write `target` (the data directory, or a file in it), and what to do, in
 * one sentence, for the two causes an operator fixes differently: a file system mounted read-only
 * (EROFS), which no chmod fixes, and permissions (EACCES, EPERM), where the owner or the mode is at
 * fault. A `target` that does not exist yet is named with the directory above it that refused to
 * hold it. Undefined for any other code (the caller says those its own way).
 */
export function unwritablePlace(code: string | undefined, target: string, ownership: (place: string) => Ownership = ownershipOf): string | undefined {
  if (code !== 'EROFS' && code !== 'EACCES' && code !== 'EPERM') return undefined;
  const place = nearestExisting(target);
  const what = place === target ? target : `${target} cannot be created: ${place}`;
  if (code === 'EROFS') {
    return (
      `${what} is on a read-only file system; mount it read-write (fitgate writes its database there: a volume mounted :ro ` +
      'or a read-only root file system will not do), or set FITGATE_DATA_DIR to a directory on a writable one'
    );
  }
  const { uid, owner } = ownership(place);
  const user = uid === undefined ? 'the user fitgate runs as' : `uid ${uid}`;
  const facts = [
    ...(uid === undefined ? [] : [`this process runs as uid ${uid}`]),
    ...(owner ? [`${place} belongs to uid ${owner.uid}, mode ${(owner.mode & 0o7777).toString(8).padStart(4, '0')}`] : []),
  ];
  const fix =
    place === target
      ? `give ${user} write access to it (chown or chmod), or run fitgate as its owner`
      : `create ${target} for ${user} (mkdir -m 700 ${target}, then chown ${uid ?? 'that user'} ${target})`;
  return `${what} is not writable by this process${facts.length > 0 ? ` (${facts.join('; ')})` : ''}; ${fix}, or set FITGATE_DATA_DIR to a directory ${user} may write`;
}

function ownershipOf(place: string): Ownership {
  const uid = process.getuid?.();
  try {
    const { uid: owner, mode } = statSync(place);
    return { uid, owner: { uid: owner, mode } };
  } catch {
    // A place this process may not even look at: its refusal is reported without the details.
    return { uid };
  }
}
