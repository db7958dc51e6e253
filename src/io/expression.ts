// Memory usage values: a quantity ("1.5Gi"), "request", or an expression evaluated in a
// locked-down mathjs.
//
// Expression language (documented for users in the README/contract):
// - numbers are bytes; `request` and `limit` are the container's memory request and limit in
//   bytes, `t` is seconds since the value took effect (the start of the run, or the event),
//   `uptime` seconds since the container started (a restarted container starts again from 0);
// - the constants Ki, Mi, Gi, Ti (binary) and k, M, G, T (decimal) are byte multipliers, and
//   mathjs reads `512Mi` as `512 * Mi`, so Kubernetes quantities with those suffixes can be
//   written inside expressions: "min(limit, request + 1Mi * t)", "1.2Gi + 10Mi * sin(t / 60)";
// - also pi and e, the operators + - * / ^ % and comparisons, `and`/`or`/`not`, `c ? a : b`,
//   and the functions listed in FUNCTIONS.
// Everything else is rejected before anything runs: assignments, function definitions,
// strings, matrices, objects, property access, unknown symbols (so import, createUnit,
// evaluate, parse, simplify, derivative ... cannot even be named). The mathjs instance is
// itself built from only the functions allowed, and loaded lazily (`mathjs/number` costs about
// 0.3 s and 100 MB), so inventories without expressions never load it.
import type { MemoryUsage, UsageScope } from '../model/types.js';
import { QuantityError, parseBytes } from '../model/quantity.js';
import { ExpressionValueError, InputError, type InputLocation, excerpt } from './errors.js';

export const MAX_EXPRESSION_LENGTH = 500;

const OPERATORS = new Set([
  'add', 'subtract', 'multiply', 'divide', 'unaryMinus', 'unaryPlus', 'pow', 'mod',
  'smaller', 'larger', 'smallerEq', 'largerEq', 'equal', 'unequal', 'and', 'or', 'not',
]);
export const FUNCTIONS = ['min', 'max', 'abs', 'floor', 'ceil', 'round', 'sqrt', 'exp', 'log', 'sin', 'cos', 'pow', 'mod'] as const;
const FUNCTION_SET = new Set<string>(FUNCTIONS);

const KI = 1024;
export const CONSTANTS: Readonly<Record<string, number>> = {
  Ki: KI, Mi: KI ** 2, Gi: KI ** 3, Ti: KI ** 4, k: 1e3, M: 1e6, G: 1e9, T: 1e12, pi: Math.PI, e: Math.E,
};
const VARIABLES = ['request', 'limit', 't', 'uptime'] as const;
const SYMBOLS = new Set<string>([...VARIABLES, ...Object.keys(CONSTANTS)]);

type MathNode = {
  type: string;
  fn?: unknown;
  name?: string;
  value?: unknown;
  args?: MathNode[];
  conditionals?: string[];
  forEach(cb: (child: MathNode) => void): void;
};
interface MathInstance {
  parse(expr: string): MathNode;
  compile(expr: string): { evaluate(scope: Map<string, number>): unknown };
}

let mathPromise: Promise<MathInstance> | null = null;

/** The restricted mathjs instance, created on first use. */
export function loadMath(): Promise<MathInstance> {
  mathPromise ??= import('mathjs/number').then((m) => {
    const names = ['compile', ...OPERATORS, ...FUNCTIONS];
    const deps: Record<string, unknown> = {};
    for (const n of names) Object.assign(deps, (m as unknown as Record<string, object>)[`${n}Dependencies`]);
    return m.create(deps as Parameters<typeof m.create>[0]) as unknown as MathInstance;
  });
  return mathPromise;
}

/** Sample values the expression is tried with at load time (bytes, seconds). */
export interface Sample {
  readonly request: number;
  readonly limit: number;
}

/** A number with an optional letter suffix ("1.5Gi", "1e9", "12GB"): read as a quantity. */
const QUANTITY_LIKE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[A-Za-z]*$/;

const SAMPLE_TIMES = [0, 1, 30, 60, 300, 600, 1800, 3600, 86_400];

/**
 * Parses a memory usage value. `label` names the field in messages (`memory_usage`,
 * `events[2].memoryUsage.value`); `where` locates it. Empty or "request" = the request.
 */
export async function parseMemoryUsage(
  input: string | number,
  label: string,
  where: InputLocation,
  sample: Sample = { request: 256 * KI ** 2, limit: 512 * KI ** 2 },
): Promise<MemoryUsage> {
  const text = String(input).trim();
  const fail = (detail: string): never => {
    throw new InputError(`${label ? `${label} ` : ''}${excerpt(text, 120)}: ${detail}`, where);
  };
  if (text === '' || text === 'request') return { kind: 'request' };
  if (typeof input === 'number' || QUANTITY_LIKE.test(text)) {
    try {
      const bytes = parseBytes(text);
      if (bytes < 0) fail('must not be negative');
      return { kind: 'bytes', bytes };
    } catch (e) {
      if (e instanceof QuantityError) fail(`${e.reason} (a quantity like 1.5Gi, or an expression of request, limit and t)`);
      throw e;
    }
  }
  return compileExpression(text, sample, where).catch((e: unknown) => {
    if (e instanceof ExpressionError) return fail(e.message);
    throw e;
  });
}

export class ExpressionError extends Error {}

/**
 * Compiles an expression; throws ExpressionError saying what is not allowed. `where` is the
 * expression's place, named when it gives a bad value during a run.
 */
export async function compileExpression(source: string, sample: Sample, where: InputLocation = {}): Promise<MemoryUsage> {
  if (source.length > MAX_EXPRESSION_LENGTH) throw new ExpressionError(`longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const math = await loadMath();
  let tree: MathNode;
  try {
    tree = math.parse(source);
  } catch (e) {
    throw new ExpressionError(`not a valid expression: ${(e as Error).message}`);
  }
  const symbols = new Set<string>();
  check(tree, symbols);
  const compiled = math.compile(source);
  const scope = new Map<string, number>(Object.entries(CONSTANTS));
  const raw = ({ request, limit, t, uptime }: UsageScope): unknown => {
    scope.set('request', request);
    scope.set('limit', limit);
    scope.set('t', t);
    scope.set('uptime', uptime ?? t);
    return compiled.evaluate(scope);
  };
  const timeVarying = symbols.has('t') || symbols.has('uptime');
  for (const t of timeVarying ? SAMPLE_TIMES : [0]) {
    let v: unknown;
    try {
      v = raw({ ...sample, t, uptime: t });
    } catch (e) {
      throw new ExpressionError(`fails to evaluate: ${(e as Error).message}`);
    }
    const at = `with request=${sample.request}, limit=${sample.limit}, t=${t}${symbols.has('uptime') ? `, uptime=${t}` : ''}`;
    if (typeof v !== 'number') throw new ExpressionError(`does not give a number ${at} (got ${typeof v})`);
    if (!Number.isFinite(v)) throw new ExpressionError(`gives ${v} ${at}`);
    if (v < 0) throw new ExpressionError(`gives a negative number of bytes (${v}) ${at}`);
  }
  // Checked above for the sample times; any other time may still give NaN, ±Infinity or a
  // negative number (`t > 100 ? -1 : request`): that fails the run (contract "Limits"), naming
  // this place, instead of silently becoming 0 bytes. A comparison's boolean counts as 0/1.
  const evaluate = (scope: UsageScope): number => {
    const v = raw(scope);
    const n = typeof v === 'boolean' ? Number(v) : v;
    if (typeof n !== 'number' || !(n >= 0) || n === Infinity) throw new ExpressionValueError(source, v, { ...scope }, where);
    return n;
  };
  return { kind: 'expression', source, timeVarying, evaluate };
}

/** Walks the parsed tree; only the node kinds and names of the language above pass. */
function check(node: MathNode, symbols: Set<string>): void {
  switch (node.type) {
    case 'ConstantNode':
      if (typeof node.value !== 'number') throw new ExpressionError(`${describeConstant(node.value)} are not allowed (only numbers)`);
      return;
    case 'SymbolNode':
      if (!SYMBOLS.has(node.name ?? '')) throw new ExpressionError(unknownSymbol(node.name ?? ''));
      symbols.add(node.name!);
      return;
    case 'ParenthesisNode':
    case 'ConditionalNode':
      break;
    case 'OperatorNode':
      if (!OPERATORS.has(String(node.fn))) throw new ExpressionError(`the operator for "${String(node.fn)}" is not allowed`);
      break;
    case 'RelationalNode':
      if (!(node.conditionals ?? []).every((c) => OPERATORS.has(c))) throw new ExpressionError('comparison not allowed');
      break;
    case 'FunctionNode': {
      const fn = node.fn as MathNode;
      if (fn?.type !== 'SymbolNode' || !FUNCTION_SET.has(fn.name ?? '')) {
        const name = fn?.type === 'SymbolNode' ? `"${fn.name}"` : 'this call';
        throw new ExpressionError(`function ${name} is not allowed (allowed: ${FUNCTIONS.join(', ')})`);
      }
      for (const a of node.args ?? []) check(a, symbols);
      return;
    }
    default:
      throw new ExpressionError(NODE_NAMES[node.type] ? `${NODE_NAMES[node.type]} are not allowed` : `${node.type} is not allowed`);
  }
  node.forEach((child) => check(child, symbols));
}

const NODE_NAMES: Record<string, string> = {
  AssignmentNode: 'assignments',
  FunctionAssignmentNode: 'function definitions',
  AccessorNode: 'property and index access',
  IndexNode: 'property and index access',
  ArrayNode: 'matrices and arrays',
  ObjectNode: 'objects',
  BlockNode: 'several statements',
  RangeNode: 'ranges',
};

function describeConstant(v: unknown): string {
  if (typeof v === 'string') return 'strings';
  if (typeof v === 'boolean') return 'booleans';
  return 'null and undefined';
}

function unknownSymbol(name: string): string {
  return `unknown symbol "${name}" (allowed: ${VARIABLES.join(', ')}, constants ${Object.keys(CONSTANTS).join(', ')})`;
}
