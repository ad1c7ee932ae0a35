# Starts a private PostgreSQL 15 cluster for the live tests and exports OWN_TEST_POSTGRES_URL.
# Meant to be sourced by .ci/run (as root): `source .ci/postgres.sh`.
# The cluster lives in a temporary folder, listens only on 127.0.0.1, trusts local connections,
# and is stopped when the sourcing shell exits.

own_pg_bin=${OWN_PG_BIN:-/usr/lib/postgresql/15/bin}
own_pg_port=${OWN_PG_PORT:-54329}
own_pg_dir=$(mktemp -d /tmp/own-postgres.XXXXXX)

own_pg_as_postgres() {
    if [ "$(id -u)" = "0" ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

if [ "$(id -u)" = "0" ]; then
    chown postgres:postgres "$own_pg_dir"
fi
chmod 700 "$own_pg_dir"

own_pg_as_postgres "$own_pg_bin/initdb" -D "$own_pg_dir/data" -U postgres --auth=trust --encoding=UTF8 >"$own_pg_dir/initdb.log" 2>&1 \
    || { cat "$own_pg_dir/initdb.log"; return 1 2>/dev/null || exit 1; }
# The first free port from the preferred one up. Another cluster starting at the same moment may
# take the port between the look and the bind, so a start that fails moves on to the next port.
own_pg_started=
for _ in 1 2 3 4 5 6 7 8 9 10; do
    while (echo > "/dev/tcp/127.0.0.1/$own_pg_port") 2>/dev/null; do
        own_pg_port=$((own_pg_port + 1))
    done
    if own_pg_as_postgres "$own_pg_bin/pg_ctl" -D "$own_pg_dir/data" -l "$own_pg_dir/server.log" -w \
        -o "-p $own_pg_port -k $own_pg_dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null; then
        own_pg_started=1
        break
    fi
    own_pg_port=$((own_pg_port + 1))
done
[ -n "$own_pg_started" ] || { cat "$own_pg_dir/server.log"; return 1 2>/dev/null || exit 1; }
own_pg_as_postgres "$own_pg_bin/createdb" -h 127.0.0.1 -p "$own_pg_port" -U postgres owntest

export OWN_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$own_pg_port/owntest"
export OWN_TEST_POSTGRES_DIR="$own_pg_dir"

own_pg_stop() {
    own_pg_as_postgres "$own_pg_bin/pg_ctl" -D "$own_pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$own_pg_dir"
}
trap own_pg_stop EXIT
echo "PostgreSQL 15 on 127.0.0.1:$own_pg_port (OWN_TEST_POSTGRES_URL=$OWN_TEST_POSTGRES_URL)"
