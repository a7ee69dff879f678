export const id = 658;
export const ids = [658];
export const modules = {

/***/ 7658:
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

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: external "node:url"
var external_node_url_ = __webpack_require__(3136);
// EXTERNAL MODULE: external "node:worker_threads"
var external_node_worker_threads_ = __webpack_require__(5919);
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
function content_key_digestText(e) {
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
/** Writes the decimal digits of a non-negative integer as ASCII at `at`; returns the end. */
function writeDecimal(buf, at, n) {
    if (n < 10) {
        buf[at] = 0x30 + n;
        return at + 1;
    }
    let digits = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10))
        digits++;
    for (let k = at + digits - 1, x = n; k >= at; k--, x = Math.floor(x / 10))
        buf[k] = 0x30 + (x % 10);
    return at + digits;
}
/** Bytes that `writePairDigestText` may need for a pair: 3 per UTF-16 code unit, plus the prefixes. */
function content_key_pairDigestBound(a, b) {
    return 3 * (a.length + b.length) + 48;
}
/**
 * Writes the canonical text of a single-turn pair (`P<n>:<a><m>:<b>`, see `digestText`) as UTF-8
 * into `buf` at `at`, with room for `pairDigestBound(a, b)` bytes. `pos` receives where `a` and `b`
 * landed ([aStart, aEnd, bStart, bEnd]); returns the end.
 */
function content_key_writePairDigestText(buf, at, a, b, pos) {
    buf[at++] = 0x50; // P
    at = writeDecimal(buf, at, a.length);
    buf[at++] = 0x3a; // :
    pos[0] = at;
    at += buf.write(a, at, 'utf8');
    pos[1] = at;
    at = writeDecimal(buf, at, b.length);
    buf[at++] = 0x3a;
    pos[2] = at;
    at += buf.write(b, at, 'utf8');
    pos[3] = at;
    return at;
}
/** The single-turn pair an example's canonical text is built from, or null (a native record that is more). */
function content_key_digestPair(e) {
    return e.native === undefined ? [e.textInput, e.output] : simplePair(e.native);
}
/** The hex digest of a set's canonical texts, given the sha256 they were fed to and their count. */
function content_key_finishExamplesDigest(hash, count) {
    hash.update(`#${count}`);
    return hash.digest('hex');
}
/**
 * Incremental sha256 over a set's examples in their canonical text (`digestText`), one example
 * at a time. The dataset analysis (example-analysis.ts) computes the same digest from the bytes
 * the loader hands it; this is the form for examples already in memory.
 */
class ExamplesDigest {
    hash = createHash('sha256');
    /** Examples are encoded into this buffer and hashed a buffer at a time (no string per example). */
    buf = Buffer.allocUnsafe(1 << 20);
    pos = new Uint32Array(4);
    used = 0;
    result = null;
    count = 0;
    add(e) {
        if (this.result !== null)
            throw new Error('ExamplesDigest: add() after digest()');
        this.count++;
        const pair = content_key_digestPair(e);
        const need = pair === null ? Infinity : content_key_pairDigestBound(pair[0], pair[1]);
        if (this.used + need > this.buf.length)
            this.flush();
        if (pair === null || need > this.buf.length) {
            this.hash.update(content_key_digestText(e), 'utf8');
            return;
        }
        this.used = content_key_writePairDigestText(this.buf, this.used, pair[0], pair[1], this.pos);
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
            this.result = content_key_finishExamplesDigest(this.hash, this.count);
        }
        return this.result;
    }
}
function examplesDigest(examples) {
    const d = new ExamplesDigest();
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
        message: `${plural(f.count, 'example')} ha${f.count === 1 ? 's' : 've'} the same input as an earlier example (letter case and whitespace aside) but a different output (${f.describe('input of')}): the model cannot learn two answers to one input; keep the right output and remove the others`,
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
const utf8 = new TextDecoder();
const BOUNDARY_PUNCTUATION = ':.?!;,';
const WHITESPACE = /^\s$/;
/** What `\s` matches, for one UTF-16 code unit. */
const isWhitespace = (c) => c < 0x80 ? c === 0x20 || (c >= 0x09 && c <= 0x0d) : WHITESPACE.test(String.fromCharCode(c));
function prefixBytes(prefix) {
    const bytes = new Uint8Array(Buffer.from(prefix, 'utf8'));
    const view = new DataView(bytes.buffer);
    const words = new Uint32Array(bytes.length >>> 2);
    for (let k = 0; k < words.length; k++)
        words[k] = view.getUint32(4 * k, true);
    return { bytes, words };
}
function startsWithBytes(b, view, start, end, p) {
    const { bytes, words } = p;
    if (end - start < bytes.length)
        return false;
    for (let k = 0; k < words.length; k++)
        if (view.getUint32(start + 4 * k, true) !== words[k])
            return false;
    for (let k = 4 * words.length; k < bytes.length; k++)
        if (b[start + k] !== bytes[k])
            return false;
    return true;
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
    /** Takes an input as the UTF-8 bytes `b[start..end)` (`view`: a DataView of the same memory). */
    add(b, view, start, end, line) {
        this.n++;
        if (this.candidates === null) {
            // 4 bytes a character are always enough (a character cut at the end of them decodes past the
            // slice); a surrogate pair cut by the slice is dropped.
            let s = utf8.decode(b.subarray(start, Math.min(end, start + 4 * PREFIX_SCAN_CHARS))).slice(0, PREFIX_SCAN_CHARS);
            if (/[\ud800-\udbff]$/.test(s))
                s = s.slice(0, -1);
            this.sample.push(s);
            this.sampleLines.push(line);
            if (this.sample.length >= PREFIX_SAMPLE)
                this.pickCandidates();
            return;
        }
        for (const c of this.candidates) {
            if (startsWithBytes(b, view, start, end, c.bytes))
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
                const prev = s.charCodeAt(i - 1);
                if (isWhitespace(prev))
                    continue;
                if (i === s.length || isWhitespace(s.charCodeAt(i)) || BOUNDARY_PUNCTUATION.includes(s[i - 1])) {
                    boundaries++;
                    seen.add(s.slice(0, i));
                    if (s.charCodeAt(i) === 0x0a)
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
            bytes: prefixBytes(prefix),
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

;// CONCATENATED MODULE: ./src/dataset/example-chunks.ts
/**
 * The form in which the loader hands valid examples to the dataset analysis (example-analysis.ts):
 * chunks of UTF-8 bytes with a table of where each example's texts are. The loader encodes each
 * example once (its canonical digest text, which usually holds the input and output too); the
 * analysis then hashes and scans bytes, in this thread or in a worker thread (analysis-thread.ts),
 * to which a chunk moves without a copy.
 *
 * Per example, META_STRIDE numbers in `meta`: the line, then [start, end) byte ranges of the
 * canonical digest text, the text input, the context (a Vertex AI record's system instruction and
 * earlier turns; NO_RANGE when the input is the text input alone) and the output.
 */

const example_chunks_META_STRIDE = 9;
const example_chunks_META_LINE = 0;
const example_chunks_META_DIGEST = 1;
const example_chunks_META_TEXT = 3;
const example_chunks_META_CONTEXT = 5;
const example_chunks_META_OUTPUT = 7;
/** Start of a range that is not there. */
const example_chunks_NO_RANGE = 0xffffffff;
const CHUNK_BYTES = (/* unused pure expression or super */ null && (1 << 20));
const CHUNK_EXAMPLES = 8192;
const SPARE_CHUNKS = 8;
class example_chunks_ChunkWriter {
    emit;
    buf;
    meta;
    used = 0;
    count = 0;
    pos = new Uint32Array(4);
    /** Memory of chunks done with (see `recycle`), reused before any is allocated. */
    spare = [];
    /** `emit` receives each full chunk, and the last one on `flush()`; it may keep (or transfer) it. */
    constructor(emit) {
        this.emit = emit;
        this.fresh(CHUNK_BYTES);
    }
    /** Gives back the memory of an emitted chunk that is no longer used (`chunk.bytes.buffer`, `chunk.meta.buffer`). */
    recycle(bytes, meta) {
        if (bytes.byteLength === CHUNK_BYTES && this.spare.length < SPARE_CHUNKS)
            this.spare.push({ bytes, meta });
    }
    fresh(bytes) {
        const spare = bytes <= CHUNK_BYTES ? this.spare.pop() : undefined;
        this.buf = Buffer.from(spare?.bytes ?? new ArrayBuffer(Math.max(bytes, CHUNK_BYTES)));
        this.meta = spare ? new Uint32Array(spare.meta) : new Uint32Array(CHUNK_EXAMPLES * example_chunks_META_STRIDE);
        this.used = 0;
        this.count = 0;
    }
    /** Adds an example; `context` is the text its output answers when that is more than `textInput`. */
    add(e, context) {
        const pair = digestPair(e);
        const digest = pair === null ? digestText(e) : null;
        const extra = (pair === null || pair[0] !== e.textInput ? e.textInput.length : 0) +
            (pair === null || pair[1] !== e.output ? e.output.length : 0) +
            (context?.length ?? 0);
        const need = (pair === null ? 3 * digest.length : pairDigestBound(pair[0], pair[1])) + 3 * extra;
        if (this.used + need > this.buf.length || this.count === CHUNK_EXAMPLES) {
            this.flush();
            if (need > this.buf.length)
                this.fresh(need);
        }
        const buf = this.buf;
        const m = this.meta;
        const base = this.count * example_chunks_META_STRIDE;
        const pos = this.pos;
        let at = this.used;
        m[base + example_chunks_META_LINE] = e.line;
        m[base + example_chunks_META_DIGEST] = at;
        if (pair !== null) {
            at = writePairDigestText(buf, at, pair[0], pair[1], pos);
        }
        else {
            at += buf.write(digest, at, 'utf8');
        }
        m[base + example_chunks_META_DIGEST + 1] = at;
        // Texts already written as part of the digest text are not written again.
        const range = (s, slot) => {
            if (pair !== null && s === pair[0]) {
                m[base + slot] = pos[0];
                m[base + slot + 1] = pos[1];
            }
            else if (pair !== null && s === pair[1]) {
                m[base + slot] = pos[2];
                m[base + slot + 1] = pos[3];
            }
            else {
                m[base + slot] = at;
                at += buf.write(s, at, 'utf8');
                m[base + slot + 1] = at;
            }
        };
        range(e.textInput, example_chunks_META_TEXT);
        if (context === null) {
            m[base + example_chunks_META_CONTEXT] = example_chunks_NO_RANGE;
            m[base + example_chunks_META_CONTEXT + 1] = example_chunks_NO_RANGE;
        }
        else
            range(context, example_chunks_META_CONTEXT);
        range(e.output, example_chunks_META_OUTPUT);
        this.used = at;
        this.count++;
    }
    /** Emits the examples added since the last chunk, if any. */
    flush() {
        if (this.count === 0)
            return;
        this.emit({
            bytes: this.buf.subarray(0, this.used),
            meta: this.meta.subarray(0, this.count * example_chunks_META_STRIDE),
            count: this.count,
        });
        this.fresh(CHUNK_BYTES);
    }
}

;// CONCATENATED MODULE: ./src/dataset/text-scan.ts
/**
 * One pass over a text that yields what the limits, the statistics and the dataset doctor need,
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
/** 1 for a byte that is ASCII whitespace or not ASCII. */
const SPACE_OR_HIGH = new Uint8Array(256);
for (let c = 0; c < 256; c++)
    SPACE_OR_HIGH[c] = c >= 0x80 || ASCII_CLASS[c] === 2 ? 1 : 0;
const M3 = 0x5bd1e995;
const HIGH = 0x80808080;
/**
 * Scans the UTF-8 bytes `b[start..end)` into `out` (reused, so a large set allocates nothing per
 * field); `view` is a DataView over the same memory as `b`. `seed` separates fields (an input and
 * an output with the same text get different fingerprints). The bytes must be valid UTF-8 (as
 * Buffer.write produces): the analysis gets the examples as bytes (example-chunks.ts).
 *
 * The normalised fingerprint hashes the normalised text's UTF-8 bytes four at a time (as
 * little-endian words, the last one padded with zeros) in two independent multiplicative lanes,
 * plus its length. The exact one combines it with a lane over the raw bytes, so two texts that
 * normalise alike are still told apart when their case or whitespace differ.
 *
 * Speed matters here (every byte of a large set passes through), so an ASCII word that needs at
 * most in-place changes (upper-case letters lowered, a lone tab or line break made a space) is
 * normalised a word at a time with bit tricks (each byte is below 0x80, so adding a constant to
 * the word never carries into the next byte). From the first word that needs more (a non-ASCII
 * byte, a run of whitespace, whitespace at the start or the end) the text goes byte by byte.
 */
function text_scan_scanBytes(b, view, start, end, seed, out) {
    let raw = M3 ^ seed;
    let n1 = SEED_A ^ seed;
    let n2 = SEED_B ^ seed;
    let visible = false;
    let i = start;
    // A word at a time while at least one byte follows (so trailing whitespace is seen below), and
    // not from leading whitespace. Branch-free but for the way out: text is too irregular for a
    // branch predictor.
    const words = start < end && ASCII_CLASS[b[start]] !== 2 ? end - 4 : start;
    while (i < words) {
        const w = view.getUint32(i, true);
        const upper = (w + 0x3f3f3f3f) & ~(w + 0x25252525) & HIGH; // 0x41..0x5a
        const space = ~((w ^ 0x20202020) + 0x7f7f7f7f) & HIGH; // 0x20
        const breaks = (w + 0x77777777) & ~(w + 0x72727272) & HIGH; // 0x09..0x0d
        const ws = space | breaks;
        // Out: a non-ASCII byte, two whitespace bytes in a row, or whitespace last in the word and
        // whitespace or a non-ASCII byte after it.
        if (((w & HIGH) | (ws & (ws << 8)) | ((ws >>> 31) & SPACE_OR_HIGH[b[i + 4]])) !== 0)
            break;
        raw = Math.imul(raw ^ w, M3);
        if (!visible) {
            const lower = (w + 0x1f1f1f1f) & ~(w + 0x05050505) & HIGH; // 0x61..0x7a
            if ((lower | upper) !== 0)
                visible = true;
            else
                for (let k = i; k < i + 4; k++)
                    if (ASCII_CLASS[b[k]] === 1)
                        visible = true;
        }
        const norm = (w & ~Math.imul(breaks >>> 7, 0xff)) | (upper >>> 2) | (breaks >>> 2);
        n1 = Math.imul(n1 ^ norm, M1);
        n2 = Math.imul(n2 ^ norm, M2);
        i += 4;
    }
    // The raw lane over the rest, a word at a time too.
    let j = i;
    for (; j + 4 <= end; j += 4)
        raw = Math.imul(raw ^ view.getUint32(j, true), M3);
    let tail = 0;
    for (let shift = 0; j < end; j++, shift += 8)
        tail |= b[j] << shift;
    raw = Math.imul(raw ^ tail, M3);
    // Byte by byte: whitespace runs (Unicode ones too) become one space, dropped at the ends;
    // invisible characters are dropped; normalised bytes are packed into words as above.
    let started = i > start;
    let pendingSpace = false;
    let normLen = i - start;
    let word = 0;
    let shift = 0;
    let nonAscii = 0;
    let continuation = 0;
    while (i < end) {
        let c = b[i];
        const at = i;
        i++;
        if (c < 0x80) {
            const k = ASCII_CLASS[c];
            if (k === 2) {
                if (started)
                    pendingSpace = true;
                continue;
            }
            if (k === 3) {
                c += 0x20;
                visible = true;
            }
            else if (k === 1)
                visible = true;
        }
        else {
            nonAscii++;
            const more = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : c >= 0xc0 ? 1 : 0;
            let cp = c & (0x3f >> more);
            for (let k = 0; k < more && i < end; k++, i++) {
                cp = (cp << 6) | (b[i] & 0x3f);
                continuation++;
            }
            if (isSpace(cp)) {
                if (started)
                    pendingSpace = true;
                continue;
            }
            if (isInvisible(cp))
                continue;
            if (!visible && !(cp >= 0x2010 && cp <= 0x2027) && !(cp >= 0x3000 && cp <= 0x303f))
                visible = true;
        }
        started = true;
        // Emit the pending space (as position at - 1), then the character: `c` for ASCII, else its bytes.
        for (let k = pendingSpace ? at - 1 : at; k < i; k++) {
            const x = k < at ? 0x20 : c < 0x80 ? c : b[k];
            word |= x << shift;
            shift += 8;
            normLen++;
            if (shift === 32) {
                n1 = Math.imul(n1 ^ word, M1);
                n2 = Math.imul(n2 ^ word, M2);
                word = 0;
                shift = 0;
            }
        }
        pendingSpace = false;
    }
    if (shift > 0) {
        n1 = Math.imul(n1 ^ word, M1);
        n2 = Math.imul(n2 ^ word, M2);
    }
    out.chars = end - start - continuation;
    out.nonAscii = nonAscii;
    out.visible = visible;
    out.normLo = fin(n1 ^ normLen, n2);
    out.normHi = fin(n2 ^ SEED_B, out.normLo);
    const d = fin(raw ^ (end - start), 0);
    out.exactLo = fin(out.normLo ^ d, out.normHi);
    out.exactHi = fin(out.normHi ^ Math.imul(d, M2), out.exactLo);
    return out;
}
let scratch = Buffer.allocUnsafe(4096);
let scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
/** `scanBytes` over the UTF-8 encoding of `s` (a lone surrogate counts as U+FFFD). */
function text_scan_scanText(s, seed, out) {
    if (scratch.length < 3 * s.length) {
        scratch = Buffer.allocUnsafe(3 * s.length);
        scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
    }
    const n = scratch.write(s, 0, 'utf8');
    return text_scan_scanBytes(scratch, scratchView, 0, n, seed, out);
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

;// CONCATENATED MODULE: ./src/dataset/example-analysis.ts
/**
 * What a set's valid examples add up to, from the chunks the loader writes (example-chunks.ts):
 * the content-key digest, the length statistics and the doctor's findings within the set. It
 * keeps a few typed columns and fingerprint tables (tens of bytes an example), never the texts.
 *
 * Runs in the loader's thread or in a worker thread (analysis-thread.ts); the result is plain data
 * either way.
 */







const SEED_INPUT = 0x1a2b3c4d;
const SEED_OUTPUT = 0x5e6f7a8b;
class example_analysis_ExampleAnalysis {
    file;
    hash = createHash('sha256');
    lengths = new LengthColumns();
    lines = new U32Column();
    /**
     * Normalised (input, output) pairs → first line, and the exact pair's fingerprint (low half):
     * a pair seen before is a duplicate when the exact fingerprints match, else a near duplicate.
     */
    pairs = new FingerprintTable(1024, true);
    /** Normalised inputs → first line, and the output's exact fingerprint (low half): conflicts. */
    inputs = new FingerprintTable(1024, true);
    /**
     * Normalised text inputs of the examples whose input is more (a Vertex AI record with a system
     * instruction or earlier turns); the others' are in `inputs`. Both serve leakage and overlap.
     */
    textInputs = new FingerprintTable();
    duplicates = new FindingLines();
    nearDuplicates = new FindingLines();
    conflicts = new FindingLines();
    emptyOutputs = new FindingLines();
    prefix = new PrefixDoctor();
    inScan = emptyScan();
    outScan = emptyScan();
    ctxScan = emptyScan();
    fp = [0, 0];
    exactFp = [0, 0];
    count = 0;
    /** `file`: the set's file as shown in findings. */
    constructor(file) {
        this.file = file;
    }
    add(chunk) {
        const { bytes, meta } = chunk;
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        // Digest texts are usually back to back: hash each run of them in one call.
        let runStart = 0;
        let runEnd = 0;
        for (let k = 0; k < chunk.count; k++) {
            const base = k * META_STRIDE;
            const ds = meta[base + META_DIGEST];
            if (ds !== runEnd) {
                if (runEnd > runStart)
                    this.hash.update(bytes.subarray(runStart, runEnd));
                runStart = ds;
            }
            runEnd = meta[base + META_DIGEST + 1];
            this.example(bytes, view, meta, base);
        }
        if (runEnd > runStart)
            this.hash.update(bytes.subarray(runStart, runEnd));
    }
    example(bytes, view, meta, base) {
        this.count++;
        const line = meta[base + META_LINE];
        this.lines.push(line);
        const textStart = meta[base + META_TEXT];
        const textEnd = meta[base + META_TEXT + 1];
        const inScan = scanBytes(bytes, view, textStart, textEnd, SEED_INPUT, this.inScan);
        const out = scanBytes(bytes, view, meta[base + META_OUTPUT], meta[base + META_OUTPUT + 1], SEED_OUTPUT, this.outScan);
        // The input the model conditions on: the text input, or a Vertex AI record's system
        // instruction and every turn before the answer.
        const ctxStart = meta[base + META_CONTEXT];
        const input = ctxStart === NO_RANGE
            ? inScan
            : scanBytes(bytes, view, ctxStart, meta[base + META_CONTEXT + 1], SEED_INPUT, this.ctxScan);
        this.lengths.push(input.chars, estimateTokens(input.chars, input.nonAscii), out.chars, estimateTokens(out.chars, out.nonAscii));
        // Doctor: duplicates, near duplicates, conflicting outputs, empty outputs, prefixes.
        const exact = combine(input.exactLo, input.exactHi, out.exactLo, out.exactHi, this.exactFp)[0];
        const fp = combine(input.normLo, input.normHi, out.normLo, out.normHi, this.fp);
        const seen = this.pairs.addIfAbsent(fp[0], fp[1], line, exact);
        if (seen >= 0) {
            if (this.pairs.value2(seen) === exact)
                this.duplicates.add(line, this.pairs.value(seen));
            else
                this.nearDuplicates.add(line, this.pairs.value(seen));
        }
        else {
            const same = this.inputs.addIfAbsent(input.normLo, input.normHi, line, out.exactLo);
            if (same >= 0 && this.inputs.value2(same) !== out.exactLo)
                this.conflicts.add(line, this.inputs.value(same));
        }
        if (input !== inScan)
            this.textInputs.addIfAbsent(inScan.normLo, inScan.normHi, line);
        if (!out.visible)
            this.emptyOutputs.add(line);
        this.prefix.add(bytes, view, textStart, textEnd, line);
    }
    result() {
        const file = this.file;
        const findings = [
            duplicateFinding(file, this.duplicates),
            nearDuplicateFinding(file, this.nearDuplicates),
            conflictFinding(file, this.conflicts),
            emptyOutputFinding(file, this.emptyOutputs),
            lengthOutlierFinding(file, 'input', this.lengths.inChars, this.lines),
            lengthOutlierFinding(file, 'output', this.lengths.outChars, this.lines),
            this.prefix.finding(file),
        ].filter((f) => f !== null);
        return {
            digest: finishExamplesDigest(this.hash, this.count),
            count: this.count,
            findings,
            stats: {
                count: this.count,
                input: this.lengths.fieldStats('input'),
                output: this.lengths.fieldStats('output'),
                duplicates: this.duplicates.count,
                nearDuplicates: this.nearDuplicates.count,
                conflicts: this.conflicts.count,
            },
            inputTables: [this.inputs.data(), this.textInputs.data()],
        };
    }
}

;// CONCATENATED MODULE: ./src/dataset/analysis-thread.ts
/**
 * Where a set's analysis (example-analysis.ts) runs. A large file is analysed in a worker thread
 * while the loader reads and checks it, so hashing and scanning do not add to the time it takes
 * to read the file; chunks move to the worker without a copy. A small file, or a build without
 * the worker bundle (the sources run directly, as in the unit tests), is analysed in this thread.
 */





/** Files smaller than this are analysed in this thread (a worker costs a few tens of ms to start). */
const WORKER_MIN_BYTES = (/* unused pure expression or super */ null && (8 * 1024 * 1024));
/** Chunk bytes handed to the worker and not yet analysed, beyond which the loader waits. */
const MAX_IN_FLIGHT_BYTES = (/* unused pure expression or super */ null && (4 * 1024 * 1024));
/** The worker bundle beside this one (dist/dataset-worker/index.js next to dist/main/), or null. */
function bundledWorker() {
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'dataset-worker', 'index.js');
    return existsSync(file) ? { file } : null;
}
/**
 * Starts the analysis of a set whose file has `fileBytes` bytes. `worker`: the worker to use
 * (null: this thread; default: the bundled worker for a file of WORKER_MIN_BYTES or more).
 */
function analysis_thread_startAnalysis(file, fileBytes, recycle, worker) {
    const spec = worker === undefined ? (fileBytes >= WORKER_MIN_BYTES ? bundledWorker() : null) : worker;
    return spec === null ? inThread(file, recycle) : inWorker(file, recycle, spec);
}
function inThread(file, recycle) {
    const analysis = new ExampleAnalysis(file);
    return {
        inWorker: false,
        add: (chunk) => {
            analysis.add(chunk);
            recycle(chunk.bytes.buffer, chunk.meta.buffer);
        },
        drain: () => Promise.resolve(),
        finish: () => Promise.resolve(analysis.result()),
    };
}
function inWorker(file, recycle, spec) {
    const worker = new Worker(spec.file, {
        workerData: { file },
        ...(spec.execArgv ? { execArgv: spec.execArgv } : {}),
    });
    // The worker keeps the process alive only while the loader waits for it: a loader that stops
    // early (an exception) must not leave the action hanging.
    worker.unref();
    let inFlight = 0;
    let failure = null;
    let result = null;
    let wake = null;
    const notify = () => {
        const w = wake;
        wake = null;
        w?.();
    };
    worker.on('message', (m) => {
        if (m.type === 'done') {
            inFlight -= m.bytes.byteLength;
            recycle(m.bytes, m.meta);
        }
        else
            result = m.result;
        notify();
    });
    worker.on('error', (err) => {
        failure ??= new Error(`the dataset analysis thread failed: ${err.message}`);
        notify();
    });
    worker.on('exit', (code) => {
        if (result === null)
            failure ??= new Error(`the dataset analysis thread stopped (exit code ${code}) before it gave a result`);
        notify();
    });
    const wait = async () => {
        worker.ref();
        await new Promise((resolve) => {
            wake = resolve;
        });
        worker.unref();
    };
    const check = () => {
        if (failure !== null)
            throw failure;
    };
    return {
        inWorker: true,
        add(chunk) {
            check();
            inFlight += chunk.bytes.buffer.byteLength;
            const message = { type: 'chunk', chunk };
            worker.postMessage(message, [chunk.bytes.buffer, chunk.meta.buffer]);
        },
        async drain() {
            while (inFlight > MAX_IN_FLIGHT_BYTES) {
                check();
                await wait();
            }
            check();
        },
        async finish() {
            check();
            const end = { type: 'end' };
            worker.postMessage(end);
            while (result === null) {
                check();
                await wait();
            }
            return result;
        },
    };
}

;// CONCATENATED MODULE: ./src/dataset/analysis.ts
/**
 * What a training or validation set's examples add up to, built one example at a time so that a
 * large set need not be held in memory. The loader's side of it: the backend limits that depend on
 * the whole set (the Gemini API's inline request size, the Vertex AI validation-set size) or on
 * every turn of an example (the Vertex AI token estimate), and the handing over of each example to
 * the analysis proper (example-analysis.ts: digest for the content key, statistics, doctor), which
 * runs in a worker thread for a large file (analysis-thread.ts).
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
class DatasetAnalyzer {
    opts;
    runner;
    writer;
    analysed = null;
    inputTables = null;
    scan = emptyScan();
    inlineBytes = GEMINI_REQUEST_RESERVE_BYTES;
    inlineOverLine = 0;
    validationOverLine = 0;
    count = 0;
    constructor(opts) {
        this.opts = opts;
        this.writer = new ChunkWriter((chunk) => this.runner.add(chunk));
        this.runner = startAnalysis(opts.file, opts.fileBytes ?? 0, (bytes, meta) => this.writer.recycle(bytes, meta), opts.worker);
    }
    /** True when the analysis runs in a worker thread. */
    get inWorker() {
        return this.runner.inWorker;
    }
    /**
     * Takes one valid example. Returns false (after reporting the problem) when the example breaks
     * a limit found here; such an example is still counted in the statistics.
     */
    add(e) {
        if (this.analysed !== null)
            throw new Error('DatasetAnalyzer: add() after finish()');
        this.count++;
        const ctx = e.native !== undefined ? contextOf(e.native) : null;
        this.writer.add(e, ctx);
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
            const input = ctx ?? e.textInput;
            // The estimate is at most one token per UTF-16 code unit: only a long example needs counting.
            if (input.length + e.output.length > VERTEX_MAX_TOKENS_PER_EXAMPLE) {
                const tokens = this.tokens(input) + this.tokens(e.output);
                if (tokens > VERTEX_MAX_TOKENS_PER_EXAMPLE) {
                    sink.error(e.line, `this example is about ${fmt(tokens)} tokens by our estimate (4 characters a token for ASCII text, 1 per other character; the service's own count may differ); Vertex AI tunes on at most ${fmt(VERTEX_MAX_TOKENS_PER_EXAMPLE)} tokens per example (input and output together): shorten it or split it into smaller examples`);
                    ok = false;
                }
            }
            if (role === 'validation' && this.count === VERTEX_MAX_VALIDATION_EXAMPLES + 1)
                this.validationOverLine = e.line;
        }
        return ok;
    }
    tokens(s) {
        const scan = scanText(s, 0, this.scan);
        return estimateTokens(scan.chars, scan.nonAscii);
    }
    /** Resolves when more examples can be added without holding too much in memory. */
    drain() {
        return this.runner.drain();
    }
    /**
     * Waits for the analysis of every example and reports the limits that depend on the whole set.
     * Call once, after the last example; the results below are available afterwards.
     */
    async finish() {
        this.writer.flush();
        this.analysed = await this.runner.finish();
        this.inputTables = this.analysed.inputTables.map((d) => FingerprintTable.from(d));
        const { sink } = this.opts;
        if (this.inlineOverLine > 0) {
            sink.error(this.inlineOverLine, `the Gemini API takes the training examples inline, in one request of at most 4 MB (${fmt(GEMINI_MAX_REQUEST_BYTES)} bytes), and the examples up to this line already pass that (the whole set needs about ${fmt(this.inlineBytes)} bytes): use fewer or shorter examples, or the vertex-ai backend, which uploads the data to Cloud Storage`);
        }
        if (this.validationOverLine > 0) {
            sink.error(this.validationOverLine, `the validation set has ${fmt(this.count)} examples and Vertex AI accepts at most ${fmt(VERTEX_MAX_VALIDATION_EXAMPLES)}; this is the first one over: keep a representative ${fmt(VERTEX_MAX_VALIDATION_EXAMPLES)} or fewer`);
        }
    }
    get finished() {
        return this.analysed !== null;
    }
    get result() {
        if (this.analysed === null)
            throw new Error('DatasetAnalyzer: the analysis is not finished (call finish())');
        return this.analysed;
    }
    /** Hex sha256 of the examples' canonical texts, for the content key (as `examplesDigest`). */
    get digest() {
        return this.result.digest;
    }
    /** Bytes of the Gemini API request body the examples need (with a reserve for the rest). */
    get geminiRequestBytes() {
        return this.inlineBytes;
    }
    /** The doctor's findings within this set. */
    findings() {
        return this.result.findings;
    }
    stats(warnings) {
        return { ...this.result.stats, warnings };
    }
    /** The line of the first example whose input has this normalised fingerprint (scanned with SEED_INPUT), or 0. */
    lineOfNormalisedInput(normLo, normHi) {
        const tables = this.inputTables;
        if (tables === null)
            throw new Error('DatasetAnalyzer: the analysis is not finished (call finish())');
        let line = 0;
        for (const t of tables) {
            const slot = t.find(normLo, normHi);
            if (slot >= 0 && (line === 0 || t.value(slot) < line))
                line = t.value(slot);
        }
        return line;
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

;// CONCATENATED MODULE: ./src/dataset/example-set.ts
/** Making and reading ExampleSets (types.ts): the examples a backend takes. */
/** An ExampleSet of examples in memory. */
function examplesInMemory(examples) {
    return {
        count: examples.length,
        batches: async function* () {
            if (examples.length > 0)
                yield examples;
        },
    };
}
/** Every example of a set, in memory (for a backend that sends them inline). */
async function allExamples(set) {
    const all = [];
    for await (const batch of set.batches())
        all.push(...batch);
    return all;
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
        const examples = await allExamples(req.examples);
        const body = {
            displayName: req.displayName,
            ...(req.description ? { description: req.description } : {}),
            baseModel: req.baseModel,
            tuningTask: {
                hyperparameters: wireHyperparameters(req.hyperparameters),
                trainingData: {
                    examples: { examples: examples.map((e) => ({ textInput: e.textInput, output: e.output })) },
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

//# sourceMappingURL=658.index.js.map