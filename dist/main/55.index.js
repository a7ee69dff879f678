export const id = 55;
export const ids = [55];
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

/***/ 86055:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runCleanup: () => (/* binding */ runCleanup)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 7 modules
var core = __webpack_require__(33838);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(51455);
// EXTERNAL MODULE: ./src/backends/create-backend.ts + 5 modules
var create_backend = __webpack_require__(76942);
// EXTERNAL MODULE: ./src/github/event.ts
var github_event = __webpack_require__(85015);
// EXTERNAL MODULE: ./src/github/pull-requests.ts
var pull_requests = __webpack_require__(22139);
// EXTERNAL MODULE: ./src/lifecycle/marks.ts
var lifecycle_marks = __webpack_require__(66318);
;// CONCATENATED MODULE: ./src/lifecycle/cleanup.ts
/**
 * `mode: cleanup` for a closed pull request (INTERFACE "Modes"; decision 8): each tuned model that
 * carries its mark loses it; a model that nothing uses any more (no mark of an open pull request,
 * no release mark, no version alias but `default`) is undeployed and deleted instead. The decision
 * comes first and the mark goes last, so a delete that fails leaves the mark for the next run;
 * a second run finds nothing and deletes nothing.
 */

async function cleanUp(lifecycle, repository, pullRequest, 
/** The repository's open pull requests; null when unknown (then every other mark counts as in use). */
open) {
    const result = { deleted: [], kept: [] };
    for (const model of await lifecycle.findMarked(repository, (0,lifecycle_marks/* pullRequestMark */.ku)(pullRequest))) {
        const { marks, aliases } = await lifecycle.usage(model);
        // This pull request's mark, and those of pull requests closed since (when the open ones are known).
        const users = (0,lifecycle_marks/* pullRequestsIn */.pf)(marks).filter((n) => n !== pullRequest && (open === null || open.has(n)));
        const release = marks[lifecycle_marks/* RELEASE_MARK */.ql];
        const reasons = [
            ...(users.length > 0
                ? [`used by open pull request${users.length === 1 ? '' : 's'} ${users.map((n) => `#${n}`).join(', ')}`]
                : []),
            ...(release ? [`released as ${release}`] : []),
            ...(aliases.length > 0 ? [`has the version alias${aliases.length === 1 ? '' : 'es'} ${aliases.join(', ')}`] : []),
        ];
        if (reasons.length === 0) {
            result.deleted.push({ model, removed: await lifecycle.remove(model) });
            continue;
        }
        const left = Object.fromEntries(Object.entries(marks).filter(([k]) => !k.startsWith(lifecycle_marks/* PR_MARK_PREFIX */.cG) || users.includes(Number(k.slice(lifecycle_marks/* PR_MARK_PREFIX */.cG.length)))));
        await lifecycle.setMarks(model, left);
        result.kept.push({ model, reason: reasons.join('; ') });
    }
    return result;
}

// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(14031);
;// CONCATENATED MODULE: ./src/report/cleanup-summary.ts
/** The job summary of a `mode: cleanup` run: what was deleted and what was kept, and why. */

function renderCleanupSummary(pullRequest, result) {
    const lines = [
        `### gemini-tune: cleanup of #${pullRequest}`,
        '',
        `${result.deleted.length} tuned model${result.deleted.length === 1 ? '' : 's'} deleted, ${result.kept.length} kept.`,
    ];
    if (result.deleted.length + result.kept.length === 0)
        return `${lines.join('\n')}\n`;
    lines.push('', '| Tuned model | Outcome |', '| --- | --- |');
    for (const d of result.deleted) {
        const endpoints = d.removed.filter((r) => r.includes('/endpoints/')).length;
        lines.push(`| ${(0,report_escape/* inlineCode */.ti)(d.model, { inTable: true })} | 🗑️ deleted${endpoints ? ` with ${endpoints} endpoint${endpoints === 1 ? '' : 's'}` : ''} |`);
    }
    for (const k of result.kept)
        lines.push(`| ${(0,report_escape/* inlineCode */.ti)(k.model, { inTable: true })} | kept: ${(0,report_escape/* escapeTableCell */.aL)(k.reason)} |`);
    return `${lines.join('\n')}\n`;
}

// EXTERNAL MODULE: ./src/report/json-report.ts
var json_report = __webpack_require__(4225);
// EXTERNAL MODULE: ./src/runner/outputs.ts
var outputs = __webpack_require__(97424);
// EXTERNAL MODULE: ./src/runner/secrets.ts
var secrets = __webpack_require__(72995);
;// CONCATENATED MODULE: ./src/steps/cleanup.ts
/**
 * `mode: cleanup` (on `pull_request` `closed`): the tuned models made or reused for the pull
 * request are deleted unless something else still uses them (src/lifecycle/cleanup.ts). Outputs
 * `deleted` and `kept`; the names are in the log, the job summary and the JSON report.
 */











async function runCleanup(settings, env, clock) {
    const pr = (0,github_event/* pullRequestFromEvent */.v)(env);
    if (!pr) {
        throw new Error(`mode: cleanup runs on a pull request event (on: pull_request: types: [closed]); this run's event is ${env['GITHUB_EVENT_NAME'] || 'unknown'}`);
    }
    if (pr.action && pr.action !== 'closed') {
        // On an open pull request this would delete what it still uses: the workflow's trigger is wrong.
        core/* notice */.lm(`mode: cleanup runs when a pull request is closed (on: pull_request: types: [closed]); this event is "${pr.action}" on #${pr.number}: nothing was deleted`);
        (0,outputs/* setCountOutputs */.gx)({ deleted: 0, kept: 0 });
        return;
    }
    const backend = await (0,create_backend/* createBackend */.n)(settings, clock);
    if (!backend.lifecycle)
        throw new Error(`the ${backend.name} backend cannot clean up tuned models`);
    const open = await openNumbers(settings, env, clock, pr);
    const result = await cleanUp(backend.lifecycle, (0,lifecycle_marks/* repositoryMark */.OK)(env), pr.number, open);
    for (const d of result.deleted)
        core/* info */.pq(`Deleted ${d.model}${d.removed.length ? ` (${d.removed.join(', ')})` : ''}`);
    for (const k of result.kept)
        core/* info */.pq(`Kept ${k.model}: ${k.reason}`);
    core/* info */.pq(`cleanup of #${pr.number}: ${result.deleted.length} deleted, ${result.kept.length} kept`);
    const reportPath = settings.reportPath ?? (0,json_report/* defaultReportPath */.j0)(env, 'cleanup', clock.now());
    const file = { mode: 'cleanup', backend: backend.name, pullRequest: pr.number, ...result };
    await (0,json_report/* writeJsonFile */.An)(reportPath, JSON.parse((0,secrets/* scrub */._I)(JSON.stringify(file))));
    const summary = env['GITHUB_STEP_SUMMARY'];
    if (summary)
        await (0,promises_.appendFile)(summary, `${(0,secrets/* scrub */._I)(renderCleanupSummary(pr.number, result))}\n`, 'utf8');
    (0,outputs/* setCountOutputs */.gx)({ deleted: result.deleted.length, kept: result.kept.length });
    core/* setOutput */.uH('report-path', reportPath);
}
/** The open pull requests other than this one, or null when they cannot be listed (every mark then counts). */
async function openNumbers(settings, env, clock, pr) {
    if (!settings.githubToken)
        return null;
    try {
        const access = { token: settings.githubToken, clock, apiUrl: env['GITHUB_API_URL'] ?? '' };
        const list = await (0,pull_requests/* openPullRequests */.S)(access, { owner: pr.owner, repo: pr.repo });
        return new Set(list.map((p) => p.number).filter((n) => n !== pr.number));
    }
    catch (err) {
        core/* warning */.$e(`Could not list the open pull requests (${(0,secrets/* scrub */._I)(err instanceof Error ? err.message : String(err))}): every other pull request's mark counts as in use.`);
        return null;
    }
}


/***/ })

};

//# sourceMappingURL=55.index.js.map