import { describe, expect, it } from 'vitest';
import { csvField, dashboardCsv, toCsv } from '../../../src/classroom/csv.ts';
import type { Dashboard } from '../../../src/classroom/dashboard.ts';

describe('CSV export', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField(null)).toBe('');
    expect(csvField(3)).toBe('3');
  });

  it('defuses spreadsheet formulas in names', () => {
    expect(csvField('=HYPERLINK("http://evil","x")')).toBe(`"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csvField('+1')).toBe("'+1");
    expect(csvField('-1')).toBe("'-1");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it('starts with a BOM and ends lines with CRLF', () => {
    expect(
      toCsv([
        ['a', 'b'],
        ['c', 'd'],
      ]),
    ).toBe('\uFEFFa,b\r\nc,d\r\n');
  });

  it('writes one row per student with three columns per assigned lesson', () => {
    const dashboard: Dashboard = {
      class: { id: 'c', name: 'Net 101', archivedAt: null },
      columns: [{ slug: '4-1-x', chapter: 4, section: '4.1', title: 'User networks', dueAt: null, total: 2, counts: { done: 0, late: 0, started: 1, overdue: 0, selfReported: 0 } }],
      rows: [
        {
          student: { id: 's', displayName: '<img src=x onerror=alert(1)>', joinedAt: '2026-01-01T00:00:00.000Z', tag: '#s', canSignIn: false },
          cells: [
            {
              done: 1,
              exercises: [{ id: 'a', doneAt: '2026-01-02T00:00:00.000Z' }],
              selfReported: [],
              lastDoneAt: '2026-01-02T00:00:00.000Z',
              status: 'in-progress',
              startedAt: '2026-01-02T00:00:00.000Z',
              lastActivityAt: '2026-01-02T00:00:00.000Z',
              failingCheck: null,
            },
          ],
          totals: { assigned: 1, done: 0, late: 0, started: 1, overdue: 0, selfReported: 0 },
          lastActivityAt: '2026-01-02T00:00:00.000Z',
          stuck: null,
        },
      ],
      generatedAt: '2026-01-03T00:00:00.000Z',
    };
    const lines = dashboardCsv(dashboard).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('student,joined_at,4.1 User networks: done (of 2),4.1 User networks: last done at,4.1 User networks: status');
    expect(lines[1]).toBe('<img src=x onerror=alert(1)>,2026-01-01T00:00:00.000Z,1,2026-01-02T00:00:00.000Z,in-progress');
  });
});
