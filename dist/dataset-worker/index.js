import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:stream"
const external_node_stream_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");
;// CONCATENATED MODULE: external "node:stream/promises"
const promises_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream/promises");
;// CONCATENATED MODULE: ./src/dataset/to-vertex-jsonl.ts



const PAIR_HEAD = '{"contents":[{"role":"user","parts":[{"text":';
const PAIR_MID = '}]},{"role":"model","parts":[{"text":';
const PAIR_TAIL = '}]}]}';
function partsJson(parts) {
    let out = '[';
    for (let k = 0; k < parts.length; k++) {
        const p = parts[k];
        if (p === null || typeof p !== 'object' || typeof p.text !== 'string')
            return null;
        out += `${k === 0 ? '' : ','}{"text":${JSON.stringify(p.text)}}`;
    }
    return `${out}]`;
}
/** The canonical line of a native record, or null when it is not a text-only contents record. */
function nativeLine(native) {
    if (native === null || typeof native !== 'object')
        return null;
    const n = native;
    if (!Array.isArray(n.contents))
        return null;
    let out = '{';
    if (n.systemInstruction !== undefined) {
        const si = n.systemInstruction;
        if (si === null || typeof si !== 'object' || !Array.isArray(si.parts))
            return null;
        const parts = partsJson(si.parts);
        if (parts === null)
            return null;
        out += `"systemInstruction":{"parts":${parts}},`;
    }
    out += '"contents":[';
    for (let k = 0; k < n.contents.length; k++) {
        const turn = n.contents[k];
        if (turn === null || typeof turn !== 'object' || typeof turn.role !== 'string' || !Array.isArray(turn.parts))
            return null;
        const parts = partsJson(turn.parts);
        if (parts === null)
            return null;
        out += `${k === 0 ? '' : ','}{"role":${JSON.stringify(turn.role)},"parts":${parts}}`;
    }
    return `${out}]}`;
}
/** The canonical line (no newline) of one example. */
function to_vertex_jsonl_canonicalLine(e) {
    if (e.native !== undefined) {
        const line = nativeLine(e.native);
        if (line !== null)
            return line;
    }
    return PAIR_HEAD + JSON.stringify(e.textInput) + PAIR_MID + JSON.stringify(e.output) + PAIR_TAIL;
}
/** The Vertex AI record of one example, as an object (the parsed canonical line). */
function toVertexRecord(e) {
    return JSON.parse(to_vertex_jsonl_canonicalLine(e));
}
/** Vertex AI `contents` JSONL for upload: one canonical line per example, each ending in `\n`. */
function toVertexJsonl(examples) {
    let out = '';
    for (const e of examples)
        out += `${to_vertex_jsonl_canonicalLine(e)}\n`;
    return out;
}
/**
 * Writes a set's canonical JSONL to `path`, a megabyte at a time: the one time a set not held in
 * memory is read again after validation. The upload then sends that file's bytes.
 */
async function writeVertexJsonl(set, path) {
    await pipeline(Readable.from(vertexJsonlStream(set)), createWriteStream(path, { encoding: 'utf8' }));
}
/** `vertexJsonlChunks` over a set read a batch at a time (one read from the file for a set not in memory). */
async function* vertexJsonlStream(set, chunkChars = 1 << 20) {
    for await (const batch of set.batches())
        yield* vertexJsonlChunks(batch, chunkChars);
}
/**
 * The same bytes as `toVertexJsonl`, in chunks of about `chunkChars` characters, for a streaming
 * upload that does not build one large string.
 */
function* vertexJsonlChunks(examples, chunkChars = 1 << 20) {
    let buf = [];
    let size = 0;
    for (const e of examples) {
        const line = `${to_vertex_jsonl_canonicalLine(e)}\n`;
        buf.push(line);
        size += line.length;
        if (size >= chunkChars) {
            yield buf.join('');
            buf = [];
            size = 0;
        }
    }
    if (buf.length > 0)
        yield buf.join('');
}

;// CONCATENATED MODULE: ./src/dataset/content-key.ts
/**
 * The content key: a sha256 over a canonical form of everything that determines a tuned model
 * (backend, base model, hyperparameters, training and validation examples). Examples enter as
 * their canonical lines (to-vertex-jsonl.ts), which do not depend on the file format, field
 * aliases or whitespace in the file, so the same data in JSONL, JSON, CSV or Vertex AI's own
 * formats gives the same key; any change to the data or settings changes it.
 *
 * Each example set is digested on its own, by the dataset analysis as it streams (one path: the
 * bytes example-chunks.ts writes, hashed by example-analysis.ts), before the settings are combined in.
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
function finishExamplesDigest(hash, count) {
    hash.update(`#${count}`);
    return hash.digest('hex');
}
/** The digest of a set with no examples (no validation set). */
const EMPTY_SET_DIGEST = finishExamplesDigest((0,external_node_crypto_namespaceObject.createHash)('sha256'), 0);
/**
 * sha256 (hex) of
 * `{"v":VERSION,"backend":…,"baseModel":…,"hyperparameters":{fixed order, null when unset},
 *   "examples":"<digest of the training set>","validationExamples":"<same>"}`.
 */
function contentKey(input) {
    const hp = HYPERPARAMETER_ORDER.map((k) => {
        const v = input.hyperparameters[k];
        return `${JSON.stringify(k)}:${v === null || v === undefined || !Number.isFinite(v) ? 'null' : JSON.stringify(v)}`;
    }).join(',');
    return createHash('sha256')
        .update(`{"v":${JSON.stringify(CONTENT_KEY_VERSION)},"backend":${JSON.stringify(input.backend)},"baseModel":${JSON.stringify(input.baseModel)},"hyperparameters":{${hp}},"examples":${JSON.stringify(input.examples)},"validationExamples":${JSON.stringify(input.validationExamples)}}`)
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

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./src/dataset/problems.ts
/** Collecting dataset problems for one file, with repo-relative paths for annotations. */

/** Past this many problems in one file, further ones are counted, not stored. */
const MAX_STORED_PROBLEMS = 1000;
function defaultWorkspace() {
    const ws = process.env['GITHUB_WORKSPACE'];
    return ws !== undefined && ws !== '' ? ws : process.cwd();
}
/**
 * The directory dataset files must be inside (symbolic links followed): the workspace a caller
 * gives, else GITHUB_WORKSPACE when it is set; null (no such rule) otherwise.
 */
function confinementRoot(workspace) {
    if (workspace !== undefined)
        return workspace;
    const ws = process.env['GITHUB_WORKSPACE'];
    return ws !== undefined && ws !== '' ? ws : null;
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
            message: capMessage(message),
        };
        if (line !== undefined)
            problem.line = line;
        if (line !== undefined && column !== undefined)
            problem.column = column;
        this.problems.push(problem);
    }
    /** How many errors and warnings were reported (stored or not). */
    counts() {
        return { errors: this.errors, warnings: this.warnings };
    }
    /** The stored problems, plus one file-level summary if some were not stored. */
    finish() {
        if (this.dropped > 0) {
            this.problems.push({
                severity: this.errors > 0 ? 'error' : 'warning',
                file: this.file,
                message: `${fmt(this.dropped)} more problems in this file were not listed (only the first ${MAX_STORED_PROBLEMS} are): fix these and run again`,
            });
            this.dropped = 0;
        }
        return this.problems;
    }
}
/** `12,345` */
function fmt(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
/** Most characters of record text a message quotes (see `preview`). */
const PREVIEW_CHARS = 80;
/**
 * Short, single-line preview of an untrusted value for messages: at most `max` characters (code
 * points, never half of one), whitespace runs folded to one space, cut with "…", as a JSON string.
 * Only the start of a long value is looked at.
 */
function preview(value, max = PREVIEW_CHARS) {
    // Whitespace folding can shrink the text; a bounded head is enough for `max` characters in practice.
    const room = max * 8 + 16;
    let head = value.length > room ? value.slice(0, room) : value;
    let cut = head.length < value.length;
    const last = head.charCodeAt(head.length - 1);
    if (cut && last >= 0xd800 && last <= 0xdbff)
        head = head.slice(0, -1); // half of a pair
    const flat = head.replace(/\s+/g, ' ');
    let out = '';
    let n = 0;
    for (const ch of flat) {
        if (n === max) {
            cut = true;
            break;
        }
        out += ch;
        n++;
    }
    return JSON.stringify(cut ? `${out}…` : out);
}
/**
 * Names from the data (CSV columns, JSON keys) for a message: each cut to a short preview, as many
 * as fit in about `max` characters, then how many more there are. `sep` joins them.
 */
function previewList(names, sep = ', ', max = PREVIEW_CHARS) {
    const parts = [];
    let length = 0;
    for (const name of names) {
        const p = preview(name, 24);
        if (parts.length > 0 && length + sep.length + p.length > max)
            break;
        parts.push(p);
        length += (parts.length > 1 ? sep.length : 0) + p.length;
    }
    const more = names.length - parts.length;
    return `${parts.join(sep)}${more > 0 ? ` and ${fmt(more)} more` : ''}`;
}
/** Most characters of one problem message (annotations, the report): longer ones are cut. */
const MAX_MESSAGE_CHARS = 1000;
/** `message` cut to `max` characters (code points) with "…". */
function capMessage(message, max = MAX_MESSAGE_CHARS) {
    if (message.length <= max)
        return message;
    let end = max - 1;
    const c = message.charCodeAt(end - 1);
    if (c >= 0xd800 && c <= 0xdbff)
        end--; // never half of a pair
    return `${message.slice(0, end)}…`;
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

;// CONCATENATED MODULE: ./src/dataset/analysis/fingerprint-table.ts
/**
 * A set of 64-bit fingerprints (two 32-bit halves), each with a non-zero 32-bit value (a line
 * number) and optionally a second value (a fingerprint half), in one typed array with a slot's
 * fields side by side: a lookup touches one cache line, and 200,000 examples cost a few megabytes
 * instead of a Map's tens.
 */
const LO = 0;
const HI = 1;
const VALUE = 2;
const VALUE2 = 3;
class FingerprintTable {
    slots;
    /** Fields a slot: lo, hi, value (0: the slot is free) and, when asked for, value2. */
    stride;
    mask;
    size = 0;
    constructor(initial = 1024, withValue2 = false) {
        this.stride = withValue2 ? 4 : 3;
        const cap = FingerprintTable.capacityFor(initial);
        this.mask = cap - 1;
        this.slots = new Uint32Array(cap * this.stride);
    }
    static capacityFor(entries) {
        let cap = 16;
        while (cap < entries * 2)
            cap *= 2;
        return cap;
    }
    /** The contents, for `FingerprintTable.from` (shared, not copied: stop adding afterwards). */
    data() {
        return { slots: this.slots, stride: this.stride, size: this.size };
    }
    /** The table whose `data()` this is. */
    static from(d) {
        const t = new FingerprintTable(1, d.stride === 4);
        t.slots = d.slots;
        t.mask = d.slots.length / d.stride - 1;
        t.size = d.size;
        return t;
    }
    /** Index of the key's slot, or of the free slot where it would go. */
    slot(lo, hi) {
        const s = this.slots;
        const stride = this.stride;
        let i = (lo ^ Math.imul(hi, 0x9e3779b1)) & this.mask;
        for (;;) {
            const at = i * stride;
            if (s[at + VALUE] === 0 || (s[at + LO] === lo && s[at + HI] === hi))
                return at;
            i = (i + 1) & this.mask;
        }
    }
    /** The slot of the key, or -1. */
    find(lo, hi) {
        const at = this.slot(lo >>> 0, hi >>> 0);
        return this.slots[at + VALUE] === 0 ? -1 : at;
    }
    value(slot) {
        return this.slots[slot + VALUE] ?? 0;
    }
    value2(slot) {
        return this.stride === 4 ? (this.slots[slot + VALUE2] ?? 0) : 0;
    }
    /**
     * Adds the key with its values (`value` must not be 0) unless present; returns the existing
     * slot, or -1 when added.
     */
    addIfAbsent(lo, hi, value, value2 = 0) {
        lo >>>= 0;
        hi >>>= 0;
        const at = this.slot(lo, hi);
        const s = this.slots;
        if (s[at + VALUE] !== 0)
            return at;
        s[at + LO] = lo;
        s[at + HI] = hi;
        s[at + VALUE] = value;
        if (this.stride === 4)
            s[at + VALUE2] = value2;
        this.size++;
        // Grown fourfold: fewer rehashes, each of which touches every entry.
        if (this.size * 2 > this.mask)
            this.rehash((this.mask + 1) * 4);
        return -1;
    }
    rehash(cap) {
        const old = this.slots;
        const stride = this.stride;
        this.mask = cap - 1;
        this.slots = new Uint32Array(cap * stride);
        for (let at = 0; at < old.length; at += stride) {
            if (old[at + VALUE] === 0)
                continue;
            const to = this.slot(old[at + LO], old[at + HI]);
            for (let f = 0; f < stride; f++)
                this.slots[to + f] = old[at + f];
        }
    }
}
/** A growable Uint32 column (lengths, line numbers). */
class U32Column {
    data = new Uint32Array(1024);
    sortedCopy = null;
    max = 0;
    length = 0;
    push(v) {
        this.sortedCopy = null;
        if (v > this.max)
            this.max = v;
        if (this.length === this.data.length) {
            const next = new Uint32Array(this.data.length * 2);
            next.set(this.data);
            this.data = next;
        }
        this.data[this.length++] = v;
    }
    get(i) {
        return this.data[i] ?? 0;
    }
    /** A sorted copy of the values (kept until the next push: do not modify it). */
    sorted() {
        this.sortedCopy ??=
            this.max < COUNTING_SORT_MAX && this.max < 4 * this.length
                ? countingSort(this.data, this.length, this.max)
                : this.data.slice(0, this.length).sort();
        return this.sortedCopy;
    }
}
/** Largest value for which `sorted` counts instead of comparing (lengths are small integers, mostly). */
const COUNTING_SORT_MAX = 1 << 20;
function countingSort(data, length, max) {
    const counts = new Uint32Array(max + 1);
    for (let i = 0; i < length; i++)
        counts[data[i]]++;
    const out = new Uint32Array(length);
    let at = 0;
    for (let v = 0; v <= max; v++) {
        const n = counts[v];
        if (n > 0) {
            out.fill(v, at, at + n);
            at += n;
        }
    }
    return out;
}

;// CONCATENATED MODULE: ./src/dataset/analysis/stats.ts
/** Length statistics of a dataset, for the JSON report. */

/** Nearest-rank percentile of sorted values (p in 0..100); 0 when empty. */
function percentile(sorted, p) {
    const n = sorted.length;
    if (n === 0)
        return 0;
    const rank = Math.min(n, Math.max(1, Math.ceil((p / 100) * n)));
    return sorted[rank - 1] ?? 0;
}
function distribution(sorted) {
    const n = sorted.length;
    if (n === 0)
        return { min: 0, median: 0, p95: 0, max: 0 };
    const mid = Math.floor(n / 2);
    const median = n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
    return { min: sorted[0] ?? 0, median, p95: percentile(sorted, 95), max: sorted[n - 1] ?? 0 };
}
/** Per-example lengths, kept as typed columns (a few bytes an example). */
class LengthColumns {
    inChars = new U32Column();
    outChars = new U32Column();
    inTokens = new U32Column();
    outTokens = new U32Column();
    push(inChars, inTokens, outChars, outTokens) {
        this.inChars.push(inChars);
        this.inTokens.push(inTokens);
        this.outChars.push(outChars);
        this.outTokens.push(outTokens);
    }
    fieldStats(which) {
        const chars = which === 'input' ? this.inChars : this.outChars;
        const tokens = which === 'input' ? this.inTokens : this.outTokens;
        return { chars: distribution(chars.sorted()), estimatedTokens: distribution(tokens.sorted()) };
    }
}

;// CONCATENATED MODULE: ./src/dataset/analysis/doctor.ts
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
class FindingLines {
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
function duplicateFinding(file, f) {
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
function nearDuplicateFinding(file, f) {
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
function conflictFinding(file, f) {
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
function emptyOutputFinding(file, f) {
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
function lengthOutlierFinding(file, field, lengths, lines) {
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
    const found = new FindingLines();
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
class PrefixDoctor {
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
            lacking: new FindingLines(),
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

;// CONCATENATED MODULE: ./src/dataset/analysis/example-chunks.ts
/**
 * The form in which the loader hands valid examples to the dataset analysis (example-analysis.ts):
 * chunks of UTF-8 bytes with a table of where each example's texts are. The loader encodes each
 * example once (its canonical digest text, which usually holds the input and output too); the
 * analysis then hashes and scans bytes, in this thread or in a worker thread (thread.ts),
 * to which a chunk moves without a copy.
 *
 * Per example, META_STRIDE numbers in `meta`: the line, then [start, end) byte ranges of the
 * canonical digest text, the text input, the context (a Vertex AI record's system instruction and
 * earlier turns; NO_RANGE when the input is the text input alone) and the output.
 */

const META_STRIDE = 9;
const META_LINE = 0;
const META_DIGEST = 1;
const META_TEXT = 3;
const META_CONTEXT = 5;
const META_OUTPUT = 7;
/** Start of a range that is not there. */
const NO_RANGE = 0xffffffff;
const CHUNK_BYTES = (/* unused pure expression or super */ null && (1 << 20));
const CHUNK_EXAMPLES = 8192;
const SPARE_CHUNKS = 8;
class ChunkWriter {
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
        this.meta = spare ? new Uint32Array(spare.meta) : new Uint32Array(CHUNK_EXAMPLES * META_STRIDE);
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
        const base = this.count * META_STRIDE;
        const pos = this.pos;
        let at = this.used;
        m[base + META_LINE] = e.line;
        m[base + META_DIGEST] = at;
        if (pair !== null) {
            at = writePairDigestText(buf, at, pair[0], pair[1], pos);
        }
        else {
            at += buf.write(digest, at, 'utf8');
        }
        m[base + META_DIGEST + 1] = at;
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
        range(e.textInput, META_TEXT);
        if (context === null) {
            m[base + META_CONTEXT] = NO_RANGE;
            m[base + META_CONTEXT + 1] = NO_RANGE;
        }
        else
            range(context, META_CONTEXT);
        range(e.output, META_OUTPUT);
        this.used = at;
        this.count++;
    }
    /** Emits the examples added since the last chunk, if any. */
    flush() {
        if (this.count === 0)
            return;
        this.emit({
            bytes: this.buf.subarray(0, this.used),
            meta: this.meta.subarray(0, this.count * META_STRIDE),
            count: this.count,
        });
        this.fresh(CHUNK_BYTES);
    }
}

;// CONCATENATED MODULE: ./src/dataset/analysis/text-scan.ts
/**
 * One pass over a text that yields what the limits, the statistics and the dataset doctor need,
 * so that a large set is walked once per field rather than once per check: the length in code
 * points, how many of them are outside ASCII (for the token estimate), whether there is anything
 * visible in it, and two 64-bit fingerprints (exact, and after folding case and whitespace).
 *
 * The fingerprints are non-cryptographic (two 32-bit multiplicative lanes each). They only group
 * examples for warnings; the content key uses sha256.
 */
function emptyScan() {
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
function scanBytes(b, view, start, end, seed, out) {
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
function scanText(s, seed, out) {
    if (scratch.length < 3 * s.length) {
        scratch = Buffer.allocUnsafe(3 * s.length);
        scratchView = new DataView(scratch.buffer, scratch.byteOffset, scratch.length);
    }
    const n = scratch.write(s, 0, 'utf8');
    return scanBytes(scratch, scratchView, 0, n, seed, out);
}
/**
 * Estimated tokens: about 4 ASCII characters per token and one token per other character. Only
 * an estimate (the real count depends on the model's tokenizer); it errs high for accented Latin
 * text and is close for CJK text.
 */
function estimateTokens(chars, nonAscii) {
    return Math.ceil((chars - nonAscii) / 4) + nonAscii;
}
/** Combines two fingerprints (e.g. an input's and an output's) into one, order-sensitive, into `out`. */
function combine(aLo, aHi, bLo, bHi, out) {
    const lo = fin(Math.imul(aLo ^ 0x5bd1e995, M1) ^ bLo, aHi);
    out[0] = lo;
    out[1] = fin(Math.imul(aHi ^ 0x1b873593, M2) ^ bHi, lo);
    return out;
}

;// CONCATENATED MODULE: ./src/dataset/analysis/example-analysis.ts
/**
 * What a set's valid examples add up to, from the chunks the loader writes (example-chunks.ts):
 * the content-key digest, the length statistics and the doctor's findings within the set. It
 * keeps a few typed columns and fingerprint tables (tens of bytes an example), never the texts.
 *
 * Runs in the loader's thread or in a worker thread (thread.ts); the result is plain data
 * either way.
 */







const SEED_INPUT = 0x1a2b3c4d;
const SEED_OUTPUT = 0x5e6f7a8b;
class ExampleAnalysis {
    file;
    hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
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

;// CONCATENATED MODULE: ./src/dataset/analysis/worker.ts
/**
 * Entry point of the dataset analysis thread (bundled as dist/dataset-worker/index.js): analyses
 * the chunks it is sent (see analysis/thread.ts) and answers `end` with the result.
 */


const port = external_node_worker_threads_namespaceObject.parentPort;
if (port === null)
    throw new Error('worker.ts runs as a worker thread only');
const { file } = external_node_worker_threads_namespaceObject.workerData;
const analysis = new ExampleAnalysis(file);
port.on('message', (m) => {
    if (m.type === 'chunk') {
        analysis.add(m.chunk);
        // The chunk's memory goes back for reuse.
        const bytes = m.chunk.bytes.buffer;
        const meta = m.chunk.meta.buffer;
        const done = { type: 'done', bytes, meta };
        port.postMessage(done, [bytes, meta]);
        return;
    }
    const result = analysis.result();
    const message = { type: 'result', result };
    port.postMessage(message, result.inputTables.map((t) => t.slots.buffer));
    port.close();
});


//# sourceMappingURL=index.js.map