/**
 * SIGINT and SIGTERM, which the runner sends to a step it cancels (then SIGKILL 7.5 s later). No
 * dependency, so that the entry point can ask, once the run has reported, whether to end the
 * process at once rather than wait for sockets still open.
 */

let received: NodeJS.Signals | null = null;

/** The stop signal this process received while a handler was installed, if any. */
export const stopSignalReceived = (): NodeJS.Signals | null => received;

/** Where stop signals come from: the process, or (in a test running two runs in one process) an emitter of its own. */
export interface SignalSource {
  on(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
  off(event: 'SIGINT' | 'SIGTERM', listener: (signal: NodeJS.Signals) => void): unknown;
}

/**
 * Calls `handler` on the first SIGINT or SIGTERM; later ones (the runner follows SIGINT with
 * SIGTERM) are ignored while the handler's work goes on. Returns the function that uninstalls it.
 */
export function onStopSignal(handler: (signal: NodeJS.Signals) => void, source: SignalSource = process): () => void {
  let handled = false;
  const listener = (signal: NodeJS.Signals): void => {
    if (handled) return;
    handled = true;
    received = signal;
    handler(signal);
  };
  source.on('SIGINT', listener);
  source.on('SIGTERM', listener);
  return () => {
    source.off('SIGINT', listener);
    source.off('SIGTERM', listener);
  };
}
