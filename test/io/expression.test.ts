import { describe, expect, it } from 'vitest';
import { parseMemoryUsage } from '../../src/io/expression.js';
import { ExpressionValueError, InputError, excerpt } from '../../src/io/errors.js';

const MI = 1024 ** 2;
const GI = 1024 ** 3;
const where = { file: 'workloads.csv', line: 4 };

async function usage(text: string | number) {
  return parseMemoryUsage(text, 'memory_usage', where, { request: GI, limit: 2 * GI });
}

async function rejected(text: string): Promise<string> {
  try {
    await usage(text);
  } catch (e) {
    expect(e).toBeInstanceOf(InputError);
    const msg = (e as Error).message;
    expect(msg.startsWith(`workloads.csv:4: memory_usage ${excerpt(text, 120)}: `)).toBe(true);
    return msg;
  }
  throw new Error(`expected ${text} to be rejected`);
}

describe('memory usage values', () => {
  it('reads quantities and "request"', async () => {
    expect(await usage('1.5Gi')).toEqual({ kind: 'bytes', bytes: 1.5 * GI });
    expect(await usage(1000)).toEqual({ kind: 'bytes', bytes: 1000 });
    expect(await usage('500M')).toEqual({ kind: 'bytes', bytes: 500e6 });
    expect(await usage('')).toEqual({ kind: 'request' });
    expect(await usage('request')).toEqual({ kind: 'request' });
  });

  it('compiles expressions of request, limit and t, with byte constants', async () => {
    const u = await usage('min(limit, request + 1Mi * t)');
    expect(u.kind).toBe('expression');
    if (u.kind !== 'expression') return;
    expect(u.timeVarying).toBe(true);
    expect(u.source).toBe('min(limit, request + 1Mi * t)');
    expect(u.evaluate({ request: GI, limit: 2 * GI, t: 10 })).toBe(GI + 10 * MI);
    expect(u.evaluate({ request: GI, limit: 2 * GI, t: 1e6 })).toBe(2 * GI);
    const c = await usage('request * 1.3');
    expect(c.kind === 'expression' && c.timeVarying).toBe(false);
    const piecewise = await usage('t < 600 ? 512Mi : 1.5Gi');
    expect(piecewise.kind === 'expression' && piecewise.evaluate({ request: 0, limit: 0, t: 700 })).toBe(1.5 * GI);
    const wave = await usage('request + 100Mi * sin(2 * pi * t / 3600)');
    expect(wave.kind === 'expression' && Math.round(wave.evaluate({ request: GI, limit: GI, t: 900 }))).toBe(GI + 100 * MI);
  });

  it('rejects bad quantities with a hint', async () => {
    expect(await rejected('1.5GB')).toMatch(/unknown suffix "GB"/);
    expect(await rejected('-5Mi')).toMatch(/must not be negative/);
  });

  describe('sandbox', () => {
    it.each([
      ['import({}, {override: true})', /function "import" is not allowed/],
      ['createUnit("foo")', /function "createUnit" is not allowed/],
      ['evaluate("1+1")', /function "evaluate" is not allowed/],
      ['parse("1")', /function "parse" is not allowed/],
      ['simplify("x")', /function "simplify" is not allowed/],
      ['derivative("x^2", "x")', /function "derivative" is not allowed/],
      ['x = 5', /assignments are not allowed/],
      ['request = 1Gi', /assignments are not allowed/],
      ['f(x) = x', /function definitions are not allowed/],
      ['"abc"', /strings are not allowed/],
      ["'abc'", /strings are not allowed/],
      ['[1, 2]', /matrices and arrays are not allowed/],
      ['{a: 1}', /objects are not allowed/],
      ['request.constructor', /property and index access are not allowed/],
      ['request["constructor"]', /property and index access are not allowed/],
      ['cos.constructor("return process")()', /not allowed|not a valid expression/],
      ['sin.constructor', /property and index access are not allowed/],
      ['1; 2', /several statements are not allowed/],
      ['1:3', /ranges are not allowed/],
      ['5!', /operator for "factorial" is not allowed/],
      ['2 to cm', /operator for "to" is not allowed/],
      ['process', /unknown symbol "process"/],
      ['true', /booleans are not allowed/],
      ['request * 1.3 + foo', /unknown symbol "foo"/],
    ])('rejects %s', async (expr, expected) => {
      expect(await rejected(expr)).toMatch(expected);
    });

    it('caps the length, and quotes only an excerpt of a long expression', async () => {
      const msg = await rejected('request + ' + '1 + '.repeat(200) + '1');
      expect(msg).toMatch(/longer than 500 characters/);
      expect(msg).toContain('(811 characters)');
      expect(msg.length).toBeLessThan(250);
    });

    it('rejects results that are negative, infinite or not numbers', async () => {
      expect(await rejected('request - 2 * limit')).toMatch(/gives a negative number of bytes/);
      expect(await rejected('request / 0')).toMatch(/gives Infinity/);
      expect(await rejected('log(-1) * 0 + 1 / (t - 60)')).toMatch(/gives|fails/);
      expect(await rejected('request > 0')).toMatch(/does not give a number|booleans/);
    });

    it('rejects syntax errors', async () => {
      expect(await rejected('request * (1.3')).toMatch(/not a valid expression/);
    });
  });
});

describe('a bad value while the simulation runs (contract "Limits")', () => {
  // Load time tries t = 0, 1, 30, 60, 300, 600, 1800, 3600, 86400: these pass there and go bad between.
  it.each([
    ['t > 100 and t < 200 ? -1Mi : request', 150, /gives a negative number \(-1048576\)/],
    ['t > 100 and t < 200 ? sqrt(-1) : request', 150, /gives NaN/],
    ['t > 100 and t < 200 ? request / (t - 150) : request', 150, /gives Infinity/],
  ])('%s at t=%i throws ExpressionValueError naming its place (it used to become 0 bytes)', async (expr, t, detail) => {
    const u = await usage(expr);
    expect(u.kind).toBe('expression');
    if (u.kind !== 'expression') return;
    expect(u.evaluate({ request: GI, limit: 2 * GI, t: 50 })).toBe(GI);
    let err: unknown;
    try {
      u.evaluate({ request: GI, limit: 2 * GI, t });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ExpressionValueError);
    expect(err).toBeInstanceOf(InputError);
    const e = err as ExpressionValueError;
    expect(e.message).toMatch(/^workloads\.csv:4: memory usage expression /);
    expect(e.message).toMatch(detail);
    expect(e.message).toContain(`t=${t}s`);
    // The commands add the simulated time: 222.5 s is 3m42.5s, shown rounded to 3m43s.
    expect(e.atSimulatedTime(222_500).message).toMatch(/; at simulated time 222\.5 s \(3m43s\)$/);
  });

  it('a comparison giving true/false still counts as 1/0 bytes', async () => {
    const u = await usage('request * 0 + (t > 10)');
    expect(u.kind === 'expression' && u.evaluate({ request: GI, limit: GI, t: 20 })).toBe(1);
  });
});
