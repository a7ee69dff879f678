import { stopSignalReceived } from './runner/signals.js';
import { run } from './steps/run.js';

// run() never rejects: it turns every error into setFailed. After a stop signal it has reported
// and cancelled what it started: end now rather than wait for sockets still open.
void run().then(() => (stopSignalReceived() ? process.exit() : undefined));
