"""三审三校: who may sign which review stage, the append-only review log, and the flow.

No Qt here. ``rules`` reads the office's people and stages from the site settings,
``content`` makes the hash a signature is bound to, ``log`` keeps the append-only record in
the store, ``state`` reads an article's place in the flow back from its log, ``flow`` is
what people do (送审, 通过, 退回, 撤稿) with its refusals, ``gate`` is what the export may take.
"""
