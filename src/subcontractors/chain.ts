/**
 * The sub-processing chain as a graph: an engagement with a `client` is an edge client → provider
 * between subcontractors. A chain must end: it may not loop back on itself (A engages B, B engages
 * A), and it may not run deeper than MAX_CHAIN_DEPTH levels. Real chains are two to four levels deep
 * (host → data centre → backup site); a deeper one is a data error that would only make every
 * document and check of the organisation slower. Pure and without recursion.
 */
export const MAX_CHAIN_DEPTH = 20;

export interface ChainLink {
  key: string;
  provider: string;
  client?: string | null;
}

export interface ChainProblem {
  /** Index of the engagement in the list given. */
  index: number;
  problem: string;
}

export function chainProblems(links: readonly ChainLink[], maxDepth = MAX_CHAIN_DEPTH): ChainProblem[] {
  // Edges between subcontractors, from the engagements that have a client.
  const incoming = new Map<string, number[]>();
  const outgoing = new Map<string, number[]>();
  const nodes = new Set<string>();
  links.forEach((l, i) => {
    nodes.add(l.provider);
    if (!l.client) return;
    nodes.add(l.client);
    push(incoming, l.provider, i);
    push(outgoing, l.client, i);
  });

  // Kahn's order: a subcontractor's level is known once every engagement leading to it is.
  const remaining = new Map([...nodes].map((n) => [n, incoming.get(n)?.length ?? 0]));
  const level = new Map<string, number>();
  const queue = [...nodes].filter((n) => remaining.get(n) === 0);
  for (const n of queue) level.set(n, 1);
  const problems: ChainProblem[] = [];
  const tooDeep = new Set<number>();
  for (let q = 0; q < queue.length; q++) {
    const client = queue[q];
    for (const i of outgoing.get(client) ?? []) {
      const provider = links[i].provider;
      const depth = (level.get(client) ?? 1) + 1;
      if (depth > maxDepth && !tooDeep.size) tooDeep.add(i);
      level.set(provider, Math.max(level.get(provider) ?? 0, depth));
      const left = (remaining.get(provider) ?? 0) - 1;
      remaining.set(provider, left);
      if (left === 0) queue.push(provider);
    }
  }
  for (const i of tooDeep) {
    problems.push({
      index: i,
      problem: `makes the sub-processing chain deeper than ${maxDepth} levels (${links[i].client} → ${links[i].provider})`,
    });
  }

  // Subcontractors never reached lie on a cycle or after one. Each has an engagement leading to it
  // from another such subcontractor, so walking those backwards must come round to a cycle.
  const stuck = [...nodes].filter((n) => (remaining.get(n) ?? 0) > 0);
  if (stuck.length) {
    const inCycle = new Set(stuck);
    const path: number[] = [];
    const visitedAt = new Map<string, number>();
    let node = stuck[0];
    while (!visitedAt.has(node)) {
      visitedAt.set(node, path.length);
      const edge = (incoming.get(node) ?? []).find((i) => inCycle.has(links[i].client as string)) as number;
      path.push(edge);
      node = links[edge].client as string;
    }
    const cycle = path.slice(visitedAt.get(node)).reverse();
    const names = [...cycle.map((i) => links[i].client as string), links[cycle[0]].client as string];
    const last = Math.max(...cycle);
    problems.push({
      index: last,
      problem: `closes a loop in the sub-processing chain: ${names.join(' → ')} (engagements ${cycle.map((i) => `"${links[i].key}"`).join(', ')})`,
    });
  }
  return problems;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
