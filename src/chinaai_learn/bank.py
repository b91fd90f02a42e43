"""A loaded set of banks: topics, their questions in bank order, and the bibliography."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from .model import QuestionBase, SourceRecord, Text, Topic


@dataclass
class TopicBank:
    """One topic with its questions, as written in one file."""

    topic: Topic
    questions: list[QuestionBase]
    file: str = ""


@dataclass
class Bank:
    """Everything the front ends and exporters need: topics, questions, sources."""

    topics: list[TopicBank]
    sources: dict[str, SourceRecord]
    # The declared tag vocabulary (``tags.yaml``), tag → label; empty when the bank has none.
    tag_labels: dict[str, Text] = field(default_factory=dict)
    # Files of the bank folder that were passed over (hidden, editor lock, not a regular file).
    notes: list[str] = field(default_factory=list)
    _by_id: dict[str, QuestionBase] = field(default_factory=dict, repr=False)
    _topic_of: dict[str, Topic] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for tb in self.topics:
            ids = [q.id for q in tb.questions]
            self._by_id.update(zip(ids, tb.questions, strict=True))
            self._topic_of.update(dict.fromkeys(ids, tb.topic))

    @property
    def questions(self) -> list[QuestionBase]:
        """All questions, topic by topic, in bank order."""
        return [q for tb in self.topics for q in tb.questions]

    def get(self, question_id: str) -> QuestionBase | None:
        return self._by_id.get(question_id)

    def topic_of(self, question: QuestionBase | str) -> Topic:
        qid = question if isinstance(question, str) else question.id
        return self._topic_of[qid]

    def topic(self, topic_id: str) -> TopicBank | None:
        return next((tb for tb in self.topics if tb.topic.id == topic_id), None)

    @property
    def topic_ids(self) -> list[str]:
        return [tb.topic.id for tb in self.topics]

    def select(
        self,
        topics: Iterable[str] | None = None,
        difficulties: Iterable[int] | None = None,
        types: Iterable[str] | None = None,
    ) -> list[QuestionBase]:
        """Questions matching every given filter, in bank order (None means 'any')."""
        topic_set = set(topics) if topics else None
        diff_set = set(difficulties) if difficulties else None
        type_set = set(types) if types else None
        return [
            q
            for tb in self.topics
            if topic_set is None or tb.topic.id in topic_set
            for q in tb.questions
            if (diff_set is None or q.difficulty in diff_set) and (type_set is None or q.type in type_set)  # type: ignore[attr-defined]
        ]

    def type_counts(self, topic_id: str | None = None) -> Counter[str]:
        qs = self.select(topics=[topic_id] if topic_id else None)
        return Counter(q.type for q in qs)  # type: ignore[attr-defined]


def describe_filters(
    topics: Iterable[str] | None, difficulties: Iterable[int] | None, types: Iterable[str] | None
) -> str:
    """The filters of ``Bank.select`` in words, for "no question matches" messages."""
    parts = []
    if topics:
        parts.append("topic " + ", ".join(topics))
    if difficulties:
        parts.append("difficulty " + ", ".join(map(str, difficulties)))
    if types:
        parts.append("type " + ", ".join(types))
    return "; ".join(parts) or "no filter"
