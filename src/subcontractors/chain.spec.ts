import { chainProblems, ChainLink, MAX_CHAIN_DEPTH } from './chain';

/** A chain org → s0 → s1 → … → s{n-1}: one engagement without client, then n-1 sub-processing ones. */
function line(n: number): ChainLink[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `e${i}`,
    provider: `s${i}`,
    client: i ? `s${i - 1}` : undefined,
  }));
}

describe('chainProblems', () => {
  it('accepts chains up to the maximum depth, and a tree or a diamond', () => {
    expect(chainProblems(line(MAX_CHAIN_DEPTH))).toEqual([]);
    expect(
      chainProblems([
        { key: 'a', provider: 'host' },
        { key: 'b', provider: 'dc1', client: 'host' },
        { key: 'c', provider: 'dc2', client: 'host' },
        { key: 'd', provider: 'backup', client: 'dc1' },
        { key: 'e', provider: 'backup', client: 'dc2' },
      ]),
    ).toEqual([]);
  });

  it('refuses the engagement that makes a chain one level too deep', () => {
    expect(chainProblems(line(MAX_CHAIN_DEPTH + 1))).toEqual([
      {
        index: MAX_CHAIN_DEPTH,
        problem: `makes the sub-processing chain deeper than ${MAX_CHAIN_DEPTH} levels (s${MAX_CHAIN_DEPTH - 1} → s${MAX_CHAIN_DEPTH})`,
      },
    ]);
  });

  it('handles an 8 000-long chain without recursion, reporting it once', () => {
    const problems = chainProblems(line(8000));
    expect(problems).toHaveLength(1);
    expect(problems[0].index).toBe(MAX_CHAIN_DEPTH);
  });

  it('names the loop and its engagements', () => {
    const [problem] = chainProblems([
      { key: 'root', provider: 'a' },
      { key: 'ab', provider: 'b', client: 'a' },
      { key: 'bc', provider: 'c', client: 'b' },
      { key: 'cb', provider: 'b', client: 'c' },
    ]);
    expect(problem.index).toBe(3);
    expect(problem.problem).toContain('loop');
    expect(problem.problem).toMatch(/(b → c → b|c → b → c)/);
    expect(problem.problem).toContain('"cb"');
    expect(problem.problem).toContain('"bc"');
    expect(problem.problem).not.toContain('"ab"');
  });

  it('finds a loop no engagement of the organisation reaches, and a subcontractor engaging itself', () => {
    expect(
      chainProblems([
        { key: 'xy', provider: 'y', client: 'x' },
        { key: 'yx', provider: 'x', client: 'y' },
      ]),
    ).toHaveLength(1);
    expect(chainProblems([{ key: 'self', provider: 'a', client: 'a' }])[0].problem).toContain('a → a');
  });

  it('finds a loop in a chain of 8 000 (without recursion)', () => {
    const links = line(8000);
    links.push({ key: 'back', provider: 's0', client: 's7999' });
    const problems = chainProblems(links, 10_000);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ index: 8000 });
  });
});
