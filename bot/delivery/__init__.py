"""Delivery: everything the bot sends after a commit, at the pace Telegram allows.

`answers` marks the replies to a person's own update as given (they go out at once, with no
throttle of ours) and, after a crash, gives the ones that never left; `dispatcher` sends the
outbox, which holds every message owed to someone else and every scheduled one: claimed, sent,
recorded, retried on 429, 5xx and network errors, given up on 403 and 400 with the reason
kept; `pacer` keeps the outbox within 30 messages a second and 20 a minute per group;
`sending` is one Bot API call and how its answer is taken; `service` starts and stops it all
with the Application.
"""
