import { describe, expect, it } from '@jest/globals';
import { codeHash } from '../../../../src/authn/tokens/code_hash.js';

describe('codeHash', () => {
  it('matches the c_hash of OpenID Connect Core Appendix A.4', () => {
    expect(codeHash('Qcb0Orv1zh30vL1MPRsbm-diHiMwcLyZvn1arpZv-Jxf_11jnpEX3Tgfvk')).toBe('LDktKdoQak3Pk0cnXxCltA');
  });
});
