import { createHash } from 'node:crypto';

/**
 * JSON with the keys of every object sorted (code-unit order) and undefined members left out: the
 * text that fingerprints and published versions are made of, so its output must never change. Built
 * with an explicit stack: no depth of data can exhaust the call stack.
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  // Either a value still to write, or literal text (a separator, a key, a closing bracket).
  const stack: ({ text: string } | { value: unknown })[] = [{ value }];
  while (stack.length) {
    const item = stack.pop() as { text: string } | { value: unknown };
    if ('text' in item) {
      out.push(item.text);
      continue;
    }
    const v = item.value;
    if (Array.isArray(v)) {
      const parts: ({ text: string } | { value: unknown })[] = [{ text: '[' }];
      v.forEach((element: unknown, i) => {
        if (i > 0) parts.push({ text: ',' });
        parts.push({ value: element });
      });
      parts.push({ text: ']' });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    } else if (v && typeof v === 'object') {
      const entries = Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const parts: ({ text: string } | { value: unknown })[] = [{ text: '{' }];
      entries.forEach(([k, x], i) => {
        parts.push({ text: `${i > 0 ? ',' : ''}${JSON.stringify(k)}:` }, { value: x });
      });
      parts.push({ text: '}' });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    } else {
      // JSON.stringify gives undefined for undefined (and functions): written as nothing, as join() did.
      out.push(JSON.stringify(v) ?? '');
    }
  }
  return out.join('');
}

/** SHA-256 of the data as canonical JSON (keys sorted at every level). */
export function fingerprint(data: unknown): string {
  return createHash('sha256').update(canonicalJson(data)).digest('hex');
}
