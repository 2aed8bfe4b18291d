"""The katerm domain. Nothing here imports Textual; the app and the CLI both sit on top of it.

One package per feature, each with its public face in ``__init__`` (other features, the app
and the CLI import from the face, never from a feature's modules), laid out the same way:
``read`` (queries), ``edit`` (writes), ``rules`` (validation, thresholds), ``text``
(rendering), ``measures`` (what the feature adds to the reviews).

* ``accounts``: accounts and contacts, the lookup by name, the accounts list;
* ``pyramid``: tiers from figures, the portfolio's figures, targets, re-tiering, tier history;
* ``influence``: each account's influence map (people, lines of influence, coverage);
* ``gaps``: the relationship-gap table;
* ``cards``: expansion cards, key dates and events, strategic relationships;
* ``plan``: the key-account plan and the customer's voice;
* ``pipeline``: opportunities, the four-order method, the pipeline's figures;
* ``reviews``: the activity log, checklists, the evening review;
* ``io``: importing and exporting files; ``sync``: sync with the team's server;
  ``demo``: demo data.

Below the features, the shared vocabulary: ``tiers``, ``roles``, ``fields``, ``periods``,
``team`` (our users), ``config`` (settings), ``pinyin``; below that the ``store`` (the SQLite
file and the one write path), which imports nothing above it; at the bottom the leaves
``errors`` and ``clock`` (the one clock: nothing else reads the time). On top, ``workspace``
opens everything and ``plugins`` lists how features plug into the store and the reviews.
The layers are checked by import-linter (``[tool.importlinter]`` in pyproject.toml).
"""
