import PostgresNIO

/// The statement of a monitor save (`PostgresTeamStore.save(_:)`): changes of distinct monitors,
/// each a compare-and-set, in one statement whatever their number. The rows still at the version
/// read are updated, and the pings and flips written only for them. The changes, pings and flips go
/// as three JSON documents (`jsonb_to_recordset`), where an absent value is NULL; it returns the
/// stored last ping number of each monitor saved. Prepared once per connection, so PostgreSQL
/// parses and plans it once instead of for every batch of pings.
///
/// The rows are found by uuid through the primary key only: `locked` keeps just the rows of the
/// change's team, and the update matches no team itself, for PostgreSQL otherwise walked the team's
/// (team, slug) index for every monitor saved (some 250 ms for a batch of 35 among 1,000 monitors).
///
/// `check_at`, the indexed lower bound of the deadline, is only lowered (or cleared with the
/// deadline): a ping that moves the deadline later leaves every indexed column as it was, so its
/// update is a HOT update.
///
/// The pings a save would drop at once (more than `kept` in one change) are not written; the
/// statement's snapshot predates its own inserts, so only older pings are dropped.
struct MonitorSaveStatement: PostgresPreparedStatement {
    static let sql = """
        WITH c AS (
            SELECT * FROM jsonb_to_recordset($1::jsonb) AS c(
                uuid text, team text, version bigint, steps bigint, added bigint, name text, slug text,
                owner text, stakes text, timeout float8, cron text, tz text, grace float8, max_runtime float8,
                min_runtime float8, failure_tolerance bigint, parent text, tags text, descr text, status text,
                last_ping float8, last_start float8, last_start_rid text, last_duration float8,
                failures bigint, down_since float8, parent_down boolean, held_failure text,
                incident_open boolean, incident_loop text, next_deadline float8)
        ), locked AS (
            SELECT m.uuid FROM monitors m JOIN c ON m.uuid = c.uuid AND m.team = c.team
            WHERE m.uuid = ANY(ARRAY(SELECT c.uuid FROM c))
            ORDER BY m.uuid FOR UPDATE OF m
        ), saved AS (
            UPDATE monitors m SET name = c.name, slug = c.slug, owner = c.owner, stakes = c.stakes,
                timeout = c.timeout, cron = c.cron, tz = c.tz, grace = c.grace, max_runtime = c.max_runtime,
                min_runtime = c.min_runtime, failure_tolerance = c.failure_tolerance, parent = c.parent,
                tags = c.tags, descr = c.descr, status = c.status, last_ping = c.last_ping,
                last_start = c.last_start, last_start_rid = c.last_start_rid, last_duration = c.last_duration,
                failures = c.failures, down_since = c.down_since, parent_down = c.parent_down,
                held_failure = c.held_failure, incident_open = c.incident_open,
                incident_loop = c.incident_loop, next_deadline = c.next_deadline,
                check_at = CASE WHEN c.next_deadline IS NULL THEN NULL
                    ELSE LEAST(COALESCE(m.check_at, c.next_deadline), c.next_deadline) END,
                last_n = m.last_n + c.added, version = m.version + c.steps
            FROM c JOIN locked l ON l.uuid = c.uuid
            WHERE m.uuid = l.uuid AND m.version = c.version
            RETURNING m.uuid, m.last_n, c.added
        ), pinged AS (
            INSERT INTO monitor_pings (monitor, n, at, kind, rid, method, remote, user_agent, body, duration)
            SELECT p.monitor, s.last_n - s.added + p.ord, p.at, p.kind, p.rid, p.method, p.remote,
                p.user_agent, decode(p.body, 'base64'), p.duration
            FROM jsonb_to_recordset($2::jsonb) AS p(
                monitor text, ord bigint, at float8, kind text, rid text, method text, remote text,
                user_agent text, body text, duration float8)
            JOIN saved s ON s.uuid = p.monitor
            WHERE p.ord > s.added - \(MonitorPingRecord.kept)
        ), dropped AS (
            DELETE FROM monitor_pings d USING saved s
            WHERE s.added > 0 AND d.monitor = s.uuid AND d.n <= s.last_n - \(MonitorPingRecord.kept)
        ), flipped AS (
            INSERT INTO monitor_flips (monitor, at, old, new)
            SELECT f.monitor, f.at, f.old, f.new
            FROM jsonb_to_recordset($3::jsonb) AS f(
                monitor text, ord bigint, at float8, old text, new text)
            JOIN saved s ON s.uuid = f.monitor ORDER BY f.monitor, f.ord
        )
        SELECT uuid, last_n FROM saved
        """

    /// The documents go as text, cast to `jsonb` by the statement.
    static var bindingDataTypes: [PostgresDataType] { [.text, .text, .text] }

    typealias Row = (String, Int64)

    /// The changes' monitors, their pings and their flips: JSON arrays of objects.
    var monitors: String
    var pings: String
    var flips: String

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(monitors)
        bindings.append(pings)
        bindings.append(flips)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
