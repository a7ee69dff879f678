import { runPost } from './steps/post-run.js';

// runPost() never rejects: it only ever warns.
void runPost();
