using Microsoft.Data.Sqlite;

namespace QuizBot.Storage;

// Migrations run in order at start-up; PRAGMA user_version records how far a database has come.
internal static partial class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            user_key TEXT NOT NULL,
            conversation_key TEXT NOT NULL,
            bank_id TEXT NOT NULL,
            position INTEGER NOT NULL,
            score INTEGER NOT NULL,
            status INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            completed_at INTEGER
        );
        CREATE UNIQUE INDEX sessions_one_active ON sessions(user_key) WHERE status = 0;
        CREATE TABLE session_answers (
            session_id TEXT NOT NULL REFERENCES sessions(id),
            question_index INTEGER NOT NULL,
            choice INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            answered_at INTEGER NOT NULL,
            PRIMARY KEY (session_id, question_index)
        ) WITHOUT ROWID;
        """,
        """
        CREATE TABLE conversations (
            key TEXT PRIMARY KEY,
            address TEXT NOT NULL,
            blocked INTEGER NOT NULL DEFAULT 0,
            blocked_reason TEXT
        ) WITHOUT ROWID;
        CREATE TABLE admins (
            conversation_key TEXT NOT NULL,
            user_key TEXT NOT NULL,
            PRIMARY KEY (conversation_key, user_key)
        ) WITHOUT ROWID;
        CREATE TABLE rounds (
            conversation_key TEXT PRIMARY KEY,
            bank_id TEXT NOT NULL,
            cron TEXT NOT NULL,
            schedule_text TEXT NOT NULL,
            time_zone TEXT NOT NULL,
            questions_per_post INTEGER NOT NULL,
            window_seconds INTEGER NOT NULL,
            repeat INTEGER NOT NULL,
            weekly_board INTEGER NOT NULL,
            status INTEGER NOT NULL,
            cursor INTEGER NOT NULL,
            next_due_at INTEGER,
            next_board_at INTEGER,
            created_by TEXT NOT NULL,
            created_at INTEGER NOT NULL,
            version INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX rounds_due ON rounds(next_due_at) WHERE status = 0;
        CREATE TABLE posts (
            id TEXT PRIMARY KEY,
            conversation_key TEXT NOT NULL,
            bank_id TEXT NOT NULL,
            question_index INTEGER NOT NULL,
            slot_at INTEGER NOT NULL,
            closes_at INTEGER NOT NULL,
            time_zone TEXT NOT NULL,
            state INTEGER NOT NULL,
            message_id TEXT,
            posted_at INTEGER,
            claimed_by TEXT NOT NULL,
            tally TEXT,
            closed_card_sent INTEGER NOT NULL DEFAULT 0
        ) WITHOUT ROWID;
        CREATE INDEX posts_to_close ON posts(closes_at) WHERE state = 1 OR (state = 2 AND closed_card_sent = 0);
        CREATE INDEX posts_by_conversation ON posts(conversation_key, closes_at);
        CREATE TABLE post_answers (
            post_id TEXT NOT NULL,
            user_key TEXT NOT NULL,
            user_name TEXT NOT NULL,
            choice INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            answered_at INTEGER NOT NULL,
            PRIMARY KEY (post_id, user_key)
        ) WITHOUT ROWID;
        CREATE TABLE board (
            conversation_key TEXT NOT NULL,
            period TEXT NOT NULL,
            user_key TEXT NOT NULL,
            name TEXT NOT NULL,
            points INTEGER NOT NULL,
            correct INTEGER NOT NULL,
            answered INTEGER NOT NULL,
            streak INTEGER NOT NULL,
            best_streak INTEGER NOT NULL,
            PRIMARY KEY (conversation_key, period, user_key)
        ) WITHOUT ROWID;
        CREATE INDEX board_rank ON board(conversation_key, period, points DESC, name);
        """,
        // v3: a board's member count kept beside it (reading it must not count rows), and answers by time for the live card.
        """
        CREATE TABLE board_members (
            conversation_key TEXT NOT NULL,
            period TEXT NOT NULL,
            members INTEGER NOT NULL,
            PRIMARY KEY (conversation_key, period)
        ) WITHOUT ROWID;
        INSERT INTO board_members (conversation_key, period, members) SELECT conversation_key, period, COUNT(*) FROM board GROUP BY conversation_key, period;
        CREATE INDEX post_answers_latest ON post_answers(post_id, answered_at);
        """,
        // v4: workspaces that installed the app by OAuth (tokens protected, never plain) and single-use install nonces.
        """
        CREATE TABLE installs (
            channel TEXT NOT NULL,
            team TEXT NOT NULL,
            enterprise TEXT,
            team_name TEXT,
            bot_user TEXT,
            token TEXT,
            scopes TEXT,
            installed_at INTEGER NOT NULL,
            revoked_at INTEGER,
            PRIMARY KEY (channel, team)
        ) WITHOUT ROWID;
        CREATE TABLE nonces (
            nonce TEXT PRIMARY KEY,
            expires_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,
        // v5: the channel deliveries taken by any instance (redeliveries run once), swept by expiry.
        """
        CREATE TABLE deliveries (
            key TEXT PRIMARY KEY,
            holder TEXT NOT NULL,
            done INTEGER NOT NULL,
            lease_ends INTEGER NOT NULL,
            expires_at INTEGER NOT NULL,
            answer BLOB
        ) WITHOUT ROWID;
        CREATE INDEX deliveries_expiry ON deliveries(expires_at);
        """,
        // v6: posts keep the question's id and the key it was posted with, sessions the ids of their questions in the
        // order asked and answers their question's id, so a bank edit re-scores nothing. Older rows keep only positions
        // (question_index; question_id NULL) and are read against the bank as it is. A void post's card is updated at
        // close like a closed one's; a claim carries a lease (lease_until) after which the tick resolves it.
        """
        ALTER TABLE posts ADD COLUMN question_id TEXT;
        ALTER TABLE posts ADD COLUMN answer INTEGER;
        ALTER TABLE posts ADD COLUMN choices INTEGER;
        ALTER TABLE posts ADD COLUMN lease_until INTEGER;
        DROP INDEX posts_to_close;
        CREATE INDEX posts_to_close ON posts(closes_at) WHERE state = 1 OR (state IN (2, 4) AND closed_card_sent = 0);
        CREATE INDEX posts_claimed ON posts(lease_until) WHERE state = 0;
        ALTER TABLE sessions ADD COLUMN question_ids TEXT;
        ALTER TABLE session_answers ADD COLUMN question_id TEXT;
        """,
        // v7: banks live in the store, one row per version (content: BankContent's gzipped JSON; hash: of that JSON, so
        // an unchanged import makes no version). Sessions and posts name the version they were started on (NULL: started
        // before banks were versioned, read against the latest).
        """
        CREATE TABLE bank_versions (
            bank_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            title TEXT NOT NULL,
            questions INTEGER NOT NULL,
            hash TEXT NOT NULL,
            content BLOB NOT NULL,
            imported_at INTEGER NOT NULL,
            PRIMARY KEY (bank_id, version)
        ) WITHOUT ROWID;
        ALTER TABLE sessions ADD COLUMN bank_version INTEGER;
        ALTER TABLE posts ADD COLUMN bank_version INTEGER;
        """,
        // v8: the questions each person got wrong, in Leitner boxes (box 6: retired), read by person and due day.
        """
        CREATE TABLE reviews (
            user_key TEXT NOT NULL,
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            box INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            step INTEGER NOT NULL,
            last_choice INTEGER,
            PRIMARY KEY (user_key, bank_id, question_id)
        ) WITHOUT ROWID;
        CREATE INDEX reviews_due ON reviews(user_key, due_at) WHERE box <= 5;
        """,
        // v9: reports of a problem with a question ("Report a problem"), one per person and question in a conversation, and
        // the admins' decision on them (decision NULL while open).
        """
        CREATE TABLE disputes (
            conversation_key TEXT NOT NULL,
            bank_id TEXT NOT NULL,
            question_id TEXT NOT NULL,
            user_key TEXT NOT NULL,
            user_name TEXT NOT NULL,
            reason INTEGER NOT NULL,
            text TEXT NOT NULL,
            post_id TEXT,
            session_id TEXT,
            reported_at INTEGER NOT NULL,
            decision INTEGER,
            new_answer INTEGER,
            decided_by TEXT,
            decided_at INTEGER,
            PRIMARY KEY (conversation_key, bank_id, question_id, user_key)
        ) WITHOUT ROWID;
        CREATE INDEX disputes_open ON disputes(conversation_key, reported_at) WHERE decision IS NULL;
        """,
        // Managers per conversation (the dashboard's read-only role), and both roles found by person for the dashboard's home.
        """
        CREATE TABLE managers (
            conversation_key TEXT NOT NULL,
            user_key TEXT NOT NULL,
            PRIMARY KEY (conversation_key, user_key)
        ) WITHOUT ROWID;
        CREATE INDEX managers_by_user ON managers(user_key);
        CREATE INDEX admins_by_user ON admins(user_key);
        """,
        // v11: who an Entra ID object id is in chat (linked each time the person types `dashboard` in Teams), and the
        // conversations they asked from, the most recent few.
        """
        CREATE TABLE identity_links (
            object_id TEXT PRIMARY KEY,
            user_key TEXT NOT NULL,
            name TEXT NOT NULL,
            seen_at INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE identity_link_conversations (
            object_id TEXT NOT NULL,
            conversation_key TEXT NOT NULL,
            seen_at INTEGER NOT NULL,
            PRIMARY KEY (object_id, conversation_key)
        ) WITHOUT ROWID;
        """,
        // v12: how many members of each board have each number of points, kept by triggers (SqliteSchema.BoardPoints.cs).
        BoardPoints,
    ];

    public static int Version => Migrations.Length;

    public static void Migrate(SqliteConnection connection) => Migrate(connection, Migrations.Length);

    // Up to an older version: how tests make the database an earlier QuizBot left behind.
    internal static void Migrate(SqliteConnection connection, int target)
    {
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }
        using var tx = connection.BeginTransaction();
        using var read = connection.CreateCommand();
        read.Transaction = tx;
        read.CommandText = "PRAGMA user_version;";
        var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (current > Migrations.Length)
        {
            throw new InvalidOperationException($"The database is at schema version {current}, newer than this QuizBot ({Migrations.Length}). Upgrade QuizBot.");
        }
        for (var v = current; v < target; v++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = tx;
            step.CommandText = Migrations[v] + $"\nPRAGMA user_version = {v + 1};";
            step.ExecuteNonQuery();
        }
        tx.Commit();
    }
}
