import { describe, expect, it } from 'vitest';
import { neutralise } from '../../../src/report/writers/cells.js';

/** Spreadsheet formula injection: what Excel and LibreOffice would run as a formula must arrive as text. */
describe('neutralise', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","x")', '\'=HYPERLINK("http://evil.example","x")'],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['\r=1+1', "'\r=1+1"],
    ["=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"],
  ])('%j → %j', (input, output) => {
    expect(neutralise(input)).toBe(output);
  });

  it.each(['示例便利店', '622588******0101', 'A=1', ' =1', '', "'already quoted", '1-2'])('leaves %j alone', (input) => {
    expect(neutralise(input)).toBe(input);
  });
});
