/**
 * A signal that aborts when `parent` aborts or at `deadline` (epoch ms), whichever is first.
 * Written by hand because AbortSignal.any needs Node 20 and the bundle runs on Node 18.
 * The timer is unref'd and cleared by `dispose`, so it never keeps the process alive.
 */
export function deadlineSignal(parent: AbortSignal, deadline: number): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onAbort = (): void => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort('deadline'), Math.max(0, deadline - Date.now()));
  timer.unref?.();
  return {
    signal: controller.signal,
    dispose: () => {
      clearTimeout(timer);
      parent.removeEventListener('abort', onAbort);
    },
  };
}
