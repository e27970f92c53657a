/**
 * Bundles written by an earlier version of the format, brought to the current one before validation,
 * so that a file exported before a change of the model still imports (nothing is dropped or guessed).
 *
 * - version 1 → 2: an engagement held one `transferSafeguard`; it now holds a list, `transferSafeguards`.
 */
export function upgradeBundle(raw: unknown): unknown {
  if (!isObject(raw) || raw.version !== 1) return raw;
  const engagements = Array.isArray(raw.engagements) ? raw.engagements : undefined;
  return {
    ...raw,
    version: 2,
    ...(engagements
      ? {
          engagements: engagements.map((e: unknown) => {
            if (!isObject(e) || !('transferSafeguard' in e)) return e;
            const { transferSafeguard, ...rest } = e;
            if ('transferSafeguards' in rest || transferSafeguard === null || transferSafeguard === undefined) return e;
            return { ...rest, transferSafeguards: [transferSafeguard] };
          }),
        }
      : {}),
  };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
