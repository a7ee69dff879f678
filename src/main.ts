import { run } from './steps/run.js';

// run() never rejects: it turns every error into setFailed.
void run();
