import 'reflect-metadata';
import { EXIT, run } from './program';

/**
 * The CLI's usage and help, in-process: the commander program with captured output (it throws instead
 * of exiting). No command here reaches a database; test/cli.e2e-spec.ts keeps one spawned smoke test of
 * the built binary.
 */
async function registre(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(
    ['node', 'registre', ...args],
    { out: (t) => out.push(t), err: (t) => err.push(t) },
    // Settings are read before any action: an empty environment, so nothing of the machine's leaks in.
    { env: {} },
  );
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const COMMANDS = [
  'seed',
  'export',
  'template',
  'import',
  'subprocessors import',
  'check',
  'render',
  'breach timeline',
  'deadline',
  'alerts run',
  'keys create',
  'keys list',
  'keys revoke',
  'users create',
  'users list',
  'users password',
  'users disable',
  'users enable',
  'serve',
];

describe('registre usage and help (in-process)', () => {
  it('prints the help and exits 2 when no command is given', async () => {
    const res = await registre();
    expect(res.code).toBe(EXIT.usage);
    expect(res.stdout).toContain('Usage: registre [options] [command]');
    for (const command of ['seed', 'export', 'import', 'check', 'render', 'breach', 'deadline', 'serve']) {
      expect(res.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    }
  });

  it('exits 0 for --help, printing the commands', async () => {
    const res = await registre('--help');
    expect(res.code).toBe(EXIT.ok);
    expect(res.stdout).toContain('Usage: registre [options] [command]');
    expect(res.stderr).toBe('');
  });

  it.each(COMMANDS)('exits 0 for "%s --help" with its usage line', async (command) => {
    const res = await registre(...command.split(' '), '--help');
    expect(res.code).toBe(EXIT.ok);
    expect(res.stdout).toContain(`Usage: registre ${command}`);
    expect(res.stderr).toBe('');
  });

  it.each([
    [['frobnicate'], "error: unknown command 'frobnicate'"],
    [['export'], "error: required option '--org <slug>' not specified"],
    [['import'], "error: missing required argument 'file'"],
    [['serve', '--port', 'abc'], 'abc'],
    [['deadline', '--from', '2026-05-01T10:00:00+02:00'], "error: required option '--add <period>' not specified"],
    [['seed', '--frobnicate'], "error: unknown option '--frobnicate'"],
  ])('exits 2 with a message for the usage error %j', async (args, message) => {
    const res = await registre(...args);
    expect(res.code).toBe(EXIT.usage);
    expect(res.stderr).toContain(message);
    expect(res.stdout).toBe('');
  });

  it('computes a deadline without a database, and refuses a start without an offset (exit 2)', async () => {
    const res = await registre('deadline', '--from', '2026-05-01T10:00:00+02:00', '--add', '72h', '--json');
    expect(res.code).toBe(EXIT.ok);
    expect(JSON.parse(res.stdout)).toMatchObject({
      due: '2026-05-04T10:00:00+02:00',
      period: { value: 72, unit: 'hours' },
    });
    const bad = await registre('deadline', '--from', '2026-05-01T10:00', '--add', '72h');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toContain('error: --from must be an ISO instant with offset, not "2026-05-01T10:00"');
  });

  it('stops on a bad setting before any command runs, naming the variable (exit 1)', async () => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(
      ['node', 'registre', 'deadline', '--from', '2026-05-01T10:00:00+02:00', '--add', '72h'],
      { out: (t) => out.push(t), err: (t) => err.push(t) },
      { env: { RATE_LIMIT_PER_MINUTE: 'many' } },
    );
    expect(code).toBe(EXIT.failure);
    expect(out).toEqual([]);
    expect(err.join('\n')).toContain('RATE_LIMIT_PER_MINUTE');
  });
});
