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
// action.yml is read with a small parser for the YAML subset it uses (see parseYaml below).

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

class YamlError extends Error {}

/**
 * Parses the YAML subset action.yml uses: block mappings indented with spaces, comments, and scalars that are
 * plain, 'single-quoted', "double-quoted" (on one line) or block scalars (| or >, with - or + chomping).
 * Anything else (sequences, flow collections, anchors, tags, multi-line flow scalars) is rejected loudly
 * rather than misread. Every scalar is returned as a string.
 */
export function parseYaml(text, file = 'action.yml') {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let i = 0;
  const where = (n) => `${file}:${n + 1}`;
  const isBlank = (line) => /^\s*(#.*)?$/.test(line);
  const indentOf = (line) => /^ */.exec(line)[0].length;

  function parseScalar(raw, n) {
    const value = raw.trim();
    if (value === '') return '';
    if (value.startsWith("'")) {
      const m = /^'((?:[^']|'')*)'\s*(#.*)?$/.exec(value);
      if (!m) throw new YamlError(`${where(n)}: unterminated or multi-line single-quoted scalar`);
      return m[1].replace(/''/g, "'");
    }
    if (value.startsWith('"')) {
      const m = /^"((?:[^"\\]|\\.)*)"\s*(#.*)?$/.exec(value);
      if (!m) throw new YamlError(`${where(n)}: unterminated or multi-line double-quoted scalar`);
      const escapes = { n: '\n', t: '\t', r: '\r', '"': '"', '\\': '\\', '/': '/', 0: '\0', ' ': ' ' };
      return m[1].replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|.)/g, (_, e) => {
        if (e.length > 1) return String.fromCodePoint(parseInt(e.slice(1), 16));
        if (!(e in escapes)) throw new YamlError(`${where(n)}: unsupported escape \\${e}`);
        return escapes[e];
      });
    }
    if (/^[[{&*!|>%@`]/.test(value) || /^- /.test(value) || value === '-') {
      throw new YamlError(`${where(n)}: unsupported YAML construct: ${value}`);
    }
    const plain = value.replace(/\s+#.*$/, '');
    if (/:(\s|$)/.test(plain)) throw new YamlError(`${where(n)}: ": " inside a plain scalar; quote it`);
    return plain;
  }

  function parseBlockScalar(header, parentIndent, n) {
    const m = /^([|>])([+-]?)\s*(#.*)?$/.exec(header);
    if (!m) throw new YamlError(`${where(n)}: unsupported block scalar header ${header}`);
    const [, style, chomp] = m;
    const body = [];
    let indent = null;
    while (i < lines.length) {
      const line = lines[i];
      if (line.trim() === '') {
        body.push('');
        i++;
        continue;
      }
      const ind = indentOf(line);
      if (ind <= parentIndent) break;
      if (indent === null) indent = ind;
      if (ind < indent) throw new YamlError(`${where(i)}: bad indentation in block scalar`);
      body.push(line.slice(indent));
      i++;
    }
    let trailing = 0;
    while (body.length && body[body.length - 1] === '') {
      body.pop();
      trailing++;
    }
    let text;
    if (style === '|') {
      text = body.join('\n');
    } else {
      // Folding: single line breaks between non-empty, non-indented lines become spaces; empty lines stay.
      text = '';
      for (let k = 0; k < body.length; k++) {
        const line = body[k];
        if (k === 0) text = line;
        else if (line === '') text += '\n';
        else if (body[k - 1] === '' || /^\s/.test(line) || /^\s/.test(body[k - 1]))
          text += (text.endsWith('\n') ? '' : '\n') + line;
        else text += ' ' + line;
      }
    }
    if (chomp === '-' || body.length === 0) return text;
    if (chomp === '+') return text + '\n'.repeat(trailing + 1);
    return text + '\n';
  }

  function parseMapping(indent) {
    const map = {};
    while (i < lines.length) {
      const line = lines[i];
      if (isBlank(line)) {
        i++;
        continue;
      }
      if (line.includes('\t') && /^\s*\t/.test(line)) throw new YamlError(`${where(i)}: tab indentation`);
      const ind = indentOf(line);
      if (ind < indent) break;
      if (ind > indent) throw new YamlError(`${where(i)}: unexpected indentation`);
      const m = /^ *([A-Za-z0-9_][A-Za-z0-9_.-]*|'[^']*'|"[^"]*"):(?:\s+(.*))?$/.exec(line);
      if (!m) throw new YamlError(`${where(i)}: expected "key: value", got ${JSON.stringify(line.trim())}`);
      const key = /^['"]/.test(m[1]) ? m[1].slice(1, -1) : m[1];
      if (Object.hasOwn(map, key)) throw new YamlError(`${where(i)}: duplicate key ${key}`);
      const rest = (m[2] ?? '').trim();
      const n = i++;
      if (rest === '' || rest.startsWith('#')) {
        // A nested mapping (or an empty value).
        let next = i;
        while (next < lines.length && isBlank(lines[next])) next++;
        if (next < lines.length && indentOf(lines[next]) > indent) {
          i = next;
          map[key] = parseMapping(indentOf(lines[next]));
        } else {
          map[key] = '';
        }
      } else if (/^[|>]/.test(rest)) {
        map[key] = parseBlockScalar(rest, indent, n);
      } else {
        map[key] = parseScalar(rest, n);
      }
    }
    return map;
  }

  const doc = parseMapping(0);
  if (i < lines.length) throw new YamlError(`${where(i)}: could not parse`);
  return doc;
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
    const m = /^\|\s*`([a-z0-9-]+)`\s*\|([^|]*)\|/.exec(line);
    if (m) rows.set(m[1], m[2].trim());
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
  for (const [name, contractDefault] of inputs) {
    if (!actionInputs[name]) {
      problems.push(`input ${name} is missing from action.yml`);
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
  for (const name of outputs.keys())
    if (!actionOutputs[name]) problems.push(`output ${name} is missing from action.yml`);
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
  const action = parseYaml(readFileSync(actionFile, 'utf8'));
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
      console.error(`readme-tables: ${error instanceof YamlError ? '' : 'error: '}${error.message}`);
      process.exit(2);
    },
  );
}
