/**
 * The workflow commands the action needs before its pipeline is loaded: add-mask, the error + exit
 * code of setFailed, and a one-line output (the `state` of a run refused on its inputs). They are written here, with @actions/core's escaping, because
 * importing @actions/core also loads its OIDC client (undici, ~1 MB): measured at about 45 ms of
 * the cold start on Node 20, which a run that fails on its inputs should not pay. Everything after
 * the inputs uses @actions/core itself.
 */

import { appendFileSync } from 'node:fs';

const escapeData = (s: string): string => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');

function issue(command: string, message: string): void {
  process.stdout.write(`::${command}::${escapeData(message)}\n`);
}

/** Same effect as core.setSecret. */
export function addMask(secret: string): void {
  issue('add-mask', secret);
}

/** Same effect as core.setFailed: an error annotation and exit code 1. */
export function setFailed(message: string): void {
  process.exitCode = 1;
  issue('error', message);
}

/** Same effect as core.setOutput for a one-line value (`name=value` in the runner's output file). */
export function setOneLineOutput(name: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`output ${name}: one line only`);
  const file = process.env['GITHUB_OUTPUT'];
  if (file) appendFileSync(file, `${name}=${value}\n`, 'utf8');
  else process.stdout.write(`\n::set-output name=${name}::${escapeData(value)}\n`);
}
