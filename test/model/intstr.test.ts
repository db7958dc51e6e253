// Replays apimachinery intstr_test.go (test/fixtures/intstr-vectors.json) plus the forms Headroom's
// Deployment and PDB code rely on.
import { describe, expect, it } from 'vitest';
import vectors from '../fixtures/intstr-vectors.json' with { type: 'json' };
import { getScaledValueFromIntOrPercent, intOrPercentValue, isIntOrPercent, isZero, positiveIntOrPercent } from '../../src/model/intstr.js';

describe('getIntOrPercentValueSafely (TestGetIntFromIntOrString)', () => {
  it.each(vectors.getIntOrPercentValueSafely)('$input', ({ input, error, value, percent }) => {
    expect(isIntOrPercent(input)).toBe(!error);
    if (error) {
      expect(() => getScaledValueFromIntOrPercent(input, 100, true)).toThrow(/^invalid value for IntOrString: /);
      return;
    }
    // Scaling by a total of 100 returns the raw value for both forms; a total of 0 tells them apart.
    expect(getScaledValueFromIntOrPercent(input, 100, false)).toBe(value);
    expect(getScaledValueFromIntOrPercent(input, 0, false)).toBe(percent ? 0 : value);
  });
});

describe('GetScaledValueFromIntOrPercent (TestGetIntFromIntOrPercent)', () => {
  it.each(vectors.GetScaledValueFromIntOrPercent)('$input of $total, roundUp=$roundUp', (c) => {
    if (c.error) expect(() => getScaledValueFromIntOrPercent(c.input, c.total, c.roundUp)).toThrow(/invalid value for IntOrString/);
    else expect(getScaledValueFromIntOrPercent(c.input, c.total, c.roundUp)).toBe(c.value);
  });
});

describe('forms named by the Deployment and PDB specs', () => {
  it.each([
    ['25%', 10, true, 3], // maxSurge rounds up
    ['25%', 10, false, 2], // maxUnavailable rounds down
    ['30%', 7, true, 3], // PDB maxUnavailable rounds up
    ['34%', 3, true, 2], // PDB minAvailable percent rounds up
    ['0%', 0, true, 0],
    [5, 1000, false, 5],
    ['+10%', 50, false, 5],
  ] as const)('%s of %i (roundUp %s) = %i', (v, total, up, want) => {
    expect(getScaledValueFromIntOrPercent(v, total, up)).toBe(want);
  });

  it.each(['oops', '12%345', '12.5%', '5', '', ' 5%', '5 %'])('rejects %j with a message naming it', (v) => {
    expect(() => getScaledValueFromIntOrPercent(v, 10, true)).toThrow(`invalid value for IntOrString: `);
    expect(() => getScaledValueFromIntOrPercent(v, 10, true)).toThrow(JSON.stringify(v));
    expect(isIntOrPercent(v)).toBe(false);
  });

  it('says why: a plain number string is not a percentage', () => {
    expect(() => getScaledValueFromIntOrPercent('5', 10, true)).toThrow('invalid value for IntOrString: invalid type: string "5" is not a percentage');
    expect(() => getScaledValueFromIntOrPercent('12.5%', 10, true)).toThrow('invalid value "12.5%": not an integer percentage');
  });

  it('rejects non-integer numbers and other types', () => {
    expect(() => getScaledValueFromIntOrPercent(2.5, 10, true)).toThrow('invalid value for IntOrString: 2.5');
    expect(isIntOrPercent(2.5)).toBe(false);
    expect(isIntOrPercent(null)).toBe(false);
    expect(isIntOrPercent({})).toBe(false);
    expect(isIntOrPercent(3)).toBe(true);
    expect(isIntOrPercent('3%')).toBe(true);
  });

  it('isZero is true for 0 and "0%" only', () => {
    expect(isZero(0)).toBe(true);
    expect(isZero('0%')).toBe(true);
    expect(isZero('-0%')).toBe(true);
    expect(isZero(1)).toBe(false);
    expect(isZero('1%')).toBe(false);
    expect(isZero('0')).toBe(false); // not a valid IntOrPercent at all
  });
});

describe("the API validation's reading (ValidatePositiveIntOrPercent, getIntOrPercentValue)", () => {
  it('takes digits then % and whole numbers ≥ 0; a sign the scaler reads is refused here', () => {
    expect(positiveIntOrPercent('25%')).toBeNull();
    expect(positiveIntOrPercent(0)).toBeNull();
    expect(positiveIntOrPercent('+5%')).toBe("must be an integer or percentage (e.g. '5%')");
    expect(isIntOrPercent('+5%')).toBe(true);
    expect(positiveIntOrPercent(-1)).toBe('must be a whole number ≥ 0 or a percentage');
    expect(positiveIntOrPercent(1.5)).toBe('must be a whole number ≥ 0 or a percentage');
    expect(intOrPercentValue('150%')).toBe(150);
    expect(intOrPercentValue(3)).toBe(3);
  });
});
