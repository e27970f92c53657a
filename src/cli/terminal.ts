/**
 * Text from the data (names, titles, messages) printed for a person must not drive their terminal:
 * escape sequences (colours, cursor moves, OSC 8 links, title changes, clipboard writes) and the other
 * C0 and C1 control characters are removed, newline and tab kept. Bidirectional overrides go too, as
 * they reorder what is shown. JSON output needs none of this (JSON escapes what it must; the data is
 * returned as stored).
 */
/* eslint-disable no-control-regex -- matching control characters is the point of this file */
const ESCAPE_SEQUENCES = [
  /\u001b\[[0-?]*[ -/]*[@-~]/g, // CSI: ESC [ … final byte
  /\u009b[0-?]*[ -/]*[@-~]/g, // CSI, C1 form
  /\u001b\][^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g, // OSC … BEL or ST
  /\u009d[^\u0007\u001b\u009c]*(?:\u0007|\u001b\\|\u009c)?/g, // OSC, C1 form
  /\u001b[P^_X][^\u001b\u009c]*(?:\u001b\\|\u009c)?/g, // DCS, PM, APC, SOS … ST
  /\u001b[ -/]*[0-~]/g, // any other ESC sequence
];
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/* eslint-enable no-control-regex */

export function terminalSafe(text: string): string {
  let out = text;
  for (const sequence of ESCAPE_SEQUENCES) out = out.replace(sequence, '');
  return out.replace(CONTROLS, '');
}
