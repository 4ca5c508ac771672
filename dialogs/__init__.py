"""The conversations, one package per part of the product; never imports telegram or bot.

`engine` and `forms` are the machinery; `people`, `sectorscan`, `reminders`, `buurtgesprek`,
`wijk` and `bin` are the product's parts, each saying in its `install(engine, forms)` what it
adds. Packages lean on those before them in this list, never back."""
