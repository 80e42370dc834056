import { escapeCsvText, unescapeCsvText } from './csv-formula-escape';

describe('CSV formula escape', () => {
  /** What a spreadsheet runs as a formula. */
  const runsAsFormula = (cell: string) => /^[=+\-@\t\r]/.test(cell);

  it('puts an apostrophe before every cell a spreadsheet would run as a formula', () => {
    const cases: [string, string][] = [
      ['=HYPERLINK("http://x","y")', '\'=HYPERLINK("http://x","y")'],
      ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
      ['-2+3', "'-2+3"],
      ['@SUM(1)', "'@SUM(1)"],
      ['\t=1+1', "'\t=1+1"],
      ['\r=1+1', "'\r=1+1"],
      ['=', "'="],
    ];
    for (const [text, cell] of cases) {
      expect(escapeCsvText(text)).withContext(JSON.stringify(text)).toBe(cell);
      expect(runsAsFormula(escapeCsvText(text))).withContext(JSON.stringify(text)).toBeFalse();
    }
  });

  it('escapes an apostrophe that the import would otherwise take off', () => {
    expect(escapeCsvText("'=x")).toBe("''=x");
    expect(escapeCsvText("'+1")).toBe("''+1");
    expect(escapeCsvText("'\tx")).toBe("''\tx");
    expect(escapeCsvText("''")).toBe("'''");
    expect(escapeCsvText("''a")).toBe("'''a");
  });

  it('leaves plain text alone, apostrophes and inner minus signs included', () => {
    for (const text of ['', 'Green Market', "O'Brien", "'a", "'", "' =x", '12-3', 'a=b', ' =x', '3 @ 2', 'Café – 東京 🍜']) {
      expect(escapeCsvText(text)).withContext(JSON.stringify(text)).toBe(text);
    }
  });

  it('takes off exactly one apostrophe, only before a formula character or another apostrophe', () => {
    expect(unescapeCsvText("'=HYPERLINK(\"http://x\",\"y\")")).toBe('=HYPERLINK("http://x","y")');
    expect(unescapeCsvText("'-2+3")).toBe('-2+3');
    expect(unescapeCsvText("'\r=1")).toBe('\r=1');
    expect(unescapeCsvText("''=x")).toBe("'=x");
    expect(unescapeCsvText("'''")).toBe("''");
    expect(unescapeCsvText("''")).toBe("'");
    for (const cell of ["'a", "O'Brien", "'", "' =x", '', '12-3', 'plain']) {
      expect(unescapeCsvText(cell)).withContext(JSON.stringify(cell)).toBe(cell);
    }
    // A formula another program wrote unescaped is read as the text it is.
    expect(unescapeCsvText('=1+1')).toBe('=1+1');
  });

  it('round-trips every string of up to four characters over the characters that matter, and never writes a formula', () => {
    const alphabet = ["'", '=', '+', '-', '@', '\t', '\r', '\n', ' ', 'a', '"', ','];
    let strings = [''];
    const all = [''];
    for (let length = 1; length <= 4; length++) {
      strings = strings.flatMap((prefix) => alphabet.map((c) => prefix + c));
      all.push(...strings);
    }
    expect(all.length).toBe(1 + 12 + 144 + 1728 + 20736);
    const broken = all.filter((text) => unescapeCsvText(escapeCsvText(text)) !== text || runsAsFormula(escapeCsvText(text)));
    expect(broken.map((text) => JSON.stringify(text))).toEqual([]);
    // Escaping changes only what it must: one apostrophe more, or nothing.
    const changed = all.filter((text) => escapeCsvText(text) !== text);
    expect(changed.every((text) => escapeCsvText(text) === `'${text}`)).toBeTrue();
    expect(changed.every((text) => runsAsFormula(text) || /^'[=+\-@\t\r']/.test(text))).toBeTrue();
  });
});
