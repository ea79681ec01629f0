/**
 * One progress line on a terminal's stderr, redrawn at most every 100 ms and erased at the end.
 * Callers create it only when stderr is a TTY: pipes and CI logs get no progress noise.
 */
import type { NodeStatus } from '../transport/types';

export interface Progress {
  update(outcome: { name: string; status: NodeStatus }, done: number, total: number): void;
  done(): void;
}

export function createProgress(write: (text: string) => void, total: number): Progress {
  const trouble = new Map<NodeStatus, number>();
  let last = 0;
  let shown = false;
  const draw = (done: number): void => {
    const extra = [...trouble].map(([status, n]) => `${n} ${status}`).join(', ');
    write(`\r\u001b[Kk8sdiag: ${done}/${total} nodes${extra ? ` (${extra})` : ''}`);
    shown = true;
  };
  draw(0);
  return {
    update(outcome, done) {
      if (outcome.status !== 'ok') trouble.set(outcome.status, (trouble.get(outcome.status) ?? 0) + 1);
      const now = Date.now();
      if (now - last >= 100 || done === total) {
        last = now;
        draw(done);
      }
    },
    done() {
      if (shown) write('\r\u001b[K');
    },
  };
}
