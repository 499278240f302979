"""The story bank on disk: stories and which story was told to which answer.

Stories live beside the sessions (same file, same migrations, same backups);
`StoryQueries` is one side of `HistoryStore`, so saving a story shares the
history's connection and lock and never races the interview's writer thread.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from mockint.storage.history.schema import Database, reading

if TYPE_CHECKING:  # the story models (pydantic) load with the first story read
    from mockint.core.stories import Story, StoryUse


def _iso(value: datetime) -> str:
    return value.astimezone(UTC).isoformat()


_COLUMNS = ("id", "title", "situation", "task", "action", "result", "figures", "competencies",
            "tags", "company", "role", "created_at", "updated_at")


def _row(story: Story) -> tuple[object, ...]:
    return (story.id, story.title, story.situation, story.task, story.action, story.result,
            json.dumps(story.figures), json.dumps(story.competencies), json.dumps(story.tags),
            story.company, story.role, _iso(story.created_at), _iso(story.updated_at))


def _story(row: dict) -> Story:
    from mockint.core.stories import Story

    return Story(
        id=row["id"], title=row["title"], situation=row["situation"], task=row["task"],
        action=row["action"], result=row["result"], figures=json.loads(row["figures"]),
        competencies=json.loads(row["competencies"]), tags=json.loads(row["tags"]),
        company=row["company"], role=row["role"],
        created_at=datetime.fromisoformat(row["created_at"]),
        updated_at=datetime.fromisoformat(row["updated_at"]),
    )


def _use(row: dict) -> StoryUse:
    from mockint.core.stories import StoryUse

    return StoryUse(session_id=row["session_id"], answer_index=row["answer_idx"],
                    story_id=row["story_id"], competencies=json.loads(row["competencies"]),
                    used_at=datetime.fromisoformat(row["used_at"]))


class StoryQueries(Database):
    """The story bank side of the history: stories, and the stories told."""

    # --- stories -----------------------------------------------------------------

    @reading
    def list_stories(self) -> list[Story]:
        rows = self.query("SELECT * FROM stories ORDER BY title COLLATE NOCASE, id")
        return [_story(r) for r in rows]

    @reading
    def get_story(self, story_id: str) -> Story:
        rows = self.query("SELECT * FROM stories WHERE id = ?", (story_id,))
        if not rows:
            raise KeyError(story_id)
        return _story(rows[0])

    def save_story(self, story: Story) -> None:
        """Insert or replace the story with its id (an edit, or an undone delete)."""
        names = ", ".join(_COLUMNS)
        marks = ", ".join("?" * len(_COLUMNS))
        updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c != "id")
        with self._transaction() as db:
            db.execute(f"INSERT INTO stories ({names}) VALUES ({marks}) "
                       f"ON CONFLICT (id) DO UPDATE SET {updates}", _row(story))

    def delete_story(self, story_id: str) -> None:
        with self._transaction() as db:
            db.execute("DELETE FROM stories WHERE id = ?", (story_id,))

    # --- which story was told ------------------------------------------------------

    def record_story_use(self, use: StoryUse) -> None:
        """Which story was told to an answer; saying it again replaces the first."""
        with self._transaction() as db:
            db.execute(
                "INSERT INTO story_uses (session_id, answer_idx, story_id, competencies, used_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (session_id, answer_idx) DO UPDATE SET "
                "story_id = excluded.story_id, competencies = excluded.competencies, "
                "used_at = excluded.used_at",
                (use.session_id, use.answer_index, use.story_id, json.dumps(use.competencies),
                 _iso(use.used_at)))

    @reading
    def story_use_for(self, session_id: str, answer_index: int) -> StoryUse | None:
        rows = self.query(
            "SELECT * FROM story_uses WHERE session_id = ? AND answer_idx = ?",
            (session_id, answer_index))
        return _use(rows[0]) if rows else None

    @reading
    def story_uses(self, *, session_id: str | None = None,
             since: datetime | None = None) -> list[StoryUse]:
        """Uses in one session, or since a moment (both: either), oldest first."""
        clauses, params = [], []
        if session_id is not None:
            clauses.append("session_id = ?")
            params.append(session_id)
        if since is not None:
            clauses.append("used_at >= ?")
            params.append(_iso(since))
        where = f"WHERE {' OR '.join(clauses)}" if clauses else ""
        rows = self.query(f"SELECT * FROM story_uses {where} ORDER BY used_at", params)
        return [_use(r) for r in rows]
