"""`python -m bot.healthcheck`: exit 0 when the running bot's /healthz answers 200, else 1.

For a container's HEALTHCHECK, where a slim image has no curl: it reads only
WIJKBOT_HEALTH_LISTEN from the environment and loads nothing of the bot. A listener on all
addresses (0.0.0.0, ::) is asked on loopback. What /healthz said, or why it could not be
asked, is printed for `docker inspect` to show.
"""

from __future__ import annotations

import os
import sys
import urllib.error
import urllib.request

TIMEOUT = 5.0
_ANY = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}


def url_of(listen: str) -> str:
    host, _colon, port = listen.rpartition(":")
    host = host.removeprefix("[").removesuffix("]")
    host = _ANY.get(host, host)
    return f"http://[{host}]:{port}/healthz" if ":" in host else f"http://{host}:{port}/healthz"


def main() -> int:
    listen = os.environ.get("WIJKBOT_HEALTH_LISTEN")
    if not listen:
        print("WIJKBOT_HEALTH_LISTEN", file=sys.stderr)  # the setting it needs
        return 1
    try:
        with urllib.request.urlopen(url_of(listen), timeout=TIMEOUT) as answer:
            print(answer.read().decode("utf-8", "replace"))
            return 0 if answer.status == 200 else 1
    except urllib.error.HTTPError as error:  # 503 and the like: the body says why
        print(error.read().decode("utf-8", "replace"))
        return 1
    except (urllib.error.URLError, OSError) as error:
        print(error, file=sys.stderr)  # the bot is not listening: the error says how
        return 1


if __name__ == "__main__":
    sys.exit(main())
