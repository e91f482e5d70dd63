"""Migration 11: edit locks, and on a server the notices every write sends to other windows.

On a PostgreSQL server each change to an article (saved, new, trashed, restored, deleted), to
the review log (a signature, a return) and to who holds an article's edit lock sends a
``NOTIFY`` on :data:`CHANNEL` from a trigger, so every write is announced whoever makes it
(a window, a command, another PC), and only once it commits. The payload is JSON:
``{"kind": …, "id": article id, "version": its version}``; a statement that changes more
than :data:`MANY_ROWS` articles at once (an import, a copy between databases) sends one
``{"kind": "many"}`` instead. An SQLite file is one PC's store: it gets the lock table (so
both backends keep one schema) and no notices.
"""

from __future__ import annotations

from typing import Any

#: The channel the triggers notify on and each window listens to.
CHANNEL = "newsroom"
#: Above this many articles changed by one statement, one "many" notice stands for them all.
MANY_ROWS = 50

_LOCK_TABLE = """
CREATE TABLE edit_lock (
    article_id INTEGER PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
    login TEXT NOT NULL,
    person TEXT NOT NULL,
    host TEXT NOT NULL,
    session TEXT NOT NULL,
    taken_at {time} NOT NULL,
    beat_at {time} NOT NULL
)"""


def create_lock_table(conn: Any) -> None:
    """The lock table on SQLite (a single-PC store takes no locks; the schema stays one)."""
    conn.execute(_LOCK_TABLE.format(time="TEXT"))


def _notice(kind: str, row_id: str, version: str) -> str:
    return (
        f"PERFORM pg_notify('{CHANNEL}', json_build_object('kind', {kind}, "
        f"'id', {row_id}, 'version', {version})::text);"
    )


_ARTICLE_NOTICES = f"""CREATE FUNCTION newsroom_notify_articles() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    r RECORD;
    changed INTEGER;
BEGIN
    IF TG_OP = 'INSERT' THEN
        SELECT count(*) INTO changed FROM new_rows;
    ELSE
        SELECT count(*) INTO changed FROM old_rows;
    END IF;
    IF changed > {MANY_ROWS} THEN
        PERFORM pg_notify('{CHANNEL}', '{{"kind": "many"}}');
    ELSIF TG_OP = 'INSERT' THEN
        FOR r IN SELECT id, version FROM new_rows LOOP
            {_notice("'new'", "r.id", "r.version")}
        END LOOP;
    ELSIF TG_OP = 'DELETE' THEN
        FOR r IN SELECT id, version FROM old_rows LOOP
            {_notice("'deleted'", "r.id", "r.version")}
        END LOOP;
    ELSE
        FOR r IN SELECT n.id, n.version,
                CASE WHEN n.deleted_at IS NOT NULL AND o.deleted_at IS NULL THEN 'deleted'
                     WHEN n.deleted_at IS NULL AND o.deleted_at IS NOT NULL THEN 'new'
                     ELSE 'saved' END AS kind
            FROM new_rows n JOIN old_rows o ON o.id = n.id LOOP
            {_notice("r.kind", "r.id", "r.version")}
        END LOOP;
    END IF;
    RETURN NULL;
END $$"""

_REVIEW_NOTICE = f"""CREATE FUNCTION newsroom_notify_review() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    {_notice("'review'", "NEW.article_id", "NULL")}
    RETURN NULL;
END $$"""

_LOCK_NOTICE = f"""CREATE FUNCTION newsroom_notify_lock() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        {_notice("'lock'", "OLD.article_id", "NULL")}
    ELSE
        {_notice("'lock'", "NEW.article_id", "NULL")}
    END IF;
    RETURN NULL;
END $$"""


def create_server_team_tables(conn: Any) -> None:
    """The lock table with the server's own clock, and the triggers that send notices."""
    conn.execute(_LOCK_TABLE.format(time="TIMESTAMPTZ"))
    for function in (_ARTICLE_NOTICES, _REVIEW_NOTICE, _LOCK_NOTICE):
        conn.execute(function)
    for operation, referencing in (
        ("INSERT", "NEW TABLE AS new_rows"),
        ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        ("DELETE", "OLD TABLE AS old_rows"),
    ):
        conn.execute(
            f"CREATE TRIGGER article_notify_{operation.lower()} AFTER {operation} ON article "
            f"REFERENCING {referencing} FOR EACH STATEMENT "
            "EXECUTE FUNCTION newsroom_notify_articles()"
        )
    conn.execute(
        "CREATE TRIGGER review_log_notify AFTER INSERT ON review_log "
        "FOR EACH ROW EXECUTE FUNCTION newsroom_notify_review()"
    )
    # A heartbeat only moves beat_at: it tells nobody anything new.
    conn.execute(
        "CREATE TRIGGER edit_lock_notify AFTER INSERT OR DELETE ON edit_lock "
        "FOR EACH ROW EXECUTE FUNCTION newsroom_notify_lock()"
    )
    conn.execute(
        "CREATE TRIGGER edit_lock_notify_holder AFTER UPDATE ON edit_lock FOR EACH ROW "
        "WHEN (OLD.session IS DISTINCT FROM NEW.session) "
        "EXECUTE FUNCTION newsroom_notify_lock()"
    )
