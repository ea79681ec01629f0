import { describe, expect, it } from 'vitest';
import { parseSwaps } from '../../../src/diagnostics/probes/proc-swaps';
import { fixtureLines, out } from './fixture';

const HEADER = 'Filename Type Size Used Priority';

describe('parseSwaps', () => {
  it.each([
    ['swap-enabled/swap-off.proc-swaps', { header: HEADER, areas: [] }],
    [
      'swap-enabled/handmade-swap-file-and-zram.proc-swaps',
      {
        header: HEADER,
        areas: [
          { text: '/swap.img file 2097148 0 -2', name: '/swap.img', type: 'file', size: '2097148' },
          { text: '/dev/zram0 partition 4001788 1024 100', name: '/dev/zram0', type: 'partition', size: '4001788' },
        ],
      },
    ],
  ])('reads %s', (path, value) => {
    expect(parseSwaps(fixtureLines(path))).toEqual({ ok: true, value });
  });

  it('gives null when /proc/swaps does not exist', () => {
    expect(parseSwaps(out('### missing /proc/swaps'))).toEqual({ ok: true, value: null });
  });

  it.each([
    [
      'another header',
      'Name Size\n',
      'expected the /proc/swaps header "Filename Type Size Used Priority"',
      'Name Size',
      1,
    ],
    [
      'a line that is no entry',
      'Filename\tType\tSize\tUsed\tPriority\n/swap.img file big 0 -2',
      'not a /proc/swaps entry',
      '/swap.img file big 0 -2',
      2,
    ],
  ])('rejects %s', (_name, text, what, line, no) => {
    expect(parseSwaps(out(text))).toEqual({ ok: false, what, line, no });
  });
});
