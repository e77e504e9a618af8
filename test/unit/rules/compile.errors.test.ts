// compileFlag's errors are values: every error the compiler finds, each with its path and code,
// not the first one thrown.

import assert from 'node:assert/strict';
import { compileFlag, type Segment } from '../../../shared/rules/index.ts';

const onOff = { enabled: true, variants: { on: true, off: false }, offVariant: 'off', defaultVariant: 'off' } as const;

describe('compile errors', () => {
  it('reports every error of a segment that does not compile, at each rule naming it', () => {
    // Segments are validated on their own when stored; one arriving invalid is the compiler's to report.
    const segments = { s: { key: 's', when: { all: [{ attr: 'x', op: 'gt', value: 'no' }, { attr: 'y', op: 'semver_eq', value: 'bad' }] } } } as unknown as Record<string, Segment>;
    const rule = (id: string) => ({ id, when: { segment: 's' }, serve: { variant: 'on' } });
    const result = compileFlag({ key: 'f', ...onOff, rules: [rule('a'), rule('b')] }, { segments });
    assert.ok(!result.ok);
    assert.deepEqual(
      result.errors.map((e) => [e.path, e.code]),
      [
        ['/rules/0/when/segment', 'INVALID_OPERAND'],
        ['/rules/0/when/segment', 'INVALID_SEMVER'],
        ['/rules/1/when/segment', 'INVALID_OPERAND'],
        ['/rules/1/when/segment', 'INVALID_SEMVER'],
      ],
    );
    assert.match(result.errors[1]!.message, /^segment "s" does not compile: \/when\/all\/1\/value /);
  });

  it('compiles a flag whose segments compile', () => {
    const segments = { s: { key: 's', when: { attr: 'x', op: 'gt', value: 1 } } } as unknown as Record<string, Segment>;
    assert.ok(compileFlag({ key: 'f', ...onOff, rules: [{ id: 'a', when: { segment: 's' }, serve: { variant: 'on' } }] }, { segments }).ok);
  });
});
