export const id = 548;
export const ids = [548];
export const modules = {

/***/ 22139:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   S: () => (/* binding */ openPullRequests)
/* harmony export */ });
/* harmony import */ var _octokit_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6702);
/** The repository's open pull requests, every page: where `mode: finish` looks for jobs left training. */

async function openPullRequests(access, repository) {
    const octokit = await (0,_octokit_js__WEBPACK_IMPORTED_MODULE_0__/* .octokitFor */ .d_)(access);
    const found = [];
    const pages = octokit.paginate.iterator(octokit.rest.pulls.list, {
        owner: repository.owner,
        repo: repository.repo,
        state: 'open',
        per_page: 100,
    });
    for await (const page of pages) {
        for (const pr of page.data) {
            const base = pr.base.repo.full_name;
            const head = pr.head.repo?.full_name ?? null;
            found.push({
                owner: repository.owner,
                repo: repository.repo,
                number: pr.number,
                isFork: head === null || head.toLowerCase() !== base.toLowerCase(),
                headSha: pr.head.sha,
                headRepo: head,
            });
        }
    }
    return found;
}


/***/ }),

/***/ 55548:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFinish: () => (/* binding */ runFinish)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/finish/record.ts
var finish_record = __webpack_require__(79466);
// EXTERNAL MODULE: ./src/github/marker.ts
var marker = __webpack_require__(14329);
// EXTERNAL MODULE: ./src/github/pull-requests.ts
var pull_requests = __webpack_require__(22139);
// EXTERNAL MODULE: ./src/github/sticky-comment.ts
var sticky_comment = __webpack_require__(7648);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
// EXTERNAL MODULE: ./src/report/view.ts
var view = __webpack_require__(64153);
// EXTERNAL MODULE: ./src/util/format.ts
var format = __webpack_require__(32693);
;// CONCATENATED MODULE: ./src/report/finish-summary.ts
/** The job summary of a `mode: finish` run: each recorded job it looked at, with its outcome. */



const OUTCOME = { finished: '✅ finished', pending: '⏳ still training', error: '⚠️ not finished' };
function renderFinishSummary(lines, pullRequests) {
    const finished = lines.filter((l) => l.outcome === 'finished').length;
    const pending = lines.filter((l) => l.outcome === 'pending').length;
    const errors = lines.length - finished - pending;
    const head = [
        '### gemini-tune: finish',
        '',
        `${pullRequests} open pull request${pullRequests === 1 ? '' : 's'}, ${lines.length} recorded job${lines.length === 1 ? '' : 's'}: ` +
            `${finished} finished, ${pending} still training${errors ? `, ${errors} not finished because of an error (tried again on the next run)` : ''}.`,
    ];
    if (lines.length === 0)
        return `${head.join('\n')}\n`;
    const rows = lines.map((l) => {
        const verdict = l.outcome === 'finished' ? (0,view/* verdictOf */.V)(l.report).title.replace(/^Gemini tuning: /, '') : '';
        const rate = l.outcome === 'finished' && l.report.eval ? (0,format/* formatPercent */.l9)(l.report.eval.passRate) : '';
        const why = l.error ? (0,report_escape/* truncate */.xv)(l.error, 300).text : verdict;
        return `| #${l.pr} | ${(0,report_escape/* inlineCode */.ti)(l.job, { inTable: true })} | ${OUTCOME[l.outcome]} | ${(0,report_escape/* escapeTableCell */.aL)(why)} | ${rate} |`;
    });
    return [
        ...head,
        '',
        '| Pull request | Job | Outcome | Result | Pass rate |',
        '| --- | --- | --- | --- | --- |',
        ...rows,
        '',
    ].join('\n');
}

// EXTERNAL MODULE: ./src/report/json-report.ts
var json_report = __webpack_require__(4225);
// EXTERNAL MODULE: ./src/runner/outputs.ts
var outputs = __webpack_require__(97424);
// EXTERNAL MODULE: ./src/runner/secrets.ts
var secrets = __webpack_require__(72995);
// EXTERNAL MODULE: ./src/backends/create-backend.ts + 5 modules
var create_backend = __webpack_require__(76942);
// EXTERNAL MODULE: ./src/budget/budget.ts + 2 modules
var budget = __webpack_require__(70003);
// EXTERNAL MODULE: ./src/finish/stored-eval.ts
var stored_eval = __webpack_require__(73555);
// EXTERNAL MODULE: ./src/github/commit-status.ts
var commit_status = __webpack_require__(37593);
// EXTERNAL MODULE: ./src/github/comment-writer.ts + 1 modules
var comment_writer = __webpack_require__(45654);
// EXTERNAL MODULE: ./src/job/cancel.ts
var cancel = __webpack_require__(16261);
// EXTERNAL MODULE: ./src/steps/after-tuning.ts + 9 modules
var after_tuning = __webpack_require__(70285);
// EXTERNAL MODULE: ./src/steps/publish.ts + 3 modules
var publish = __webpack_require__(20535);
// EXTERNAL MODULE: ./src/steps/run-state.ts + 2 modules
var run_state = __webpack_require__(62623);
// EXTERNAL MODULE: ./src/steps/time-up.ts
var time_up = __webpack_require__(57198);
;// CONCATENATED MODULE: ./src/steps/finish-one.ts
/**
 * `mode: finish` for one recorded job (one sticky comment with a run record): the job's status;
 * still training, the comment's progress refreshed (the record kept, the commit status left
 * pending); ended, the eval with the recorded settings and eval set, then the final comment
 * (without the record: a later finish run finds nothing to do) and the commit status. An error of
 * this run's own (a call that failed, the eval set unreadable) leaves the comment and the record as
 * they were, so the next finish run tries again.
 */













async function finishOne(settings, env, clock, target) {
    const { pr, comment, record } = target;
    const location = /^projects\/[^/]+\/locations\/([^/]+)\//.exec(record.job)?.[1] ?? settings.location;
    // The recorded settings decide the eval, the gates and the budget; this run's own give access.
    const runSettings = {
        ...settings,
        ...record.settings,
        mode: 'finish',
        backend: 'vertex-ai',
        location,
        wait: true,
        resume: record.job,
        baseModel: record.report.baseModel,
        displayName: record.report.displayName,
        comment: 'auto',
    };
    const statusTarget = settings.commitStatus === 'auto'
        ? {
            owner: pr.owner,
            repo: pr.repo,
            sha: record.headSha,
            context: (0,commit_status/* statusContext */.s)(record.settings.commentKey),
            targetUrl: null,
        }
        : null;
    const run = new run_state/* Run */.K(runSettings, env, clock, { pr: { ...pr, headSha: record.headSha }, comment, statusTarget });
    // The tune run's report as recorded; the links go to this run, whose summary has the full tables.
    const own = run.report.runUrl;
    Object.assign(run.report, record.report, { job: record.job, mode: 'finish', runUrl: own ?? record.report.runUrl });
    if (statusTarget)
        statusTarget.targetUrl = own;
    run.startedByUs = record.startedByUs;
    const done = (outcome, error = null) => ({
        pr: pr.number,
        job: record.job,
        outcome,
        error,
        report: run.report,
    });
    let backend;
    try {
        backend = await (0,create_backend/* createBackend */.n)(runSettings, clock, run.timeLimit);
        run.settle(await backend.status(record.job, run.timeLimit));
        await budgetStop(run, backend);
    }
    catch (err) {
        return done('error', describe(err));
    }
    if (run.status?.state === 'CREATING') {
        // Still training: the progress refreshed, the record kept (an unchanged body is not written again).
        run.comments.record = (0,finish_record/* encodeRecord */.Ym)(record);
        run.report.leftForFinish = true;
        await run.comments.write(run.report, 'started', (0,comment_writer/* progressLine */.oz)(run.status));
        core/* info */.pq(`#${pr.number}: ${record.job} is still training (${(0,comment_writer/* progressLine */.oz)(run.status)})`);
        return done('pending');
    }
    try {
        const cases = await storedCases(run, backend, record);
        await (0,after_tuning/* afterTuning */.Q)(run, backend, cases);
    }
    catch (err) {
        if (!(0,time_up/* isTimeUp */.d)(run, err))
            return done('error', describe(err));
        (0,time_up/* endAtTimeLimit */.p)(run, err);
    }
    const failures = (0,publish/* conclude */.Ep)(run);
    await run.comments.write(run.report, 'final');
    await (0,publish/* settleCommitStatus */.dG)(run, failures);
    core/* info */.pq(`#${pr.number}: ${record.job} finished: ${run.report.state}${failures.length ? ` (${failures.join('; ')})` : ''}`);
    return done('finished');
}
/** The eval set the tune run stored, checked against its recorded digest. */
async function storedCases(run, backend, record) {
    if (!record.evalSet || run.status?.state !== 'ACTIVE')
        return [];
    if (!backend.readEvalSet)
        throw new Error('this backend cannot read a stored eval set');
    const bytes = await backend.readEvalSet(record.evalSet.uri, run.timeLimit);
    return (0,stored_eval/* parseCases */.Bq)(bytes, record.evalSet.sha256);
}
/**
 * The in-flight budget stop the tune run would have applied (decision 11): once the job reports its
 * billable tokens, a job over the budget that the tune run started is cancelled.
 */
async function budgetStop(run, backend) {
    const status = run.status;
    if (!status)
        return;
    const counted = (0,budget/* serviceCost */.bV)(status, run.settings);
    if (counted === null)
        return;
    run.report.cost = counted.cost;
    if (counted.over === null || status.state !== 'CREATING')
        return;
    if (!run.startedByUs) {
        core/* warning */.$e(`The recorded job ${status.job} is ${counted.over.message} (its run did not start it, so it is left alone)`);
        return;
    }
    run.report.budgetStop = counted.over.budget;
    const stopped = await (0,cancel/* cancelJob */.mh)(backend, status, { reason: counted.over.message });
    run.settle(stopped.status);
}
function describe(err) {
    return (0,secrets/* scrub */._I)(err instanceof Error ? err.message : String(err));
}

;// CONCATENATED MODULE: ./src/steps/finish.ts
/**
 * `mode: finish` (on `schedule` or `workflow_dispatch`): walks the repository's open pull
 * requests, reads the run records in the sticky comments its own token wrote, and finishes each
 * recorded job that has ended, or refreshes the progress of one still training (finish-one.ts).
 * Each pull request on its own: one that fails does not stop the others. Runner time grows with
 * the number of pull requests, not with how long the jobs train. The step fails only on this
 * run's own errors (after every pull request has been looked at), never on a pull request's gate.
 */












async function runFinish(settings, env, clock) {
    const [owner, repo] = (env['GITHUB_REPOSITORY'] ?? '').split('/');
    if (!owner || !repo)
        throw new Error('GITHUB_REPOSITORY is not set: mode: finish runs in a GitHub Actions workflow');
    if (!settings.githubToken) {
        throw new Error('input "github-token" is empty: mode: finish reads the pull requests\' comments with it');
    }
    const access = { token: settings.githubToken, clock, apiUrl: env['GITHUB_API_URL'] ?? '' };
    const pullRequests = await (0,pull_requests/* openPullRequests */.S)(access, { owner, repo });
    core/* info */.pq(`${pullRequests.length} open pull request(s) in ${owner}/${repo}`);
    const runs = [];
    const errors = [];
    // timeout-minutes bounds the whole finish run: each job gets what is left; past it, the rest waits for the next run.
    const deadline = clock.now() + settings.timeoutMinutes * 60_000;
    const reserve = (0,run_state/* publishReserveMs */.g)(settings.timeoutMinutes * 60_000);
    const left = () => (deadline - clock.now()) / 60_000;
    let skipped = 0;
    for (const pr of pullRequests) {
        // Within the reserve kept for the report, no new pull request is started.
        if (deadline - clock.now() <= reserve) {
            skipped++;
            continue;
        }
        let comments;
        try {
            comments = await (0,sticky_comment/* commentsByUs */.QA)(access, pr, marker/* MARKER_PREFIX */.Km);
        }
        catch (err) {
            errors.push(`#${pr.number}: the comments could not be read: ${finish_describe(err)}`);
            continue;
        }
        for (const comment of comments) {
            const body = comment.body ?? '';
            let record;
            try {
                record = (0,finish_record/* decodeRecord */.eT)(body);
            }
            catch (err) {
                errors.push(`#${pr.number}: ${finish_describe(err)}`);
                continue;
            }
            if (!record)
                continue;
            const marker = body.trimStart().split('\n', 1)[0] ?? '';
            const done = await core/* group */.Os(`#${pr.number}: ${record.job}`, () => finishOne({ ...settings, timeoutMinutes: left() }, env, clock, {
                pr,
                comment: { id: comment.id, marker },
                record,
            }));
            if (done.error)
                errors.push(`#${pr.number}: ${done.error}`);
            runs.push(done);
        }
    }
    if (skipped > 0) {
        core/* warning */.$e(`timeout-minutes (${settings.timeoutMinutes}) ran out: ${skipped} pull request(s) were not looked at; the next finish run takes them`);
    }
    const finished = runs.filter((r) => r.outcome === 'finished').length;
    const pending = runs.filter((r) => r.outcome === 'pending').length;
    const reportPath = settings.reportPath ?? (0,json_report/* defaultReportPath */.j0)(env, 'finish', clock.now());
    const file = { mode: 'finish', runs: runs.map((r) => (0,json_report/* jsonReport */.L7)(r.report)) };
    await (0,json_report/* writeJsonFile */.An)(reportPath, JSON.parse((0,secrets/* scrub */._I)(JSON.stringify(file))));
    const summaryFile = env['GITHUB_STEP_SUMMARY'];
    if (summaryFile)
        await (0,promises_.appendFile)(summaryFile, `${(0,secrets/* scrub */._I)(renderFinishSummary(runs, pullRequests.length))}\n`, 'utf8');
    (0,outputs/* setCountOutputs */.gx)({ finished, pending });
    core/* setOutput */.uH('report-path', reportPath);
    core/* info */.pq(`finish: ${finished} finished, ${pending} still training, ${errors.length} error(s)`);
    for (const e of errors)
        core/* warning */.$e(e);
    if (errors.length > 0) {
        throw new Error(`${errors.length} recorded job(s) could not be finished: ${errors.join('; ')}`);
    }
}
function finish_describe(err) {
    return (0,secrets/* scrub */._I)(err instanceof Error ? err.message : String(err));
}


/***/ })

};

//# sourceMappingURL=548.index.js.map