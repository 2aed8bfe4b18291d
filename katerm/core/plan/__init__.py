"""The key-account plan (大客户计划): five parts, their completeness, and the exported document.

* :mod:`~katerm.core.plan.kinds`: the parts and the kinds of entry in each;
* :mod:`~katerm.core.plan.items`: reading and saving entries;
* :mod:`~katerm.core.plan.completeness`: the score per part and what is missing;
* :mod:`~katerm.core.plan.related`: part 4, read from the influence-map and gap features;
* :mod:`~katerm.core.plan.document` and :mod:`~katerm.core.plan.render`: the whole plan as a
  Markdown or HTML document (``katerm plan ACCOUNT``).
"""
