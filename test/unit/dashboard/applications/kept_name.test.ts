import { describe, expect, it } from '@jest/globals';
import { keptName } from '../../../../src/dashboard/applications/kept_name.js';

describe('the name the application settings form saves', () => {
  it('keeps a stored name with line breaks when the form sends it back as its one-line input shows it', () => {
    expect(keptName('Run\nClub', 'RunClub')).toBe('Run\nClub');
    expect(keptName('Run\r\nClub', 'RunClub')).toBe('Run\r\nClub');
    expect(keptName('Run \nClub', 'Run Club')).toBe('Run \nClub');
  });

  it('saves a name the admin changed as typed', () => {
    expect(keptName('Run\nClub', 'Run Club')).toBe('Run Club');
    expect(keptName('Step Counter', 'Step Counter 2')).toBe('Step Counter 2');
    expect(keptName('Step Counter', 'Step Counter')).toBe('Step Counter');
  });
});
