"""The pipeline's understand stage: ``understand_posts(batch, understander)``.

Pure over the batch (the models are loaded once by the ``Understander``, bound
with ``functools.partial``); sets ``StoredPost.analysis`` on every post. The
context the analyzers need comes from the stored post: its mentions (brand
handles are kept as-is by the privacy gate), whether it replies to the brand,
whether it is a direct message, its declared language. A reply to the brand
counts as a post inside an open thread.
"""

from __future__ import annotations

from tactful.records import StoredPost
from tactful.understand.api import Understander
from tactful.understand.batch import Request


def request_for(post: StoredPost) -> Request:
    return Request(
        text=post.text,
        mentions=[m.lstrip("@").lower() for m in post.mentions],
        replies_to_brand=post.replies_to_brand,
        is_direct_message=post.is_direct_message,
        lang=post.lang,
        in_open_thread=post.replies_to_brand,
    )


def understand_posts(batch: list[StoredPost], understander: Understander) -> list[StoredPost]:
    analyses = understander.analyze([request_for(p) for p in batch])
    for post, analysis in zip(batch, analyses, strict=True):
        post.analysis = analysis
    return batch
