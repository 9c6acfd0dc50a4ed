import { describe, expect, it } from '@jest/globals';
import { mergeMetadata } from '../../../../src/domain/user_metadata.js';

describe('metadata merge, as Auth0 merges app_metadata and user_metadata', () => {
  it('adds top-level keys to what is stored and keeps the others', () => {
    expect(mergeMetadata({ hobby: 'surfing' }, { addresses: { home: '123 Main Street' } })).toEqual({
      hobby: 'surfing',
      addresses: { home: '123 Main Street' },
    });
  });

  it('replaces a nested object whole instead of merging into it', () => {
    const stored = { addresses: { home: '123 Main Street' }, plan: 'full' };
    expect(mergeMetadata(stored, { addresses: { work: '100 Industrial Way' } })).toEqual({
      addresses: { work: '100 Industrial Way' },
      plan: 'full',
    });
  });

  it('removes a key set to null', () => {
    expect(mergeMetadata({ color: 'red', plan: 'full' }, { color: null })).toEqual({ plan: 'full' });
  });

  it('removes the metadata completely when patched with an empty object', () => {
    expect(mergeMetadata({ plan: 'full' }, {})).toBeUndefined();
  });

  it('leaves no metadata when its last key is removed', () => {
    expect(mergeMetadata({ plan: 'full' }, { plan: null })).toBeUndefined();
  });

  it('starts from nothing when none is stored, and does not change what is stored', () => {
    const stored = { plan: 'full' };
    expect(mergeMetadata(undefined, { plan: 'trial' })).toEqual({ plan: 'trial' });
    mergeMetadata(stored, { plan: null });
    expect(stored).toEqual({ plan: 'full' });
  });
});
