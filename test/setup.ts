/** Runs before every test file: what each file leaves behind is removed after it. */

import { afterAll } from 'vitest';
import { removeRunnerDirs } from './helpers/runner-env.js';

afterAll(removeRunnerDirs);
