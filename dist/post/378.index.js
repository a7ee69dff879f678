export const id = 378;
export const ids = [378];
export const modules = {

/***/ 9378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  createBackend: () => (/* binding */ createBackend)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __webpack_require__(4116);
// EXTERNAL MODULE: ./src/util/secrets.ts + 1 modules
var secrets = __webpack_require__(9251);
;// CONCATENATED MODULE: ./src/backends/auth.ts
/**
 * Credentials: an API key (sent only as the x-goog-api-key header) or Application Default
 * Credentials (a key file, or the external_account file google-github-actions/auth writes).
 * google-auth-library is imported here, lazily, so a run that fails on its inputs never loads it.
 */

const GEMINI_OAUTH_SCOPES = [
    'https://www.googleapis.com/auth/cloud-platform',
    'https://www.googleapis.com/auth/generative-language.tuning',
];
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
async function createAuthClient(opts) {
    const { GoogleAuth } = await __webpack_require__.e(/* import() */ 492).then(__webpack_require__.t.bind(__webpack_require__, 492, 23));
    if (opts.apiKey) {
        // fromAPIKey builds the client directly: getClient() would first probe for a metadata server.
        return new GoogleAuth().fromAPIKey(opts.apiKey);
    }
    const auth = new GoogleAuth({
        scopes: opts.scopes,
        ...(opts.projectId ? { projectId: opts.projectId } : {}),
    });
    try {
        return withTokenMasking((await auth.getClient()));
    }
    catch (err) {
        throw new Error(`no Google credentials found (${err.message}). Set the "api-key" input for the Gemini API, ` +
            'or run google-github-actions/auth before this step so Application Default Credentials exist', { cause: err });
    }
}
/**
 * Registers as a secret the exact access token of every request the client sends, renewed ones
 * included, so a token never shows in a log line, a report or a comment. A gaxios request
 * interceptor runs after the client has put its Authorization header in, right before the request
 * leaves; asking the client for its token separately could see a different one than it then sends.
 * Quota project: the library sends x-goog-user-project from the credentials' quota_project_id or
 * GOOGLE_CLOUD_QUOTA_PROJECT.
 */
function withTokenMasking(client) {
    client.transporter.interceptors.request.add({
        resolved: async (config) => {
            const authorization = config.headers.get('authorization');
            if (authorization)
                (0,secrets/* registerSecret */.cl)(authorization.replace(/^Bearer\s+/i, ''));
            return config;
        },
    });
    return client;
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
;// CONCATENATED MODULE: ./src/dataset/content-key.ts
/**
 * The content key: a sha256 over a canonical form of everything that determines a tuned model
 * (backend, base model, hyperparameters, training and validation examples). Examples enter as
 * their canonical lines (to-vertex-jsonl.ts), which do not depend on the file format, field
 * aliases or whitespace in the file, so the same data in JSONL, JSON, CSV or Vertex AI's own
 * formats gives the same key; any change to the data or settings changes it.
 *
 * Each example set is digested on its own (`ExamplesDigest`), so a set can be hashed while it
 * streams, before the settings are combined in.
 */


/** Bump when the canonical form changes (old keys then simply stop matching). */
const CONTENT_KEY_VERSION = 'gemini-tune/content-key/v2';
const HYPERPARAMETER_ORDER = (/* unused pure expression or super */ null && ([
    'epochCount',
    'batchSize',
    'learningRate',
    'learningRateMultiplier',
    'adapterSize',
]));
/** JSON with object keys sorted (recursively) and no whitespace; undefined members dropped. */
function canonicalJson(value) {
    if (value === null || typeof value !== 'object') {
        if (typeof value === 'number' && !Number.isFinite(value))
            return 'null';
        return JSON.stringify(value) ?? 'null';
    }
    if (Array.isArray(value))
        return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
    const obj = value;
    const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}
/**
 * The canonical text of one example for hashing: `P<n>:<input><m>:<output>` for a single-turn
 * example without a system instruction (whatever format it came in; n and m are the lengths in
 * UTF-16 code units, which makes the boundaries unambiguous without escaping anything), else
 * `N<n>:<canonical Vertex AI line>`.
 */
function digestText(e) {
    if (e.native !== undefined) {
        const pair = simplePair(e.native);
        if (pair === null) {
            const line = canonicalLine(e);
            return `N${line.length}:${line}`;
        }
        return `P${pair[0].length}:${pair[0]}${pair[1].length}:${pair[1]}`;
    }
    return `P${e.textInput.length}:${e.textInput}${e.output.length}:${e.output}`;
}
/** The texts of a native record that is one user turn and one model turn of one text part each. */
function simplePair(native) {
    const n = native;
    if (n === null || typeof n !== 'object' || n.systemInstruction !== undefined || !Array.isArray(n.contents))
        return null;
    if (n.contents.length !== 2)
        return null;
    const [u, m] = n.contents;
    if (u?.role !== 'user' || m?.role !== 'model' || u.parts?.length !== 1 || m.parts?.length !== 1)
        return null;
    const a = u.parts[0]?.text;
    const b = m.parts[0]?.text;
    return typeof a === 'string' && typeof b === 'string' ? [a, b] : null;
}
/**
 * Incremental sha256 over a set's examples in their canonical text (`digestText`), one example
 * at a time, so a set can be digested while it streams.
 */
class content_key_ExamplesDigest {
    hash = createHash('sha256');
    /** Examples are encoded into this buffer and hashed a buffer at a time (no string per example). */
    buf = Buffer.allocUnsafe(1 << 20);
    used = 0;
    result = null;
    count = 0;
    add(e) {
        if (this.result !== null)
            throw new Error('ExamplesDigest: add() after digest()');
        this.count++;
        let a;
        let b;
        if (e.native !== undefined) {
            const pair = simplePair(e.native);
            if (pair === null) {
                this.hash.update(digestText(e), 'utf8');
                return;
            }
            [a, b] = pair;
        }
        else {
            a = e.textInput;
            b = e.output;
        }
        // Worst case 3 bytes per UTF-16 code unit, plus the length prefixes.
        const need = 3 * (a.length + b.length) + 48;
        if (this.used + need > this.buf.length) {
            this.flush();
            if (need > this.buf.length) {
                this.hash.update(digestText(e), 'utf8');
                return;
            }
        }
        const buf = this.buf;
        let at = this.used;
        at += buf.write(`P${a.length}:`, at, 'latin1');
        at += buf.write(a, at, 'utf8');
        at += buf.write(`${b.length}:`, at, 'latin1');
        at += buf.write(b, at, 'utf8');
        this.used = at;
    }
    flush() {
        if (this.used > 0)
            this.hash.update(this.buf.subarray(0, this.used));
        this.used = 0;
    }
    /** Hex sha256 (the example count is hashed last, too). Nothing can be added afterwards. */
    digest() {
        if (this.result === null) {
            this.flush();
            this.hash.update(`#${this.count}`);
            this.result = this.hash.digest('hex');
        }
        return this.result;
    }
}
function examplesDigest(examples) {
    const d = new content_key_ExamplesDigest();
    for (const e of examples)
        d.add(e);
    return d.digest();
}
/**
 * sha256 (hex) of
 * `{"v":VERSION,"backend":…,"baseModel":…,"hyperparameters":{fixed order, null when unset},
 *   "examples":"<ExamplesDigest of the training set>","validationExamples":"<same>"}`.
 */
function contentKey(input) {
    const digestOf = (x) => 'digest' in x && typeof x.digest === 'string' ? x.digest : examplesDigest(x);
    const hp = HYPERPARAMETER_ORDER.map((k) => {
        const v = input.hyperparameters[k];
        return `${JSON.stringify(k)}:${v === null || v === undefined || !Number.isFinite(v) ? 'null' : JSON.stringify(v)}`;
    }).join(',');
    return createHash('sha256')
        .update(`{"v":${JSON.stringify(CONTENT_KEY_VERSION)},"backend":${JSON.stringify(input.backend)},"baseModel":${JSON.stringify(input.baseModel)},"hyperparameters":{${hp}},"examples":${JSON.stringify(digestOf(input.examples))},"validationExamples":${JSON.stringify(digestOf(input.validationExamples))}}`)
        .digest('hex');
}
/**
 * A Gemini API tunedModelId for a content key: `gt-` + the first 32 hex characters (35 characters,
 * matching `[a-z]([a-z0-9-]{0,38}[a-z0-9])?`). A key that is not hex is hashed first.
 */
function tunedModelIdFor(key) {
    const hex = /^[0-9a-f]{32,}$/i.test(key) ? key.toLowerCase() : createHash('sha256').update(key).digest('hex');
    return `gt-${hex.slice(0, 32)}`;
}

// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
;// CONCATENATED MODULE: ./src/dataset/problems.ts
/** Collecting dataset problems for one file, with repo-relative paths for annotations. */

/** Past this many problems in one file, further ones are counted, not stored. */
const MAX_STORED_PROBLEMS = 1000;
function defaultWorkspace() {
    const ws = process.env['GITHUB_WORKSPACE'];
    return ws !== undefined && ws !== '' ? ws : process.cwd();
}
/** `p` relative to `workspace`, with forward slashes (what GitHub annotations expect). */
function relativeToWorkspace(absolute, workspace) {
    const rel = path.relative(path.resolve(workspace), absolute);
    const out = rel === '' ? path.basename(absolute) : rel;
    return out.split(path.sep).join('/');
}
class ProblemSink {
    file;
    problems = [];
    errors = 0;
    warnings = 0;
    dropped = 0;
    constructor(file) {
        this.file = file;
    }
    /** A problem on a line. Messages carry no location: `line`/`column`/`file` do. */
    error(line, message, column) {
        this.add('error', line, message, column);
    }
    warning(line, message, column) {
        this.add('warning', line, message, column);
    }
    /** A problem about the whole file (annotated with the file alone). */
    fileError(message) {
        this.add('error', undefined, message);
    }
    fileWarning(message) {
        this.add('warning', undefined, message);
    }
    add(severity, line, message, column) {
        if (severity === 'error')
            this.errors++;
        else
            this.warnings++;
        if (this.problems.length >= MAX_STORED_PROBLEMS) {
            this.dropped++;
            return;
        }
        const problem = {
            severity,
            file: this.file,
            message,
        };
        if (line !== undefined)
            problem.line = line;
        if (line !== undefined && column !== undefined)
            problem.column = column;
        this.problems.push(problem);
    }
    /** The stored problems, plus one file-level summary if some were not stored. */
    finish() {
        if (this.dropped > 0) {
            this.problems.push({
                severity: this.errors > 0 ? 'error' : 'warning',
                file: this.file,
                message: `${problems_fmt(this.dropped)} more problems in this file were not listed (only the first ${MAX_STORED_PROBLEMS} are): fix these and run again`,
            });
            this.dropped = 0;
        }
        return this.problems;
    }
}
/** `12,345` */
function problems_fmt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
/** Short, single-line preview of an untrusted value for messages. */
function problems_preview(value, max = 40) {
    const flat = value.replace(/\s+/g, ' ');
    const cut = [...flat];
    return JSON.stringify(cut.length > max ? `${cut.slice(0, max).join('')}…` : flat);
}
function describeType(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'an array';
    switch (typeof value) {
        case 'number':
            return 'a number';
        case 'boolean':
            return 'a boolean';
        case 'object':
            return 'an object';
        case 'string':
            return 'a string';
        default:
            return typeof value;
    }
}

;// CONCATENATED MODULE: ./src/dataset/doctor.ts
/**
 * The dataset doctor: warnings about data that loads fine but is likely to tune badly.
 * Within a set: exact and near duplicates, one input with different outputs, outputs with nothing
 * in them, length outliers, and a prompt prefix most inputs share but some lack. Across sets:
 * eval inputs that are also training inputs (leakage) and validation examples whose input is in
 * the training set (overlap).
 *
 * Findings are warnings: they are annotated, listed in the JSON report, the job summary and the
 * PR comment, and never fail the run.
 */


const MAX_FINDING_LINES = 20;
/** Collects the lines of one kind of finding (the first few, and a count). */
class doctor_FindingLines {
    lines = [];
    /** For each stored line, the earlier line it relates to (0 when none). */
    related = [];
    count = 0;
    add(line, related = 0) {
        this.count++;
        if (this.lines.length < MAX_FINDING_LINES) {
            this.lines.push(line);
            this.related.push(related);
        }
    }
    /** `line 9 (same as line 3), line 12 (same as line 4)` for the first few. */
    describe(relation, max = 3) {
        const shown = this.lines.slice(0, max).map((l, k) => {
            const r = this.related[k] ?? 0;
            return r > 0 ? `line ${l} (${relation} line ${r})` : `line ${l}`;
        });
        return shown.join(', ') + (this.count > shown.length ? ', …' : '');
    }
}
function plural(n, one, many = `${one}s`) {
    return `${fmt(n)} ${n === 1 ? one : many}`;
}
function doctor_duplicateFinding(file, f) {
    if (f.count === 0)
        return null;
    return {
        kind: 'duplicate',
        file,
        count: f.count,
        examples: f.lines,
        message: `${plural(f.count, 'example')} repeat${f.count === 1 ? 's' : ''} an earlier example exactly (${f.describe('same as')}): a repeated example counts several times in training; remove the copies`,
    };
}
function doctor_nearDuplicateFinding(file, f) {
    if (f.count === 0)
        return null;
    return {
        kind: 'near-duplicate',
        file,
        count: f.count,
        examples: f.lines,
        message: `${plural(f.count, 'example')} differ${f.count === 1 ? 's' : ''} from an earlier one only in letter case or whitespace (${f.describe('like')}): keep one of each`,
    };
}
function doctor_conflictFinding(file, f) {
    if (f.count === 0)
        return null;
    return {
        kind: 'conflict',
        file,
        count: f.count,
        examples: f.lines,
        message: `${plural(f.count, 'example')} ha${f.count === 1 ? 's' : 've'} the same input as an earlier example but a different output (${f.describe('input of')}): the model cannot learn two answers to one input; keep the right output and remove the others`,
    };
}
function doctor_emptyOutputFinding(file, f) {
    if (f.count === 0)
        return null;
    return {
        kind: 'empty-output',
        file,
        count: f.count,
        examples: f.lines,
        message: `${plural(f.count, 'output')} contain${f.count === 1 ? 's' : ''} no letters or digits, only whitespace, punctuation or invisible characters (${f.describe('')}): the model learns to answer with nothing; write the intended answer or remove the example`,
    };
}
/** Fewer examples than this: no outlier or prompt-format finding (too little to tell). */
const MIN_EXAMPLES_FOR_SHAPE = 20;
/**
 * Length outliers, on a log scale: outside the quartiles by more than three interquartile ranges
 * and by at least a factor of 4.
 */
function doctor_lengthOutlierFinding(file, field, lengths, lines) {
    const n = lengths.length;
    if (n < MIN_EXAMPLES_FOR_SHAPE)
        return null;
    const sorted = lengths.sorted();
    const log = (x) => Math.log(x + 1);
    const q1 = log(percentile(sorted, 25));
    const q3 = log(percentile(sorted, 75));
    const spread = Math.max(3 * (q3 - q1), Math.log(4));
    const hi = q3 + spread;
    const lo = q1 - spread;
    const median = percentile(sorted, 50);
    const found = new doctor_FindingLines();
    const lens = [];
    for (let i = 0; i < n; i++) {
        const v = log(lengths.get(i));
        if (v > hi || v < lo) {
            found.add(lines.get(i));
            if (lens.length < 3)
                lens.push(lengths.get(i));
        }
    }
    if (found.count === 0)
        return null;
    const eg = found.lines
        .slice(0, 3)
        .map((l, k) => `line ${l}: ${plural(lens[k] ?? 0, 'character')}`)
        .join(', ');
    return {
        kind: 'length-outlier',
        file,
        count: found.count,
        examples: found.lines,
        message: `${plural(found.count, field)} ${found.count === 1 ? 'is' : 'are'} far longer or shorter than the rest (${eg}${found.count > 3 ? ', …' : ''}; the median is ${plural(median, 'character')}): check for truncated, merged or pasted-in text`,
    };
}
/** Inputs kept to look for a shared prefix; candidates come from these, counts from every input. */
const PREFIX_SAMPLE = 1000;
const PREFIX_SCAN_CHARS = 200;
const PREFIX_SHARE = 0.75;
const MAX_CANDIDATES = 8;
/**
 * Finds a prompt prefix or preamble (e.g. `Classify the sentiment:`) that most inputs start with
 * but some lack. Google's tuning guide: the examples must be formatted the way production prompts
 * are; a prefix that only some examples carry means that either those examples or the production
 * prompts do not match.
 *
 * Streaming: the candidates are the prefixes (at word or line boundaries) shared by at least 75%
 * of the first PREFIX_SAMPLE inputs; every input after that is only tested against them.
 */
class doctor_PrefixDoctor {
    sample = [];
    sampleLines = [];
    candidates = null;
    n = 0;
    add(input, line) {
        this.n++;
        if (this.candidates === null) {
            this.sample.push(input.slice(0, PREFIX_SCAN_CHARS));
            this.sampleLines.push(line);
            if (this.sample.length >= PREFIX_SAMPLE)
                this.pickCandidates();
            return;
        }
        for (const c of this.candidates) {
            if (input.startsWith(c.prefix))
                c.matches++;
            else
                c.lacking.add(line);
        }
    }
    pickCandidates() {
        const counts = new Map();
        for (const s of this.sample) {
            const seen = new Set();
            let boundaries = 0;
            for (let i = 1; i <= s.length && boundaries < 16; i++) {
                const prev = s[i - 1];
                const next = s[i];
                if (/\s/.test(prev))
                    continue;
                if (next === undefined || /\s/.test(next) || /[:.?!;,]/.test(prev)) {
                    boundaries++;
                    seen.add(s.slice(0, i));
                    if (next === '\n')
                        seen.add(s.slice(0, i + 1));
                }
            }
            for (const p of seen)
                counts.set(p, (counts.get(p) ?? 0) + 1);
        }
        const need = Math.ceil(this.sample.length * PREFIX_SHARE);
        let picked = [...counts]
            .filter(([p, c]) => c >= need && p.replace(/\s/g, '').length >= 2 && (p.trim().length >= 16 || /[:\n]$/.test(p)))
            .sort((a, b) => b[1] - a[1] || b[0].length - a[0].length);
        // Of prefixes matched by exactly the same inputs, keep the longest.
        picked = picked.filter(([p, c]) => !picked.some(([q, d]) => d === c && q.length > p.length && q.startsWith(p)));
        this.candidates = picked.slice(0, MAX_CANDIDATES).map(([prefix]) => ({
            prefix,
            matches: 0,
            lacking: new doctor_FindingLines(),
        }));
        for (let k = 0; k < this.sample.length; k++) {
            for (const c of this.candidates) {
                if (this.sample[k].startsWith(c.prefix))
                    c.matches++;
                else
                    c.lacking.add(this.sampleLines[k]);
            }
        }
        this.sample = [];
        this.sampleLines = [];
    }
    finding(file) {
        if (this.candidates === null) {
            if (this.n < MIN_EXAMPLES_FOR_SHAPE)
                return null;
            this.pickCandidates();
        }
        const best = (this.candidates ?? [])
            .filter((c) => c.matches >= this.n * PREFIX_SHARE && c.matches < this.n)
            .sort((a, b) => b.matches - a.matches || b.prefix.length - a.prefix.length)[0];
        if (!best)
            return null;
        const lack = this.n - best.matches;
        return {
            kind: 'prompt-format',
            file,
            count: lack,
            examples: best.lacking.lines,
            message: `${fmt(best.matches)} of ${fmt(this.n)} inputs start with ${preview(best.prefix, 60)} but ${plural(lack, 'input')} do${lack === 1 ? 'es' : ''} not (${best.lacking.describe('')}): tune on prompts formatted exactly as production sends them; add the prefix to these examples, or remove it everywhere if production does not send it`,
        };
    }
}
function leakageFinding(evalFile, trainingFile, f) {
    if (f.count === 0)
        return null;
    return {
        kind: 'leakage',
        file: evalFile,
        count: f.count,
        examples: f.lines,
        message: `${plural(f.count, 'eval input')} also appear${f.count === 1 ? 's' : ''} as a training input in ${trainingFile} (${f.describe('training')}): the tuned model can pass ${f.count === 1 ? 'it' : 'them'} from memory, so the pass rate overstates quality; remove ${f.count === 1 ? 'it' : 'them'} from one of the sets`,
    };
}
function overlapFinding(validationFile, trainingFile, f) {
    if (f.count === 0)
        return null;
    return {
        kind: 'overlap',
        file: validationFile,
        count: f.count,
        examples: f.lines,
        message: `${plural(f.count, 'validation example')} ha${f.count === 1 ? 's' : 've'} an input that is also in the training set ${trainingFile} (${f.describe('training')}): validation loss then measures memory, not generalisation; keep the two sets apart`,
    };
}

;// CONCATENATED MODULE: ./src/dataset/text-scan.ts
/**
 * One pass over a string that yields what the limits, the statistics and the dataset doctor need,
 * so that a large set is walked once per field rather than once per check: the length in code
 * points, how many of them are outside ASCII (for the token estimate), whether there is anything
 * visible in it, and two 64-bit fingerprints (exact, and after folding case and whitespace).
 *
 * The fingerprints are non-cryptographic (two 32-bit multiplicative lanes each). They only group
 * examples for warnings; the content key uses sha256.
 */
function text_scan_emptyScan() {
    return { chars: 0, nonAscii: 0, visible: false, exactLo: 0, exactHi: 0, normLo: 0, normHi: 0 };
}
const SEED_A = 0x9e3779b1;
const SEED_B = 0x85ebca77;
const M1 = 0x2c1b3c6d;
const M2 = 0x297a2d39;
function fin(h, other) {
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    return (h ^ (h >>> 16) ^ other) >>> 0;
}
function isSpace(c) {
    return (c === 0x20 ||
        (c >= 0x09 && c <= 0x0d) ||
        c === 0xa0 ||
        c === 0x1680 ||
        (c >= 0x2000 && c <= 0x200a) ||
        c === 0x2028 ||
        c === 0x2029 ||
        c === 0x202f ||
        c === 0x205f ||
        c === 0x3000 ||
        c === 0xfeff);
}
/** Invisible format characters: zero-width spaces and joiners, marks, soft hyphen, word joiner. */
function isInvisible(c) {
    return c === 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c === 0x034f;
}
/** ASCII classes: 0 punctuation or control (kept, not visible), 1 visible, 2 whitespace, 3 upper-case letter. */
const ASCII_CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
    if (c === 0x20 || (c >= 0x09 && c <= 0x0d))
        ASCII_CLASS[c] = 2;
    else if (c >= 0x41 && c <= 0x5a)
        ASCII_CLASS[c] = 3;
    else if ((c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || '$+<=>^|~'.includes(String.fromCharCode(c)))
        ASCII_CLASS[c] = 1;
}
/**
 * Scans `s` into `out` (reused, so a large set allocates nothing per field). `seed` separates
 * fields (an input and an output with the same text get different fingerprints).
 *
 * Speed matters here (every character of a large set passes through once), so:
 * - runs of lower-case ASCII letters (most of any text) take a tight inner loop;
 * - the normalised text is hashed in two independent multiplicative lanes the CPU runs side by side;
 * - the exact fingerprint is not a second full hash: it is the normalised one combined with a
 *   small hash of only the characters normalisation changed (upper-case letters, whitespace,
 *   invisible characters) and their positions, so two texts with equal normalised fingerprints
 *   are still told apart when their case or whitespace differ.
 */
function text_scan_scanText(s, seed, out) {
    let n1 = SEED_A ^ seed;
    let n2 = SEED_B ^ seed;
    let delta = seed;
    let nonAscii = 0;
    let pairs = 0;
    let visible = false;
    let pendingSpace = false;
    let started = false;
    const len = s.length;
    let i = 0;
    while (i < len) {
        let c = s.charCodeAt(i);
        if (c >= 0x61 && c <= 0x7a) {
            // hot path: a run of lower-case ASCII letters
            if (pendingSpace) {
                n1 = Math.imul(n1 ^ 0x20, M1);
                n2 = Math.imul(n2 ^ 0x20, M2);
                pendingSpace = false;
            }
            visible = true;
            started = true;
            do {
                n1 = Math.imul(n1 ^ c, M1);
                n2 = Math.imul(n2 ^ c, M2);
                i++;
                c = i < len ? s.charCodeAt(i) : 0;
            } while (c >= 0x61 && c <= 0x7a);
            continue;
        }
        const at = i;
        i++;
        if (c < 0x80) {
            const k = ASCII_CLASS[c];
            if (k === 2) {
                delta = Math.imul(delta ^ (c | (at << 8)), M1);
                if (started)
                    pendingSpace = true;
                continue;
            }
            if (k === 3) {
                delta = Math.imul(delta ^ (c | (at << 8)), M1);
                c += 0x20;
                visible = true;
            }
            else if (k === 1)
                visible = true;
        }
        else {
            nonAscii++;
            if (c >= 0xd800 && c <= 0xdbff && i < len) {
                const d = s.charCodeAt(i);
                if (d >= 0xdc00 && d <= 0xdfff) {
                    // one code point in two code units
                    i++;
                    pairs++;
                    c = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
                }
            }
            if (isSpace(c)) {
                delta = Math.imul(delta ^ (c | (at << 8)), M1);
                if (started)
                    pendingSpace = true;
                continue;
            }
            if (isInvisible(c)) {
                delta = Math.imul(delta ^ (c | (at << 8)), M1);
                continue;
            }
            if (!visible && !(c >= 0x2010 && c <= 0x2027) && !(c >= 0x3000 && c <= 0x303f))
                visible = true;
        }
        if (pendingSpace) {
            n1 = Math.imul(n1 ^ 0x20, M1);
            n2 = Math.imul(n2 ^ 0x20, M2);
            pendingSpace = false;
        }
        started = true;
        n1 = Math.imul(n1 ^ c, M1);
        n2 = Math.imul(n2 ^ c, M2);
    }
    out.chars = len - pairs;
    out.nonAscii = nonAscii;
    out.visible = visible;
    out.normLo = fin(n1, n2);
    out.normHi = fin(n2 ^ SEED_B, out.normLo);
    const d = fin(delta ^ len, 0);
    out.exactLo = fin(out.normLo ^ d, out.normHi);
    out.exactHi = fin(out.normHi ^ Math.imul(d, M2), out.exactLo);
    return out;
}
/**
 * Estimated tokens: about 4 ASCII characters per token and one token per other character. Only
 * an estimate (the real count depends on the model's tokenizer); it errs high for accented Latin
 * text and is close for CJK text.
 */
function text_scan_estimateTokens(chars, nonAscii) {
    return Math.ceil((chars - nonAscii) / 4) + nonAscii;
}
/** Combines two fingerprints (e.g. an input's and an output's) into one, order-sensitive, into `out`. */
function text_scan_combine(aLo, aHi, bLo, bHi, out) {
    const lo = fin(Math.imul(aLo ^ 0x5bd1e995, M1) ^ bLo, aHi);
    out[0] = lo;
    out[1] = fin(Math.imul(aHi ^ 0x1b873593, M2) ^ bHi, lo);
    return out;
}

;// CONCATENATED MODULE: ./src/dataset/analysis.ts
/**
 * What a training or validation set's examples add up to, built one example at a time so that a
 * large set need not be held in memory: the digest for the content key, the length statistics,
 * the doctor's fingerprints, and the backend limits that depend on the whole set (the Gemini API's
 * inline request size, the Vertex AI validation-set size) or on every turn of an example (the
 * Vertex AI token estimate).
 */






/**
 * The Gemini API takes the examples inline in the tunedModels.create request. Google's tuning
 * guide gives a 4 MB limit on that data; we hold the whole serialized request body to 4 MiB
 * (the service's default maximum request message, 4,194,304 bytes).
 */
const GEMINI_MAX_REQUEST_BYTES = 4 * 1024 * 1024;
/** Kept free in the request for everything but the examples (names, hyperparameters). */
const GEMINI_REQUEST_RESERVE_BYTES = 2048;
/** `{"textInput":` + `,"output":` + `}` + the comma between examples. */
const GEMINI_WIRE_OVERHEAD = '{"textInput":,"output":}'.length + 1;
/** Vertex AI: most validation examples per tuning job. */
const VERTEX_MAX_VALIDATION_EXAMPLES = 5000;
/** Vertex AI: most tokens per example (input and output together) for the Gemini 2.x tuning models. */
const VERTEX_MAX_TOKENS_PER_EXAMPLE = 131_072;
const SEED_INPUT = 0x1a2b3c4d;
const SEED_OUTPUT = 0x5e6f7a8b;
class DatasetAnalyzer {
    opts;
    digest = new ExamplesDigest();
    lengths = new LengthColumns();
    lines = new U32Column();
    /** Normalised fingerprints of the inputs (the last user turn), for leakage and overlap. */
    normInputs = new FingerprintTable();
    exactPairs = new FingerprintTable();
    normPairs = new FingerprintTable();
    exactInputs = new FingerprintTable(1024, true);
    duplicates = new FindingLines();
    nearDuplicates = new FindingLines();
    conflicts = new FindingLines();
    emptyOutputs = new FindingLines();
    prefix = new PrefixDoctor();
    inScan = emptyScan();
    outScan = emptyScan();
    ctxScan = emptyScan();
    fp = [0, 0];
    inlineBytes = GEMINI_REQUEST_RESERVE_BYTES;
    inlineOverLine = 0;
    validationOverLine = 0;
    count = 0;
    constructor(opts) {
        this.opts = opts;
    }
    /**
     * Takes one valid example. Returns false (after reporting the problem) when the example breaks
     * a limit found here; such an example is still counted in the statistics.
     */
    add(e) {
        this.digest.add(e);
        this.count++;
        this.lines.push(e.line);
        scanText(e.textInput, SEED_INPUT, this.inScan);
        scanText(e.output, SEED_OUTPUT, this.outScan);
        // The input the model conditions on: the text input, or a Vertex AI record's system
        // instruction and every turn before the answer.
        const ctx = e.native !== undefined ? contextOf(e.native) : null;
        const input = ctx !== null ? scanText(ctx, SEED_INPUT, this.ctxScan) : this.inScan;
        const inTokens = estimateTokens(input.chars, input.nonAscii);
        const outTokens = estimateTokens(this.outScan.chars, this.outScan.nonAscii);
        this.lengths.push(input.chars, inTokens, this.outScan.chars, outTokens);
        // Doctor: duplicates, near duplicates, conflicting outputs, empty outputs, prefixes.
        const fp = this.fp;
        combine(input.exactLo, input.exactHi, this.outScan.exactLo, this.outScan.exactHi, fp);
        const dup = this.exactPairs.addIfAbsent(fp[0], fp[1], e.line);
        combine(input.normLo, input.normHi, this.outScan.normLo, this.outScan.normHi, fp);
        const near = this.normPairs.addIfAbsent(fp[0], fp[1], e.line);
        const sameInput = this.exactInputs.addIfAbsent(input.exactLo, input.exactHi, e.line, this.outScan.exactLo);
        if (dup >= 0)
            this.duplicates.add(e.line, this.exactPairs.value(dup));
        else if (near >= 0)
            this.nearDuplicates.add(e.line, this.normPairs.value(near));
        else if (sameInput >= 0 && this.exactInputs.value2(sameInput) !== this.outScan.exactLo)
            this.conflicts.add(e.line, this.exactInputs.value(sameInput));
        this.normInputs.addIfAbsent(this.inScan.normLo, this.inScan.normHi, e.line);
        if (!this.outScan.visible)
            this.emptyOutputs.add(e.line);
        this.prefix.add(e.textInput, e.line);
        const { backend, role, sink } = this.opts;
        let ok = true;
        if (backend === 'gemini-api' && role === 'training' && e.native === undefined) {
            // Sets this small are cheap to serialise: the exact bytes of each example's JSON strings.
            this.inlineBytes +=
                Buffer.byteLength(JSON.stringify(e.textInput)) +
                    Buffer.byteLength(JSON.stringify(e.output)) +
                    GEMINI_WIRE_OVERHEAD;
            if (this.inlineBytes > GEMINI_MAX_REQUEST_BYTES && this.inlineOverLine === 0)
                this.inlineOverLine = e.line;
        }
        if (backend === 'vertex-ai') {
            const tokens = inTokens + outTokens;
            if (tokens > VERTEX_MAX_TOKENS_PER_EXAMPLE) {
                sink.error(e.line, `this example is about ${fmt(tokens)} tokens by our estimate (4 characters a token for ASCII text, 1 per other character; the service's own count may differ); Vertex AI tunes on at most ${fmt(VERTEX_MAX_TOKENS_PER_EXAMPLE)} tokens per example (input and output together): shorten it or split it into smaller examples`);
                ok = false;
            }
            if (role === 'validation' && this.count === VERTEX_MAX_VALIDATION_EXAMPLES + 1)
                this.validationOverLine = e.line;
        }
        return ok;
    }
    /** Reports the limits that depend on the whole set. Call once, after the last example. */
    finish() {
        const { sink } = this.opts;
        if (this.inlineOverLine > 0) {
            sink.error(this.inlineOverLine, `the Gemini API takes the training examples inline, in one request of at most 4 MB (${fmt(GEMINI_MAX_REQUEST_BYTES)} bytes), and the examples up to this line already pass that (the whole set needs about ${fmt(this.inlineBytes)} bytes): use fewer or shorter examples, or the vertex-ai backend, which uploads the data to Cloud Storage`);
        }
        if (this.validationOverLine > 0) {
            sink.error(this.validationOverLine, `the validation set has ${fmt(this.count)} examples and Vertex AI accepts at most ${fmt(VERTEX_MAX_VALIDATION_EXAMPLES)}; this is the first one over: keep a representative ${fmt(VERTEX_MAX_VALIDATION_EXAMPLES)} or fewer`);
        }
    }
    /** Bytes of the Gemini API request body the examples need (with a reserve for the rest). */
    get geminiRequestBytes() {
        return this.inlineBytes;
    }
    /** The doctor's findings within this set. */
    findings() {
        const file = this.opts.file;
        return [
            duplicateFinding(file, this.duplicates),
            nearDuplicateFinding(file, this.nearDuplicates),
            conflictFinding(file, this.conflicts),
            emptyOutputFinding(file, this.emptyOutputs),
            lengthOutlierFinding(file, 'input', this.lengths.inChars, this.lines),
            lengthOutlierFinding(file, 'output', this.lengths.outChars, this.lines),
            this.prefix.finding(file),
        ].filter((f) => f !== null);
    }
    stats(warnings) {
        return {
            count: this.count,
            input: this.lengths.fieldStats('input'),
            output: this.lengths.fieldStats('output'),
            duplicates: this.duplicates.count,
            nearDuplicates: this.nearDuplicates.count,
            conflicts: this.conflicts.count,
            warnings,
        };
    }
    /** The line of the first example whose input has this normalised fingerprint (scanned with SEED_INPUT), or 0. */
    lineOfNormalisedInput(normLo, normHi) {
        const slot = this.normInputs.find(normLo, normHi);
        return slot < 0 ? 0 : this.normInputs.value(slot);
    }
}
/** System instruction and turns before the last (model) turn, one text per part, separated. */
function contextOf(native) {
    const n = native;
    if (!Array.isArray(n.contents))
        return null;
    const texts = [];
    for (const p of n.systemInstruction?.parts ?? [])
        texts.push(`system: ${String(p.text ?? '')}`);
    const turns = n.contents;
    for (let k = 0; k < turns.length - 1; k++) {
        const t = turns[k];
        for (const p of t?.parts ?? [])
            texts.push(`${String(t?.role ?? '')}: ${String(p.text ?? '')}`);
    }
    // A single user turn without a system instruction is just its text (the same as a pair).
    if (texts.length === 1 && n.systemInstruction === undefined && turns.length === 2 && turns[0]?.parts?.length === 1)
        return String(turns[0]?.parts?.[0]?.text ?? '');
    return texts.join('\n');
}

// EXTERNAL MODULE: ./src/backends/errors.ts
var errors = __webpack_require__(3878);
// EXTERNAL MODULE: ./src/backends/generate-content.ts
var generate_content = __webpack_require__(7454);
;// CONCATENATED MODULE: ./src/backends/gemini-api.ts
/**
 * The Gemini API backend: tunedModels.create with inline examples, operations.get while it
 * trains, tunedModels.get for the final state and snapshots, tunedModels.delete to cancel,
 * and tunedModels/{id}:generateContent for the eval. Tuned-model methods exist only under /v1beta.
 */



const GEMINI_API_HOST = 'https://generativelanguage.googleapis.com';
const GEMINI_DEFAULT_BASE_MODEL = 'models/gemini-1.5-flash-001-tuning';
const OPERATION_NAME = /^tunedModels\/([a-z0-9-]+)\/operations\/[A-Za-z0-9_-]+$/;
const MODEL_NAME = /^tunedModels\/[a-z0-9-]+$/;
class GeminiApiBackend {
    http;
    name = 'gemini-api';
    defaultBaseModel = GEMINI_DEFAULT_BASE_MODEL;
    base;
    constructor(http, apiEndpoint) {
        this.http = http;
        this.base = (apiEndpoint ?? GEMINI_API_HOST).replace(/\/+$/, '');
    }
    url(version, path, query) {
        const u = new URL(`${this.base}/${version}/${path}`);
        for (const [k, v] of Object.entries(query ?? {}))
            u.searchParams.set(k, v);
        return u.toString();
    }
    async create(req) {
        const body = {
            displayName: req.displayName,
            ...(req.description ? { description: req.description } : {}),
            baseModel: req.baseModel,
            tuningTask: {
                hyperparameters: wireHyperparameters(req.hyperparameters),
                trainingData: {
                    examples: { examples: req.examples.map((e) => ({ textInput: e.textInput, output: e.output })) },
                },
            },
        };
        // The examples travel inline: check the request size before sending anything.
        const bytes = Buffer.byteLength(JSON.stringify(body));
        if (bytes > GEMINI_MAX_REQUEST_BYTES) {
            throw new Error(`the tunedModels.create request would be ${bytes.toLocaleString('en-US')} bytes, and the Gemini API takes the examples inline in one request of at most 4 MB (${GEMINI_MAX_REQUEST_BYTES.toLocaleString('en-US')} bytes): use fewer or shorter examples, or the vertex-ai backend, which uploads the data to Cloud Storage`);
        }
        try {
            const op = await this.http.json({
                method: 'POST',
                url: this.url('v1beta', 'tunedModels', req.tunedModelId ? { tunedModelId: req.tunedModelId } : undefined),
                body,
                // With a fixed tunedModelId a repeated create cannot make a second model: it gets
                // ALREADY_EXISTS, handled below by attaching to the model the first attempt made.
                idempotent: req.tunedModelId !== null,
                what: 'tunedModels.create',
            });
            return operationStatus(op);
        }
        catch (err) {
            if (err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 409 && req.tunedModelId) {
                return this.status(`tunedModels/${req.tunedModelId}`);
            }
            throw explain(err, { baseModel: req.baseModel });
        }
    }
    async status(job, signal) {
        try {
            if (OPERATION_NAME.test(job)) {
                const op = await this.http.json({
                    method: 'GET',
                    url: this.url('v1beta', job),
                    what: 'operations.get',
                    ...(signal ? { signal } : {}),
                });
                if (!op.done)
                    return operationStatus(op);
                // Finished: the tuned model has the final state and every snapshot.
                const modelName = op.metadata?.tunedModel ?? op.response?.name ?? job.replace(/\/operations\/.*$/, '');
                const model = await this.getModel(modelName, signal);
                const status = modelStatus(model, job, op);
                if (op.error && status.state !== 'ACTIVE') {
                    status.state = 'FAILED';
                    status.error = op.error.message ?? `tuning failed (${op.error.status ?? op.error.code ?? 'unknown error'})`;
                }
                return status;
            }
            if (MODEL_NAME.test(job))
                return modelStatus(await this.getModel(job, signal), '', undefined);
            throw new Error(`"${job}" is not a Gemini API operation (tunedModels/ID/operations/OP) or tuned model (tunedModels/ID)`);
        }
        catch (err) {
            throw explain(err, {});
        }
    }
    getModel(name, signal) {
        return this.http.json({
            method: 'GET',
            url: this.url('v1beta', name),
            what: 'tunedModels.get',
            ...(signal ? { signal } : {}),
        });
    }
    async cancel(status) {
        const model = status.tunedModel ?? status.job.replace(/\/operations\/.*$/, '');
        try {
            await this.http.json({ method: 'DELETE', url: this.url('v1beta', model), what: 'tunedModels.delete' });
        }
        catch (err) {
            if (err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 404)
                return; // already gone
            throw explain(err, {});
        }
    }
    async findByContentKey(_contentKey, tunedModelId) {
        if (!tunedModelId)
            return null;
        try {
            return modelStatus(await this.getModel(`tunedModels/${tunedModelId}`), '', undefined);
        }
        catch (err) {
            if (err instanceof errors/* GoogleApiError */.GI && err.httpStatus === 404)
                return null;
            throw explain(err, {});
        }
    }
    generate(model, prompt, config, signal) {
        return (0,generate_content/* generateContent */.l)(this.http, this.url('v1beta', `${model}:generateContent`), prompt, config, signal);
    }
}
function wireHyperparameters(h) {
    const out = {};
    if (h.learningRate !== null)
        out['learningRate'] = h.learningRate;
    if (h.learningRateMultiplier !== null)
        out['learningRateMultiplier'] = h.learningRateMultiplier;
    if (h.epochCount !== null)
        out['epochCount'] = h.epochCount;
    if (h.batchSize !== null)
        out['batchSize'] = h.batchSize;
    return out;
}
function snapshots(list) {
    return (list ?? []).map((s) => ({
        step: Number(s.step ?? 0),
        epoch: s.epoch === undefined ? 0 : Number(s.epoch),
        meanLoss: typeof s.meanLoss === 'number' ? s.meanLoss : null,
        computeTime: s.computeTime ?? null,
    }));
}
function operationStatus(op) {
    const meta = op.metadata ?? {};
    const total = meta.totalSteps ?? null;
    const done = op.done === true;
    let state = 'CREATING';
    if (done)
        state = op.error ? 'FAILED' : op.response?.state === 'FAILED' ? 'FAILED' : 'ACTIVE';
    return {
        job: op.name ?? '',
        state,
        tunedModel: meta.tunedModel ?? op.response?.name ?? null,
        endpoint: meta.tunedModel ?? op.response?.name ?? null,
        completedPercent: meta.completedPercent ?? (total ? 0 : null),
        completedSteps: meta.completedSteps ?? (total ? 0 : null),
        totalSteps: total,
        snapshots: snapshots(meta.snapshots),
        error: op.error ? (op.error.message ?? 'tuning failed') : null,
        hyperparameters: null,
    };
}
function modelStatus(model, job, op) {
    const state = model.state === 'ACTIVE' ? 'ACTIVE' : model.state === 'FAILED' ? 'FAILED' : 'CREATING';
    const snaps = snapshots(model.tuningTask?.snapshots ?? op?.metadata?.snapshots);
    const total = op?.metadata?.totalSteps ?? null;
    const last = snaps.at(-1);
    const h = model.tuningTask?.hyperparameters;
    return {
        job,
        state,
        tunedModel: model.name ?? null,
        endpoint: model.name ?? null,
        completedPercent: state === 'ACTIVE' ? 100 : (op?.metadata?.completedPercent ?? null),
        completedSteps: last?.step ?? null,
        totalSteps: total ?? (state === 'ACTIVE' ? (last?.step ?? null) : null),
        snapshots: snaps,
        error: state === 'FAILED' ? 'tuning failed' : null,
        hyperparameters: h
            ? {
                epochCount: h.epochCount ?? null,
                batchSize: h.batchSize ?? null,
                learningRate: h.learningRate ?? null,
                learningRateMultiplier: h.learningRateMultiplier ?? null,
            }
            : null,
    };
}
/** Adds what the user can do about common errors. */
function explain(err, ctx) {
    if (!(err instanceof errors/* GoogleApiError */.GI))
        return err;
    let hint = '';
    if (err.httpStatus === 403 && err.status === 'PERMISSION_DENIED') {
        hint =
            ' — the credentials may not tune models: with an API key, check that the key belongs to a project with the ' +
                'Generative Language API enabled; with OAuth credentials, they need the scope ' +
                'https://www.googleapis.com/auth/generative-language.tuning (or cloud-platform).';
    }
    else if (err.httpStatus === 401) {
        hint =
            ' — the credentials were rejected: check the "api-key" input or the credentials from google-github-actions/auth.';
    }
    else if (err.httpStatus === 400 && /API key not valid/i.test(err.message)) {
        hint =
            ' — the "api-key" input is not a valid Gemini API key: create one in Google AI Studio and store it as a secret.';
    }
    else if (err.httpStatus === 404 && ctx.baseModel) {
        hint =
            ` — base model "${ctx.baseModel}" was not found or cannot be tuned. Set "base-model" to a model whose ` +
                'supportedGenerationMethods include "createTunedModel" (list them with GET /v1beta/models), e.g. ' +
                `${GEMINI_DEFAULT_BASE_MODEL}.`;
    }
    else if (err.httpStatus === 429) {
        hint = ' — quota exhausted: tuning quotas are per project; wait or ask for more quota.';
    }
    if (!hint)
        return err;
    return new errors/* GoogleApiError */.GI(err.message + hint, err.httpStatus, err.status, err.retryAfterMs, err.details);
}

// EXTERNAL MODULE: ./src/backends/http.ts
var http = __webpack_require__(1265);
;// CONCATENATED MODULE: ./src/backends/create-backend.ts





async function createBackend(settings) {
    if (settings.backend === 'gemini-api') {
        const client = await createAuthClient({ apiKey: settings.apiKey, scopes: GEMINI_OAUTH_SCOPES });
        return new GeminiApiBackend(new http/* GoogleHttp */.EA(client), settings.apiEndpoint);
    }
    if (!settings.project)
        throw new Error('the vertex-ai backend needs "project"');
    // Application Default Credentials only (a key file, or google-github-actions/auth's external_account
    // file); projectId given so the library does not look the project up.
    const client = await createAuthClient({ apiKey: null, scopes: [CLOUD_PLATFORM_SCOPE], projectId: settings.project });
    const { VertexAiBackend } = await __webpack_require__.e(/* import() */ 666).then(__webpack_require__.bind(__webpack_require__, 6666));
    return new VertexAiBackend(new http/* GoogleHttp */.EA(client), client, {
        project: settings.project,
        location: settings.location,
        stagingUri: settings.stagingUri,
        apiEndpoint: settings.apiEndpoint,
        log: (message) => core/* info */.pq((0,secrets/* scrub */._I)(message)),
    });
}


/***/ }),

/***/ 3878:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Dr: () => (/* binding */ NetworkError),
/* harmony export */   GI: () => (/* binding */ GoogleApiError),
/* harmony export */   r3: () => (/* binding */ isRetryable)
/* harmony export */ });
/**
 * Errors raised by the HTTP layer. A google.rpc.Status error body becomes a GoogleApiError;
 * a connection-level failure (reset, refused, timeout, DNS) becomes a NetworkError.
 */
class GoogleApiError extends Error {
    httpStatus;
    status;
    retryAfterMs;
    details;
    name = 'GoogleApiError';
    constructor(message, 
    /** HTTP status, e.g. 429. */
    httpStatus, 
    /** google.rpc.Code name, e.g. 'RESOURCE_EXHAUSTED' (or 'UNKNOWN' when the body had none). */
    status, 
    /** Delay the server asked for (Retry-After header or google.rpc.RetryInfo), in ms. */
    retryAfterMs = undefined, 
    /** The raw details array of the google.rpc.Status, when present. */
    details = []) {
        super(message);
        this.httpStatus = httpStatus;
        this.status = status;
        this.retryAfterMs = retryAfterMs;
        this.details = details;
    }
    /** 429, 500, 502, 503, 504: worth retrying. */
    get retryable() {
        return [429, 500, 502, 503, 504].includes(this.httpStatus);
    }
}
class NetworkError extends Error {
    code;
    name = 'NetworkError';
    retryable = true;
    constructor(message, 
    /** e.g. 'ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND'. */
    code) {
        super(message);
        this.code = code;
    }
}
function isRetryable(err) {
    return (err instanceof GoogleApiError && err.retryable) || err instanceof NetworkError;
}


/***/ }),

/***/ 7454:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   l: () => (/* binding */ generateContent)
/* harmony export */ });
/**
 * One generateContent call, as both the Gemini API and Vertex AI define it (same request and
 * response shapes; only the URL differs). Single attempt: the eval runner owns retries.
 */
async function generateContent(http, url, prompt, config, signal) {
    const res = await http.json({
        method: 'POST',
        url,
        body: {
            contents: [{ role: 'user', parts: [{ text: prompt }] }],
            generationConfig: {
                temperature: config.temperature,
                ...(config.maxOutputTokens ? { maxOutputTokens: config.maxOutputTokens } : {}),
            },
        },
        retry: false,
        what: 'generateContent',
        ...(signal ? { signal } : {}),
    });
    const candidate = res.candidates?.[0];
    if (!candidate) {
        const blocked = res.promptFeedback?.blockReason;
        throw new Error(`the model returned no answer${blocked ? ` (prompt blocked: ${blocked})` : ''}`);
    }
    return (candidate.content?.parts ?? []).map((p) => p.text ?? '').join('');
}


/***/ }),

/***/ 1265:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   EA: () => (/* binding */ GoogleHttp),
/* harmony export */   e7: () => (/* binding */ toHttpError)
/* harmony export */ });
/* unused harmony export DEFAULT_RETRY */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4116);
/* harmony import */ var _util_secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9251);
/* harmony import */ var _util_time_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(6043);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3878);
/**
 * JSON over HTTP on google-auth-library's transport (gaxios): the auth client adds the
 * credentials (x-goog-api-key, or a fresh OAuth token on every call). This layer turns
 * google.rpc.Status bodies into GoogleApiError, connection failures into NetworkError, and
 * retries what is safe to retry: exponential backoff with full jitter, Retry-After honoured,
 * bounded by attempts and elapsed time.
 */




const DEFAULT_RETRY = {
    maxAttempts: 6,
    maxElapsedMs: 120_000,
    baseDelayMs: 1000,
    maxDelayMs: 30_000,
};
class GoogleHttp {
    client;
    sleep;
    random;
    now;
    constructor(client, options = {}) {
        this.client = client;
        this.sleep = options.sleep ?? _util_time_js__WEBPACK_IMPORTED_MODULE_3__/* .sleep */ .yy;
        this.random = options.random ?? Math.random;
        this.now = options.now ?? Date.now;
    }
    async json(req) {
        const idempotent = req.idempotent ?? (req.method === 'GET' || req.method === 'DELETE');
        const policy = req.retry === false || !idempotent ? null : { ...DEFAULT_RETRY, ...(req.retry ?? {}) };
        const started = this.now();
        const what = req.what ?? `${req.method} ${new URL(req.url).pathname}`;
        for (let attempt = 1;; attempt++) {
            try {
                return await this.once(req);
            }
            catch (err) {
                if (!policy || !(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .isRetryable */ .r3)(err) || attempt >= policy.maxAttempts || req.signal?.aborted)
                    throw err;
                const backoff = this.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
                const asked = err instanceof _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GoogleApiError */ .GI ? err.retryAfterMs : undefined;
                const delay = asked !== undefined ? Math.max(asked, backoff / 4) : backoff;
                if (this.now() - started + delay > policy.maxElapsedMs)
                    throw err;
                _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz(`${what}: attempt ${attempt} failed (${err.message}); retrying in ${Math.round(delay)} ms` +
                    (asked !== undefined ? ' (server asked via Retry-After)' : ''));
                await this.sleep(delay, req.signal);
                if (req.signal?.aborted)
                    throw err;
            }
        }
    }
    async once(req) {
        let res;
        try {
            res = await this.client.request({
                url: req.url,
                method: req.method,
                ...(req.body === undefined ? {} : { data: req.body }),
                timeout: req.timeoutMs ?? 60_000,
                ...(req.signal ? { signal: req.signal } : {}),
                retry: false,
                responseType: 'json',
            });
        }
        catch (err) {
            throw toHttpError(err, req);
        }
        return res.data;
    }
}
/** Converts whatever gaxios threw into a GoogleApiError or NetworkError. */
function toHttpError(err, req) {
    const e = err;
    const where = `${req.method} ${safeUrl(req.url)}`;
    if (e?.response && typeof e.response.status === 'number') {
        const { status: httpStatus, data } = e.response;
        const body = parseBody(data);
        const rpc = body?.error;
        const details = Array.isArray(rpc?.['details']) ? rpc['details'] : [];
        const status = typeof rpc?.['status'] === 'string' ? rpc['status'] : httpStatusName(httpStatus);
        const message = typeof rpc?.['message'] === 'string' && rpc['message']
            ? rpc['message']
            : typeof data === 'string' && data.trim()
                ? data.trim().slice(0, 300)
                : `HTTP ${httpStatus}`;
        const retryInfo = details.find((d) => typeof d === 'object' && d !== null && String(d['@type']).endsWith('RetryInfo'));
        const retryAfterMs = (0,_util_time_js__WEBPACK_IMPORTED_MODULE_3__/* .parseRetryAfter */ .mu)(header(e.response.headers, 'retry-after')) ?? (0,_util_time_js__WEBPACK_IMPORTED_MODULE_3__/* .parseDuration */ .E9)(retryInfo?.retryDelay);
        return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .GoogleApiError */ .GI((0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .scrub */ ._I)(`${status} (HTTP ${httpStatus}) from ${where}: ${message}`), httpStatus, status, retryAfterMs, details);
    }
    if (e?.name === 'AbortError')
        return e;
    const code = typeof e?.code === 'string' ? e.code : typeof e?.cause?.code === 'string' ? e.cause.code : undefined;
    return new _errors_js__WEBPACK_IMPORTED_MODULE_2__/* .NetworkError */ .Dr((0,_util_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .scrub */ ._I)(`${where} failed: ${e?.message ?? String(err)}`), code);
}
function parseBody(data) {
    if (typeof data !== 'string')
        return data;
    try {
        return JSON.parse(data);
    }
    catch {
        return undefined;
    }
}
function header(headers, name) {
    if (!headers)
        return null;
    if (typeof headers.get === 'function')
        return headers.get(name);
    const value = headers[name];
    return typeof value === 'string' ? value : null;
}
/** The URL without its query string (which never holds a key here, but be safe). */
function safeUrl(url) {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
}
function httpStatusName(code) {
    const names = {
        400: 'INVALID_ARGUMENT',
        401: 'UNAUTHENTICATED',
        403: 'PERMISSION_DENIED',
        404: 'NOT_FOUND',
        409: 'ALREADY_EXISTS',
        429: 'RESOURCE_EXHAUSTED',
        500: 'INTERNAL',
        501: 'UNIMPLEMENTED',
        503: 'UNAVAILABLE',
        504: 'DEADLINE_EXCEEDED',
    };
    return names[code] ?? 'UNKNOWN';
}


/***/ }),

/***/ 6043:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   E9: () => (/* binding */ parseDuration),
/* harmony export */   mu: () => (/* binding */ parseRetryAfter),
/* harmony export */   yy: () => (/* binding */ sleep)
/* harmony export */ });
/* unused harmony export formatDuration */
const sleep = (ms, signal) => new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted)
        return resolve();
    const timer = setTimeout(done, ms);
    function done() {
        clearTimeout(timer);
        signal?.removeEventListener('abort', done);
        resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
});
/** "1h 02m", "3m 05s", "12.3s". */
function formatDuration(ms) {
    const s = ms / 1000;
    if (s < 60)
        return `${s.toFixed(1)}s`;
    const m = Math.floor(s / 60);
    if (m < 60)
        return `${m}m ${String(Math.round(s % 60)).padStart(2, '0')}s`;
    return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, '0')}m`;
}
/** Parses a Retry-After header (delta seconds or HTTP date) into ms. */
function parseRetryAfter(value, now = Date.now()) {
    if (!value)
        return undefined;
    const trimmed = value.trim();
    if (/^\d+(\.\d+)?$/.test(trimmed))
        return Math.round(Number(trimmed) * 1000);
    const date = Date.parse(trimmed);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
/** Parses a google.protobuf.Duration JSON string such as "1.5s" into ms. */
function parseDuration(value) {
    if (typeof value !== 'string')
        return undefined;
    const m = /^(\d+(?:\.\d+)?)s$/.exec(value.trim());
    return m ? Math.round(Number(m[1]) * 1000) : undefined;
}


/***/ })

};

//# sourceMappingURL=378.index.js.map