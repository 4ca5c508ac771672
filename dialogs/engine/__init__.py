"""The conversation engine: one event of one person in, the replies to show out.

`engine` runs each event in one transaction and routes it to a command, a flow or a button;
`turn` is what a flow sees of that event; `events` and `replies` are what crosses the channel
adapter; `buttons` the payloads that tie a button to its step; `access` who may do what;
`texts` the catalog lookups; `menu`, `paging` and `qr` the small pieces every part shares;
`zone` the rules of one deployment; `emergency` spots a message that needs 101 or 112 now;
`outgoing` what a turn owes other people, queued in the outbox within the turn's transaction;
`reply_codec` replies as JSON, for the inbox (an update's replies, by update id) and the outbox.
The feature packages beside this one each say in their `install` what they add to it."""
