#!/bin/sh
# Renew deploy/requirements.lock from pyproject.toml after a dependency changes: every package
# the bot needs at run time, and setuptools to build it, pinned with the hashes of PyPI's files.
# Needs pip-tools (in the dev extra). Local pip settings (extra indexes, find-links) are left
# out, so the hashes are those of PyPI.
set -eu
cd "$(dirname "$0")/.."
env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null \
    CUSTOM_COMPILE_COMMAND="deploy/lock.sh" \
    pip-compile --quiet --generate-hashes --allow-unsafe --build-deps-for wheel \
    --strip-extras --no-emit-index-url --no-emit-find-links --newline LF \
    --index-url https://pypi.org/simple \
    --output-file deploy/requirements.lock pyproject.toml
