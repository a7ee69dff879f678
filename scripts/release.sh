#!/usr/bin/env bash
# Releases the commit that is checked out: tags it vX.Y.Z, moves the major tag vX to it (so that
# `uses: OWNER/gemini-tune@vX` follows the latest compatible release), pushes both tags and creates
# the GitHub release with the version's CHANGELOG section as its notes.
#
#   scripts/release.sh [--dry-run] [--remote NAME] [--no-github-release] [VERSION]
#
# VERSION is X.Y.Z (a leading "v" is accepted); empty: the version in package.json. A pre-release
# (X.Y.Z-rc.1) gets its own tag only: the major tag is never moved to a pre-release.
#
# Before anything is changed it checks: VERSION is what package.json says, CHANGELOG.md has a
# "## [X.Y.Z]" section, the work tree is clean (dist/ committed as built), the bundles that
# action.yml runs are committed, and the tag does not exist yet (locally, and on the remote unless
# --dry-run). With --dry-run it runs the same checks and prints what it would do, changing nothing;
# a version that is already tagged is then a notice (the next release needs a version bump), not
# an error, so the dry run can run on every pull request.
#
# Exit status: 0 done (or, with --dry-run, a release would succeed), 1 a check failed, 2 usage.

set -euo pipefail

dry_run=false
remote=origin
github_release=true
version=''

usage() {
  echo "usage: scripts/release.sh [--dry-run] [--remote NAME] [--no-github-release] [VERSION]" >&2
  exit 2
}

while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) dry_run=true ;;
    --remote)
      [ $# -ge 2 ] || usage
      remote=$2
      shift
      ;;
    --no-github-release) github_release=false ;;
    -h | --help) usage ;;
    -*) echo "release: unknown option $1" >&2 && usage ;;
    *)
      [ -z "$version" ] || usage
      version=$1
      ;;
  esac
  shift
done

fail() {
  echo "release: error: $*" >&2
  exit 1
}

# run CMD...: runs it, or with --dry-run only says it would.
run() {
  if $dry_run; then
    echo "release: would run: $*"
  else
    echo "+ $*"
    "$@"
  fi
}

root=$(git rev-parse --show-toplevel 2>/dev/null) || fail "not inside a git repository"
cd "$root"
git rev-parse -q --verify HEAD >/dev/null || fail "the repository has no commit to release"

package_version=$(node -p 'require("./package.json").version' 2>/dev/null) || fail "cannot read the version from package.json"
version=${version#v}
[ -n "$version" ] || version=$package_version

semver='^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$'
[[ $version =~ $semver ]] || fail "\"$version\" is not a version of the form X.Y.Z (or X.Y.Z-pre.N)"
major="v${BASH_REMATCH[1]}"
prerelease=${BASH_REMATCH[4]}
tag="v$version"

[ "$version" = "$package_version" ] ||
  fail "package.json says $package_version, not $version: bump \"version\" in package.json (and package-lock.json) first"

# The notes: the lines of "## [X.Y.Z]" up to the next "## " heading, without link definitions.
notes=$(awk -v v="$version" '
  /^## / { if (found) exit; if (index($0, "## [" v "]") == 1) { found = 1; next } }
  found && !/^\[[^]]+\]: / { print }
' CHANGELOG.md 2>/dev/null || true)
[ -n "$(printf '%s' "$notes" | tr -d '[:space:]')" ] ||
  fail "CHANGELOG.md has no \"## [$version]\" section with notes: move the Unreleased entries under it"

[ -z "$(git status --porcelain)" ] ||
  fail "the work tree has changes (git status): commit them first; dist/ must be committed exactly as npm run bundle builds it"

for entry in dist/main/index.js dist/post/index.js action.yml; do
  git ls-files --error-unmatch -- "$entry" >/dev/null 2>&1 || fail "$entry is not committed: the action could not run from this tag"
done

commit=$(git rev-parse HEAD)
if git rev-parse -q --verify "refs/tags/$tag" >/dev/null; then
  if $dry_run; then
    echo "release: notice: $tag already exists ($(git rev-list -n 1 "$tag")): the next release needs a version bump in package.json and CHANGELOG.md"
    echo "release: dry run: the other checks passed"
    exit 0
  fi
  fail "tag $tag already exists"
fi
if ! $dry_run && git ls-remote --exit-code --tags "$remote" "refs/tags/$tag" >/dev/null 2>&1; then
  fail "tag $tag already exists on $remote"
fi

echo "release: $tag at $commit$($dry_run && echo ' (dry run: nothing is changed)')"
run git tag -a "$tag" -m "$tag" "$commit"
if [ -z "$prerelease" ]; then
  run git tag -f -a "$major" -m "$major: $tag" "$commit"
else
  echo "release: $tag is a pre-release: $major is not moved"
fi
run git push "$remote" "refs/tags/$tag"
[ -n "$prerelease" ] || run git push --force "$remote" "refs/tags/$major"

if $github_release; then
  notes_file=$(mktemp)
  trap 'rm -f "$notes_file"' EXIT
  printf '%s\n' "$notes" >"$notes_file"
  release_args=(gh release create "$tag" --verify-tag --title "$tag" --notes-file "$notes_file")
  [ -z "$prerelease" ] || release_args+=(--prerelease)
  run "${release_args[@]}"
fi

if $dry_run; then
  echo "release: notes for $tag:"
  printf '%s\n' "$notes" | sed 's/^/  | /'
  echo "release: dry run: a release of $tag would succeed"
else
  echo "release: $tag released$([ -z "$prerelease" ] && echo "; $major now points at it")"
fi
