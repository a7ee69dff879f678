export const id = 141;
export const ids = [141];
export const modules = {

/***/ 70003:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  Wp: () => (/* binding */ BudgetError),
  a3: () => (/* binding */ estimateCost),
  qj: () => (/* reexport */ overBudget),
  bV: () => (/* binding */ serviceCost),
  JD: () => (/* binding */ warnEpochsUnknown)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: ./src/backends/model-catalog.ts
var model_catalog = __webpack_require__(48038);
// EXTERNAL MODULE: ./src/util/format.ts
var format = __webpack_require__(32693);
;// CONCATENATED MODULE: ./src/budget/cost.ts
/**
 * The `cost` block of the report and the budget checks (INTERFACE "Budget", v2.1 decision 12):
 * training tokens = dataset tokens × epochs (1 while the service chooses the epochs: "at least");
 * the cost = training tokens × `token-price` per million, rounded to cents; over `max-training-tokens`
 * or `max-cost`, a reason to stop.
 */

function costOf(o) {
    const trainingTokens = Math.ceil(o.datasetTokens * (o.epochs ?? 1));
    return {
        datasetTokens: Math.ceil(o.datasetTokens),
        epochs: o.epochs,
        trainingTokens,
        basis: o.basis,
        billableTokens: o.billableTokens,
        tokenPrice: o.tokenPrice,
        estimatedUsd: o.tokenPrice === null ? null : Math.round((trainingTokens / 1e6) * o.tokenPrice * 100) / 100,
        ...(o.sample ? { sample: o.sample } : {}),
    };
}
function overBudget(cost, settings) {
    const atLeast = cost.epochs === null ? 'at least ' : '';
    const what = cost.basis === 'service' ? 'the service counts ' : `the estimate is ${atLeast}`;
    const epochs = cost.epochs === null
        ? '1 epoch assumed: the service chooses the epochs'
        : `${cost.epochs} epoch${cost.epochs === 1 ? '' : 's'}`;
    if (settings.maxTrainingTokens !== null && cost.trainingTokens > settings.maxTrainingTokens) {
        return {
            budget: 'training-token',
            message: `over the training-token budget: ${what}${(0,format/* formatCount */.B4)(cost.trainingTokens)} training tokens ` +
                `(${(0,format/* formatCount */.B4)(cost.datasetTokens)} dataset tokens × ${epochs}), max-training-tokens is ${(0,format/* formatCount */.B4)(settings.maxTrainingTokens)}; ` +
                'raise max-training-tokens, lower epoch-count, or train on fewer examples',
        };
    }
    if (settings.maxCost !== null && cost.estimatedUsd !== null && cost.estimatedUsd > settings.maxCost) {
        return {
            budget: 'cost',
            message: `over the cost budget: ${what}$${cost.estimatedUsd.toFixed(2)} (${(0,format/* formatCount */.B4)(cost.trainingTokens)} training tokens at ` +
                `$${cost.tokenPrice} per million, ${epochs}), max-cost is $${settings.maxCost.toFixed(2)}; ` +
                'raise max-cost, lower epoch-count, or train on fewer examples',
        };
    }
    return null;
}

;// CONCATENATED MODULE: ./src/budget/estimate.ts
/**
 * The estimate of a training set's tokens before create (INTERFACE "Budget"): countTokens on the
 * base model over at most 100 examples spread evenly through the set, in at most 10 requests made
 * together, scaled to the whole set by characters. One pass over the examples counts the characters
 * and picks the sample, so a set of 200,000 examples costs one walk and ten calls.
 */
const MAX_SAMPLE = 100;
const MAX_REQUESTS = 10;
/** The turns of an example as the service sees them (a system instruction counted as a turn of its own). */
function turnsOf(ex) {
    const native = ex.native;
    if (native?.contents) {
        const text = (parts) => (parts ?? []).map((p) => (typeof p.text === 'string' ? p.text : '')).join('');
        const turns = [];
        const system = text(native.systemInstruction?.parts);
        if (system)
            turns.push({ role: 'user', text: system });
        for (const c of native.contents)
            turns.push({ role: c.role === 'model' ? 'model' : 'user', text: text(c.parts) });
        return turns;
    }
    return [
        { role: 'user', text: ex.textInput },
        { role: 'model', text: ex.output },
    ];
}
const charsOf = (turns) => turns.reduce((n, t) => n + t.text.length, 0);
async function estimateDatasetTokens(backend, model, examples, signal) {
    const n = examples.count;
    const m = Math.min(MAX_SAMPLE, n);
    // Evenly spread: the middle of each of m equal slices of the set.
    const picks = Array.from({ length: m }, (_v, k) => Math.floor(((k + 0.5) * n) / m));
    const sample = [];
    let totalChars = 0;
    let sampleChars = 0;
    let index = 0;
    let next = 0;
    for await (const batch of examples.batches()) {
        for (const ex of batch) {
            const turns = turnsOf(ex);
            const chars = charsOf(turns);
            totalChars += chars;
            if (index === picks[next]) {
                sample.push(turns);
                sampleChars += chars;
                next++;
            }
            index++;
        }
    }
    if (sample.length === 0 || sampleChars === 0)
        return { datasetTokens: 0, examples: 0, requests: 0, fallback: null };
    const per = Math.ceil(sample.length / MAX_REQUESTS);
    const groups = [];
    for (let i = 0; i < sample.length; i += per)
        groups.push(sample.slice(i, i + per).flat());
    let sampleTokens;
    let fallback = null;
    try {
        if (!backend.countTokens)
            throw new Error('this backend cannot count tokens');
        const counts = await Promise.all(groups.map((turns) => backend.countTokens(model, turns, signal)));
        sampleTokens = counts.reduce((a, b) => a + b, 0);
    }
    catch (err) {
        if (signal?.aborted)
            throw err;
        fallback = err instanceof Error ? err.message : String(err);
        sampleTokens = Math.ceil(sampleChars / 4);
    }
    return {
        datasetTokens: Math.ceil((sampleTokens * totalChars) / sampleChars),
        examples: sample.length,
        requests: fallback === null ? groups.length : 0,
        fallback,
    };
}

;// CONCATENATED MODULE: ./src/budget/budget.ts
/**
 * The budget phase (INTERFACE "Budget", v2.1 decision 12): the estimate before create, which stops
 * a run over the budget (REJECTED, nothing created), and the check of the service's own count
 * while the job runs (Vertex AI), which cancels a job this run started that is over it.
 */






/** The run went over its budget before anything was created. */
class BudgetError extends Error {
    name = 'BudgetError';
}
/** Before create: the estimate, in the log (overBudget then says whether it is over the budget). */
async function estimateCost(o) {
    const { settings } = o;
    // A tuned model (continuous tuning) counts like the base models of its family.
    const model = o.backend.name === 'vertex-ai' && (0,model_catalog/* isTunedModel */.u$)(o.baseModel) ? model_catalog/* VERTEX_DEFAULT_MODEL */.tT : o.baseModel;
    const estimate = await estimateDatasetTokens(o.backend, model, o.examples, o.signal);
    if (estimate.fallback !== null) {
        core/* warning */.$e(`countTokens did not answer (${estimate.fallback}); the token estimate counts a quarter of the characters instead`);
    }
    const epochs = settings.hyperparameters.epochCount;
    const cost = costOf({
        datasetTokens: estimate.datasetTokens,
        epochs,
        basis: 'estimate',
        billableTokens: null,
        tokenPrice: settings.tokenPrice,
        sample: { examples: estimate.examples, requests: estimate.requests },
    });
    const priced = cost.estimatedUsd !== null ? `, about $${cost.estimatedUsd.toFixed(2)}` : '';
    core/* info */.pq(`Training tokens: ${epochs === null ? 'at least ' : ''}${(0,format/* formatCount */.B4)(cost.trainingTokens)} ` +
        `(${(0,format/* formatCount */.B4)(cost.datasetTokens)} dataset tokens, estimated with countTokens on ${estimate.examples} examples, ` +
        `× ${epochs ?? 1} epoch${(epochs ?? 1) === 1 ? '' : 's'})${priced}`);
    return cost;
}
/** Said when this run created a job without `epoch-count`: the service chooses, and it can choose many. */
function warnEpochsUnknown(cost) {
    const figures = cost
        ? ` The figures assume 1 epoch: at least ${(0,format/* formatCount */.B4)(cost.trainingTokens)} training tokens.`
        : '';
    core/* warning */.$e('epoch-count is empty: the service chooses the number of epochs, and it can choose many (one 2026 run of 166 ' +
        `examples got 40).${figures} Set the epoch-count input to know the cost before tuning.`);
}
/**
 * While the job runs: once Vertex AI reports the dataset's billable tokens, the cost on the
 * service's count (`basis: service`), and a reason to stop when that is over the budget.
 */
function serviceCost(status, settings) {
    const billable = status.tuningDataStats?.totalBillableTokenCount ?? null;
    if (billable === null)
        return null;
    const epochs = status.hyperparameters?.epochCount ?? settings.hyperparameters.epochCount ?? null;
    const cost = costOf({
        datasetTokens: billable,
        epochs,
        basis: 'service',
        billableTokens: billable,
        tokenPrice: settings.tokenPrice,
    });
    return { cost, over: overBudget(cost, settings) };
}


/***/ }),

/***/ 79466:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Ym: () => (/* binding */ encodeRecord),
/* harmony export */   eT: () => (/* binding */ decodeRecord),
/* harmony export */   zv: () => (/* binding */ recordOf)
/* harmony export */ });
/* unused harmony exports RECORD_VERSION, RECORD_MAX_BYTES, RECORDED_SETTINGS, RECORDED_REPORT */
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(28395);
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(73305);
/**
 * The run record a `wait: false` run on a pull request leaves in its sticky comment, and `mode:
 * finish` reads back (INTERFACE "Modes"; decision 11): the job, the content key, the head commit,
 * the eval and gate settings, where the eval set was stored, and what the final comment shows
 * (dataset figures, hyperparameters, cost). JSON inside an HTML comment right after the marker,
 * with every `--` escaped (it could end the HTML comment), at most 8 KB. It is read only from
 * comments the token's own identity wrote, and parsed against a strict schema all the same.
 */

const RECORD_VERSION = 1;
/** Decision 11: the record holds at most this many bytes (UTF-8) of JSON. */
const RECORD_MAX_BYTES = 8 * 1024;
const OPEN = `<!-- gemini-tune-record:v${RECORD_VERSION} `;
const CLOSE = ' -->';
/** Vertex AI tuning jobs only (finish is Vertex AI only). */
const JOB_NAME = /^projects\/[^/]+\/locations\/[a-z0-9-]+\/tuningJobs\/[0-9A-Za-z_-]+$/;
/** The settings a finish run takes from the record instead of its own inputs. */
const RECORDED_SETTINGS = [
    'evalConcurrency',
    'evalBaseline',
    'evalRepeats',
    'evalGeneration',
    'evalSystemInstruction',
    'evalCheckpoints',
    'selectCheckpoint',
    'minPassRate',
    'maxFinalLoss',
    'maxRegressions',
    'judgeModel',
    'embeddingModel',
    'maxTrainingTokens',
    'tokenPrice',
    'maxCost',
    'commentKey',
    'hyperparameters',
];
/** The part of the report the final comment needs that the job's status does not give again. */
const RECORDED_REPORT = [
    'baseModel',
    'displayName',
    'contentKey',
    'cacheHit',
    'dataset',
    'cost',
    'runLabel',
    'runUrl',
    'sourceUrl',
    'startedAt',
    'timings',
];
const nullable = (t) => zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .nullable */ .mee(t);
const num = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig();
const settingsSchema = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    evalConcurrency: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().check(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr(), zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._gte */ .qm(1), zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._lte */ .Zm(256)),
    evalBaseline: nullable(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    evalRepeats: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().check(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr(), zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._gte */ .qm(1), zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._lte */ .Zm(20)),
    evalGeneration: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .strictObject */ .rej({
        temperature: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM(num),
        maxOutputTokens: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM(num),
        thinkingLevel: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['minimal', 'low', 'medium', 'high'])),
        thinkingBudget: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM(num),
    }),
    evalSystemInstruction: nullable(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    evalCheckpoints: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['final', 'all']),
    selectCheckpoint: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* ["enum"] */ .k5n(['default', 'best']),
    minPassRate: nullable(num),
    maxFinalLoss: nullable(num),
    maxRegressions: nullable(num),
    judgeModel: nullable(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    embeddingModel: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
    maxTrainingTokens: nullable(num),
    tokenPrice: nullable(num),
    maxCost: nullable(num),
    commentKey: nullable(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
    hyperparameters: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        epochCount: nullable(num),
        batchSize: nullable(num),
        learningRate: nullable(num),
        learningRateMultiplier: nullable(num),
        adapterSize: nullable(num),
    }),
});
const recordSchema = zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
    version: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .literal */ .euz(RECORD_VERSION),
    job: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._regex */ .Fk(JOB_NAME)),
    headSha: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._regex */ .Fk(/^[0-9a-f]{40}$/)),
    startedByUs: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
    evalSet: nullable(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        uri: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._regex */ .Fk(/^gs:\/\/[a-z0-9._-]+\/(?:[^\s]+\/)?eval\/[0-9a-f]{64}\.jsonl$/)),
        sha256: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP().check(zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._regex */ .Fk(/^[0-9a-f]{64}$/)),
        cases: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .number */ .aig().check(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .int */ .Whr(), zod_mini__WEBPACK_IMPORTED_MODULE_1__/* ._gte */ .qm(0)),
    })),
    settings: settingsSchema,
    // The report part is shown, never acted on: its shape is checked where it is used (escaped like any report).
    report: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .object */ .Ikc({
        baseModel: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        displayName: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        contentKey: nullable(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
        cacheHit: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .boolean */ .zMY(),
        dataset: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .nullable */ .mee(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J())),
        cost: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .nullable */ .mee(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .unknown */ .L5J()))),
        runLabel: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM(nullable(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP())),
        runUrl: nullable(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP()),
        sourceUrl: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .optional */ .lqM(nullable(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP())),
        startedAt: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(),
        timings: zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .record */ .g1P(zod_mini__WEBPACK_IMPORTED_MODULE_0__/* .string */ .YjP(), num),
    }),
});
/** `--` can end an HTML comment: written `-\u002d` inside the JSON strings (the only place JSON has it). */
function escapeDashes(json) {
    return json.replace(/--/g, '-\\u002d');
}
/**
 * The record as it goes into the comment, cut to RECORD_MAX_BYTES: the dataset's details (the
 * doctor's findings, the length statistics, the warnings) go first, then the dataset block; what
 * finish needs to act (job, settings, eval set) is never cut. Null when even that does not fit.
 */
function encodeRecord(record) {
    const dataset = record.report.dataset;
    const trims = [
        (r) => r,
        (r) => ({ ...r, report: { ...r.report, dataset: dataset && { ...dataset, findings: [], stats: undefined } } }),
        (r) => ({ ...r, report: { ...r.report, dataset: dataset && { ...dataset, findings: [], warnings: [] } } }),
        (r) => ({ ...r, report: { ...r.report, dataset: null, timings: {} } }),
    ];
    for (const trim of trims) {
        const json = escapeDashes(JSON.stringify(trim(record)));
        if (Buffer.byteLength(json, 'utf8') <= RECORD_MAX_BYTES)
            return `${OPEN}${json}${CLOSE}`;
    }
    return null;
}
/**
 * The record in a comment body written by the token's own identity, or null (no record: a final
 * comment, or one written before records existed). Throws when a record is there but unreadable.
 */
function decodeRecord(body) {
    const start = body.indexOf(OPEN);
    if (start < 0)
        return null;
    const end = body.indexOf(CLOSE, start + OPEN.length);
    const json = end < 0 ? '' : body.slice(start + OPEN.length, end);
    if (end < 0 || Buffer.byteLength(json, 'utf8') > RECORD_MAX_BYTES) {
        throw new Error('the run record in the comment is cut off or larger than 8 KB');
    }
    let value;
    try {
        value = JSON.parse(json);
    }
    catch {
        throw new Error('the run record in the comment is not valid JSON');
    }
    const parsed = recordSchema.safeParse(value);
    if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new Error(`the run record in the comment is not valid: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`);
    }
    return parsed.data;
}
/** The record of a run leaving its job to `mode: finish`. */
function recordOf(report, settings, facts) {
    const pick = (from, keys) => Object.fromEntries(keys.map((k) => [k, from[k] ?? null]));
    return {
        version: RECORD_VERSION,
        ...facts,
        settings: pick(settings, RECORDED_SETTINGS),
        report: pick(report, RECORDED_REPORT),
    };
}


/***/ }),

/***/ 73555:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Bq: () => (/* binding */ parseCases),
/* harmony export */   el: () => (/* binding */ serializeCases)
/* harmony export */ });
/* unused harmony export sha256 */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(77598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var zod_mini__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(28395);
/* harmony import */ var _domain_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(89375);
/* harmony import */ var _util_json_depth_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(25512);
/**
 * The eval set of a job left training, stored where `mode: finish` can read it (decision 11: on
 * Vertex AI, `PREFIX/eval/<sha256>.jsonl` next to the training set): the cases as the loader made
 * them, one JSON object per line. The name is the SHA-256 of the bytes, and finish checks the
 * bytes it reads against it, so the set it evaluates with is exactly the one the tune run loaded.
 */




const scorer = zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(_domain_js__WEBPACK_IMPORTED_MODULE_1__/* .SCORER_NAMES */ .Yc);
const caseSchema = zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({
    id: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    input: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(),
    expected: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .nullable */ .mee(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP()),
    scorer: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .nullable */ .mee(scorer),
    threshold: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .nullable */ .mee(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig())),
    assert: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ scorer, expected: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP(), threshold: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .nullable */ .mee(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig()) }))),
    system: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .nullable */ .mee(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP())),
    turns: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .optional */ .lqM(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .array */ .YOg(zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .strictObject */ .rej({ role: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* ["enum"] */ .k5n(['user', 'model']), text: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .string */ .YjP() }))),
    line: zod_mini__WEBPACK_IMPORTED_MODULE_2__/* .number */ .aig(),
});
function sha256(bytes) {
    return (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256').update(bytes).digest('hex');
}
/** The cases as JSONL bytes, and their digest (the object's name). */
function serializeCases(cases) {
    const bytes = Buffer.from(cases.map((c) => `${JSON.stringify(c)}\n`).join(''), 'utf8');
    return { bytes, sha256: sha256(bytes) };
}
/** The cases back from the stored bytes; throws when the bytes are not the ones recorded. */
function parseCases(bytes, expectedSha256) {
    if (sha256(bytes) !== expectedSha256) {
        throw new Error(`the stored eval set does not match its recorded SHA-256 (${expectedSha256.slice(0, 12)}…)`);
    }
    const cases = [];
    const lines = bytes.toString('utf8').split('\n');
    for (const [i, line] of lines.entries()) {
        if (line === '')
            continue;
        const value = JSON.parse(line);
        // The cases were bounded when loaded; checked again before anything walks them.
        if ((0,_util_json_depth_js__WEBPACK_IMPORTED_MODULE_3__/* .jsonDepthExceeds */ .LL)(value, 8))
            throw new Error(`the stored eval set's line ${i + 1} is nested too deeply`);
        const parsed = caseSchema.safeParse(value);
        if (!parsed.success)
            throw new Error(`the stored eval set's line ${i + 1} is not an eval case`);
        cases.push(parsed.data);
    }
    return cases;
}


/***/ }),

/***/ 16261:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   XL: () => (/* binding */ watchStopSignals),
/* harmony export */   mh: () => (/* binding */ cancelJob)
/* harmony export */ });
/* unused harmony export CANCELLED_NOTE */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(33838);
/* harmony import */ var _runner_signals_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(80715);
/* harmony import */ var _runner_secrets_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(72995);
/**
 * The runner cancelling the step (SIGINT, then SIGTERM, then SIGKILL 7.5 s after the first): the
 * wait for a job this run started is cut short, and the job is cancelled (Vertex AI) or deleted
 * (Gemini API) before the run reports. A job this run did not start (resumed, attached to, reused)
 * is never touched.
 */



const CANCELLED_NOTE = 'the run was cancelled; the tuning job was cancelled with it';
/**
 * Watches for the runner's stop signals for the whole run, so that there is no moment between
 * creating a job and following it when a signal would kill the step outright.
 */
function watchStopSignals(source) {
    const controller = new AbortController();
    let received = null;
    const dispose = (0,_runner_signals_js__WEBPACK_IMPORTED_MODULE_2__/* .onStopSignal */ .K)((signal) => {
        received = signal;
        controller.abort();
    }, source);
    return { signal: controller.signal, received: () => received, dispose };
}
/**
 * Cancels (Vertex AI) or deletes (Gemini API) a job, for a stop signal or for a limit it went past
 * (`cause`: the signal, or the limit's reason, which becomes the job's error).
 */
async function cancelJob(backend, status, cause) {
    const verb = backend.name === 'gemini-api' ? 'deleting' : 'cancelling';
    const signal = 'signal' in cause;
    const what = 'signal' in cause ? cause.signal : cause.reason;
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${signal ? `Received ${what}` : `Stopping: ${what}`}: ${verb} ${status.job || status.tunedModel}`);
    try {
        await backend.cancel(status);
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .info */ .pq('The tuning job was cancelled.');
        const error = signal ? CANCELLED_NOTE : `cancelled ${what}`;
        return { cancelled: true, status: { ...status, state: 'CANCELLED', error } };
    }
    catch (err) {
        const why = (0,_runner_secrets_js__WEBPACK_IMPORTED_MODULE_1__/* .scrub */ ._I)(err instanceof Error ? err.message : String(err));
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not cancel the tuning job: ${why}`);
        return {
            cancelled: false,
            status: {
                ...status,
                error: signal
                    ? `the run was cancelled, but the tuning job could not be (the post step tries again): ${why}`
                    : `${what}, but the tuning job could not be cancelled (the post step tries again): ${why}`,
            },
        };
    }
}


/***/ }),

/***/ 57198:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   d: () => (/* binding */ isTimeUp),
/* harmony export */   p: () => (/* binding */ endAtTimeLimit)
/* harmony export */ });
/* harmony import */ var _util_time_limit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(63949);
/**
 * A run that reached its time limit (`timeout-minutes`): whatever call was in flight was abandoned
 * (src/util/time-limit.ts), and the run ends as a timeout, exit non-zero, after publishing. A job
 * that exists is left running, with `resume:` to pick it up; before one was confirmed there is
 * nothing to resume; after tuning, the tuned model is there and only the eval is missing.
 */

/** Whether `err`, which ended the phases, is the time limit's doing. */
function isTimeUp(run, err) {
    return err instanceof _util_time_limit_js__WEBPACK_IMPORTED_MODULE_0__/* .TimeLimitError */ .$q || (run.timeLimit.aborted && run.stoppedBy === null);
}
/** Records the timeout in `run` (the error publish() reports, or `timedOut` for a job left running). */
function endAtTimeLimit(run, err) {
    const limit = `timed out after ${run.settings.timeoutMinutes} minutes (timeout-minutes)`;
    const state = run.status?.state;
    if (state === 'CREATING') {
        run.timedOut = true; // publish() says how to resume
        return;
    }
    const why = err instanceof Error ? err.message : String(err);
    if (state === 'ACTIVE') {
        const model = run.status?.tunedModel ?? run.status?.endpoint ?? 'the tuned model';
        run.stopError = new _util_time_limit_js__WEBPACK_IMPORTED_MODULE_0__/* .TimeLimitError */ .$q(`${limit} during the ${run.phase ?? 'eval'}: ${model} is ready, but ${why}`);
        return;
    }
    if (state) {
        run.stopError = err;
        return;
    }
    run.stopError = new _util_time_limit_js__WEBPACK_IMPORTED_MODULE_0__/* .TimeLimitError */ .$q(`${limit} during the ${run.phase ?? 'create'}, before a tuning job was confirmed (${why}); nothing is left ` +
        'running to resume. If the service created the job anyway, a run with the same inputs and cache: true attaches to it');
}


/***/ })

};

//# sourceMappingURL=141.index.js.map