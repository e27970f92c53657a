import { FieldProblem } from './errors';

/**
 * Deepest nesting a request body or bundle may have. The deepest record a bundle holds is about eight
 * levels down (bundle → organisation → processorTerms → deadlines → [0] → period → value); anything
 * far deeper is not a register, and unbounded depth would exhaust the stack of the validators.
 */
export const MAX_JSON_DEPTH = 32;

const NUL_PROBLEM = 'contains a NUL character (U+0000), which cannot be stored';

/** Keys that would reach an object's prototype if copied naively: refused, never silently dropped. */
const RESERVED_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * The first thing in parsed JSON that no validator should ever see: nesting deeper than `maxDepth`,
 * a reserved key, or a NUL character in a string or key (PostgreSQL's text cannot hold U+0000, and no
 * register entry needs one: refused alike on both engines rather than failing at the database).
 * Walks with an explicit stack, so any depth is safe to inspect.
 */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH, root = ''): FieldProblem | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 0 }];
  while (stack.length) {
    const item = stack.pop() as { value: unknown; path: string; depth: number };
    if (typeof item.value === 'string' && item.value.includes('\u0000')) {
      return { field: item.path || '(body)', problem: NUL_PROBLEM };
    }
    if (typeof item.value !== 'object' || item.value === null) continue;
    if (item.depth >= maxDepth) {
      return { field: item.path || '(body)', problem: `nests deeper than ${maxDepth} levels` };
    }
    if (Array.isArray(item.value)) {
      for (let i = item.value.length - 1; i >= 0; i--) {
        stack.push({ value: item.value[i] as unknown, path: `${item.path}[${i}]`, depth: item.depth + 1 });
      }
      continue;
    }
    const keys = Object.keys(item.value);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const path = item.path ? `${item.path}.${key}` : key;
      if (RESERVED_KEYS.has(key)) return { field: path, problem: `"${key}" is a reserved name and cannot be a field` };
      if (key.includes('\u0000')) return { field: path, problem: NUL_PROBLEM };
      stack.push({ value: (item.value as Record<string, unknown>)[key], path, depth: item.depth + 1 });
    }
  }
  return undefined;
}
