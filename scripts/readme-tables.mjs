#!/usr/bin/env node
// Regenerates the Inputs and Outputs tables of README.md from action.yml.
//
//   node scripts/readme-tables.mjs                      rewrite README.md
//   node scripts/readme-tables.mjs --check              exit 1 when README.md is out of date (CI)
//   node scripts/readme-tables.mjs --contract FILE      also check action.yml against the contract tables
//                                                       (input/output names and literal defaults) of FILE
//
// The tables go between <!-- inputs:start --> / <!-- inputs:end --> and <!-- outputs:start --> /
// <!-- outputs:end -->. The result is run through prettier so that `prettier --check` agrees with it.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { parse as parseYaml, YAMLError } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Reads action.yml with the failsafe schema, so every scalar stays the string written in the file: `required: false`
 * is 'false' and `default: 1.0` is '1.0', which is what the tables print and the contract compares against.
 */
function readAction(file) {
  let action;
  try {
    action = parseYaml(readFileSync(file, 'utf8'), { schema: 'failsafe' });
  } catch (error) {
    // Say which file is broken: the yaml package only gives the line and column.
    if (error instanceof YAMLError) error.message = `${path.basename(file)}: ${error.message}`;
    throw error;
  }
  if (typeof action !== 'object' || action === null || Array.isArray(action)) {
    throw new Error(`${path.basename(file)}: expected a mapping at the top level`);
  }
  return action;
}

// --- tables -----------------------------------------------------------------------------------------

function cell(text) {
  return String(text)
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|');
}

function code(text) {
  if (text === '') return "`''`";
  const ticks = text.includes('`') ? '``' : '`';
  return `${ticks}${text}${ticks}`;
}

function inputsTable(action) {
  const rows = ['| Input | Default | Description |', '| --- | --- | --- |'];
  for (const [name, spec] of Object.entries(action.inputs ?? {})) {
    const required = spec.required === 'true' ? ' **Required.**' : '';
    rows.push(`| \`${name}\` | ${cell(code(spec.default ?? ''))} | ${cell(spec.description ?? '')}${required} |`);
  }
  return rows.join('\n');
}

function outputsTable(action) {
  const rows = ['| Output | Description |', '| --- | --- |'];
  for (const [name, spec] of Object.entries(action.outputs ?? {})) {
    rows.push(`| \`${name}\` | ${cell(spec.description ?? '')} |`);
  }
  return rows.join('\n');
}

function replaceBetween(text, name, content) {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < 0 || b < a) throw new Error(`README.md: markers ${start} ... ${end} not found`);
  if (text.indexOf(start, a + 1) >= 0 || text.indexOf(end, b + 1) >= 0) {
    throw new Error(`README.md: markers ${start} / ${end} appear more than once`);
  }
  return `${text.slice(0, a + start.length)}\n\n${content}\n\n${text.slice(b)}`;
}

// --- contract check ---------------------------------------------------------------------------------

function contractTable(markdown, heading) {
  const at = markdown.search(new RegExp(`^## ${heading}\\s*$`, 'm'));
  if (at < 0) throw new Error(`contract: no "## ${heading}" section`);
  const rest = markdown.slice(at).split('\n').slice(1);
  const end = rest.findIndex((l) => l.startsWith('## '));
  const rows = new Map();
  for (const line of end < 0 ? rest : rest.slice(0, end)) {
    // A row marked **(v2)** is a part of contract version 2 that may not be built yet. One row may
    // name several (`pass-rate-low`, `pass-rate-high`).
    const m = /^\|\s*((?:`[a-z0-9-]+`\s*,?\s*)+)(\*\*\(v2\)\*\*)?\s*\|([^|]*)\|/.exec(line);
    if (!m) continue;
    for (const [, name] of m[1].matchAll(/`([a-z0-9-]+)`/g)) rows.set(name, { value: m[3].trim(), v2: Boolean(m[2]) });
  }
  return rows;
}

function checkContract(action, contractFile) {
  const markdown = readFileSync(contractFile, 'utf8');
  const problems = [];
  const inputs = contractTable(markdown, 'Inputs');
  const outputs = contractTable(markdown, 'Outputs');
  const actionInputs = action.inputs ?? {};
  const actionOutputs = action.outputs ?? {};
  for (const [name, { value: contractDefault, v2 }] of inputs) {
    if (!actionInputs[name]) {
      if (!v2) problems.push(`input ${name} is missing from action.yml`);
      continue;
    }
    const literal = /^`(.*)`$/.exec(contractDefault)?.[1];
    if (literal !== undefined) {
      const expected = literal === "''" ? '' : literal;
      const actual = actionInputs[name].default ?? '';
      if (actual !== expected)
        problems.push(`input ${name}: default ${JSON.stringify(actual)}, contract says ${contractDefault}`);
    }
  }
  for (const name of Object.keys(actionInputs))
    if (!inputs.has(name)) problems.push(`input ${name} is not in the contract`);
  for (const [name, { v2 }] of outputs)
    if (!actionOutputs[name] && !v2) problems.push(`output ${name} is missing from action.yml`);
  for (const name of Object.keys(actionOutputs))
    if (!outputs.has(name)) problems.push(`output ${name} is not in the contract`);
  return problems;
}

// --- main -------------------------------------------------------------------------------------------

async function main(argv) {
  let check = false;
  let contract = null;
  for (let k = 0; k < argv.length; k++) {
    if (argv[k] === '--check') check = true;
    else if (argv[k] === '--contract' && argv[k + 1]) contract = argv[++k];
    else
      throw new Error(
        `unknown argument ${JSON.stringify(argv[k])} (usage: readme-tables.mjs [--check] [--contract FILE])`,
      );
  }

  const actionFile = path.join(root, 'action.yml');
  const readmeFile = path.join(root, 'README.md');
  const action = readAction(actionFile);
  for (const [kind, entries] of [
    ['input', action.inputs],
    ['output', action.outputs],
  ]) {
    for (const [name, spec] of Object.entries(entries ?? {})) {
      if (typeof spec !== 'object' || !String(spec.description ?? '').trim()) {
        throw new Error(`action.yml: ${kind} ${name} has no description`);
      }
    }
  }

  if (contract) {
    const problems = checkContract(action, path.resolve(contract));
    if (problems.length) {
      console.error(`action.yml does not match ${contract}:\n  ${problems.join('\n  ')}`);
      return 1;
    }
    console.log(`action.yml matches the contract in ${contract}`);
  }

  const current = readFileSync(readmeFile, 'utf8');
  let next = replaceBetween(current, 'inputs', inputsTable(action));
  next = replaceBetween(next, 'outputs', outputsTable(action));
  const options = (await prettier.resolveConfig(readmeFile)) ?? {};
  next = await prettier.format(next, { ...options, filepath: readmeFile });

  if (next === current) {
    console.log('README.md tables are up to date');
    return 0;
  }
  if (check) {
    console.error('README.md is out of date with action.yml: run `npm run docs` and commit the result.');
    return 1;
  }
  writeFileSync(readmeFile, next);
  console.log('README.md tables updated');
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      console.error(`readme-tables: ${error instanceof YAMLError ? '' : 'error: '}${error.message}`);
      process.exit(2);
    },
  );
}
