import { terminalSafe } from './terminal';

describe('terminalSafe', () => {
  it.each([
    ['\u001b[31mred\u001b[0m', 'red'],
    ['\u001b]0;title\u0007after', 'after'],
    ['\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\', 'link'],
    ['\u001b]52;c;Y2xpcGJvYXJk\u0007x', 'x'],
    ['\u009b2Jc1', 'c1'],
    ['\u001bPdcs\u001b\\text', 'text'],
    ['a\rb\u0000c\u0008d\u007fe\u0085f', 'abcdef'],
    ['\u202eevil\u202c', 'evil'],
    ['\u001b7saved\u001b8', 'saved'],
  ])('strips %j', (input, expected) => {
    expect(terminalSafe(input)).toBe(expected);
  });

  it('keeps newlines, tabs and every printable character', () => {
    const text = 'Hébergeur — Données de santé\n\tétape 1 → 2 « ok » 中文 עברית 😀';
    expect(terminalSafe(text)).toBe(text);
  });
});
