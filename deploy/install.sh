#!/bin/sh
# Install wijkbot into a new virtual environment at PREFIX, from deploy/requirements.lock: every
# package at the pinned version, each file checked against its hash, nothing resolved anew.
# The Dockerfile runs this script, and CI runs it outside Docker, so the image's steps are
# tested on every change.
#
#   deploy/install.sh PREFIX        (PYTHON=python3.11 to choose the interpreter)
set -eu
prefix=${1:?usage: deploy/install.sh PREFIX}
source_dir=$(cd "$(dirname "$0")/.." && pwd)
"${PYTHON:-python3}" -m venv "$prefix"
pip="$prefix/bin/pip"
# The dependencies, and setuptools to build the bot with, exactly as locked.
"$pip" install --quiet --require-hashes --only-binary :all: -r "$source_dir/deploy/requirements.lock"
# The bot itself, built with that setuptools rather than one fetched for the build, from a clean
# copy of its sources: a build folder left in the tree would carry stale files into the wheel.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for part in pyproject.toml README.md LICENSE bot dialogs storage locales; do
    cp -R "$source_dir/$part" "$work/"
done
"$pip" install --quiet --no-deps --no-build-isolation "$work"
# Every requirement of every installed package is met, and the command starts.
"$pip" check
"$prefix/bin/wijkbot" --help >/dev/null
