// Label selector semantics (apimachinery labels.Requirement.Matches, LabelSelectorAsSelector)
// and the validation the API server applies (NewRequirement), hand-checked.
import { describe, expect, it } from 'vitest';
import { labelSelectorAsSelector, labelSelectorProblem, parseInt64, requirementMatches } from '../../src/model/label-selector.js';

describe('LabelSelectorAsSelector', () => {
  it('nil selects nothing, {} everything (but counts as empty)', () => {
    expect(labelSelectorAsSelector(null).matches({ a: 'b' })).toBe(false);
    expect(labelSelectorAsSelector(undefined).matches({})).toBe(false);
    const all = labelSelectorAsSelector({});
    expect(all.matches({})).toBe(true);
    expect(all.empty).toBe(true);
    expect(labelSelectorAsSelector(null).empty).toBe(false);
  });

  it('ANDs matchLabels and matchExpressions', () => {
    const s = labelSelectorAsSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] });
    expect(s.matches({ app: 'web' })).toBe(true);
    expect(s.matches({ app: 'web', tier: 'db' })).toBe(false);
    expect(s.matches({ app: 'api' })).toBe(false);
  });

  it('NotIn and DoesNotExist match an absent key; In and Exists do not', () => {
    const r = (operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist', values: string[] = []) => requirementMatches({ key: 'k', operator, values }, {});
    expect([r('In', ['x']), r('NotIn', ['x']), r('Exists'), r('DoesNotExist')]).toEqual([false, true, false, true]);
  });

  it('Gt / Lt compare integers strictly; anything unparsable never matches', () => {
    const gt = (v: string, than: string) => requirementMatches({ key: 'k', operator: 'Gt', values: [than] }, { k: v });
    expect(gt('0206', '0204')).toBe(true);
    expect(gt('204', '0204')).toBe(false);
    expect(gt('abc', '1')).toBe(false);
    expect(requirementMatches({ key: 'k', operator: 'Lt', values: ['5'] }, { k: '-3' })).toBe(true);
    expect(parseInt64('9223372036854775808')).toBeNull();
  });

  it('an invalid selector (the API server would refuse it) selects nothing, with the reason', () => {
    const bad = { matchExpressions: [{ key: 'k', operator: 'In' as const, values: [] }] };
    expect(labelSelectorProblem(bad)).toMatch(/can't be empty/);
    expect(labelSelectorAsSelector(bad).matches({ k: 'x' })).toBe(false);
    expect(labelSelectorProblem({ matchLabels: { 'bad key!': 'v' } })).toMatch(/not a valid label key/);
    expect(labelSelectorProblem({ matchExpressions: [{ key: 'k', operator: 'Exists', values: ['x'] }] })).toMatch(/must be empty/);
  });
});
