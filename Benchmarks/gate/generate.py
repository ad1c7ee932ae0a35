#!/usr/bin/env python3
"""Writes N mixed PostgreSQL migration files for the gate benchmark (deterministic: seeded)."""
import os
import random
import sys

out = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
rng = random.Random(2026)
os.makedirs(out, exist_ok=True)
for old in os.listdir(out):
    if old.endswith(".sql"):
        os.remove(os.path.join(out, old))

tables = [f"t_{i}" for i in range(200)]
columns = ["email", "name", "status", "created_at", "total", "note", "ref", "kind", "owner_id", "amount"]


def create_table(name):
    cols = ",\n".join(f"    {c} {rng.choice(['text', 'bigint', 'timestamptz', 'numeric(12,2)', 'boolean'])}"
                      f"{rng.choice(['', ' NOT NULL', ' DEFAULT 0', ''])}" for c in rng.sample(columns, 5))
    return f"CREATE TABLE IF NOT EXISTS {name} (\n    id bigserial PRIMARY KEY,\n{cols}\n);\n"


def function(name):
    return (f"CREATE OR REPLACE FUNCTION {name}_touch() RETURNS trigger AS $body$\nBEGIN\n"
            f"    NEW.updated_at := now(); -- keep ; inside the body\n    RAISE NOTICE 'touch %', 'it''s';\n"
            f"    RETURN NEW;\nEND;\n$body$ LANGUAGE plpgsql;\n")


statements = [
    lambda t: f"CREATE INDEX {t}_{rng.choice(columns)}_idx ON {t} ({rng.choice(columns)});\n",
    lambda t: f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {t}_c_idx ON {t} ({rng.choice(columns)});\n",
    lambda t: f"ALTER TABLE {t} ADD COLUMN {rng.choice(columns)}_{rng.randint(1, 99)} text;\n",
    lambda t: f"ALTER TABLE {t} ADD COLUMN flag_{rng.randint(1, 99)} boolean NOT NULL DEFAULT false;\n",
    lambda t: f"ALTER TABLE {t} ADD COLUMN uid_{rng.randint(1, 99)} uuid DEFAULT gen_random_uuid();\n",
    lambda t: f"ALTER TABLE {t} ALTER COLUMN {rng.choice(columns)} SET NOT NULL;\n",
    lambda t: f"ALTER TABLE {t} ALTER COLUMN {rng.choice(columns)} TYPE text;\n",
    lambda t: f"ALTER TABLE {t} ADD CONSTRAINT {t}_fk FOREIGN KEY (owner_id) REFERENCES users (id);\n",
    lambda t: f"ALTER TABLE {t} ADD CONSTRAINT {t}_ck CHECK (total >= 0) NOT VALID;\n",
    lambda t: f"ALTER TABLE {t} VALIDATE CONSTRAINT {t}_ck;\n",
    lambda t: f"ALTER TABLE {t} DROP COLUMN {rng.choice(columns)};\n",
    lambda t: f"COMMENT ON COLUMN {t}.{rng.choice(columns)} IS 'the owner''s note; shown in the UI';\n",
    lambda t: f"INSERT INTO {t} (name, note) VALUES ('a', E'line\\nbreak'), ('b', $$dollar ' quoted$$);\n",
    lambda t: f"UPDATE {t} SET status = 'active' WHERE status IS NULL AND created_at < now() - interval '1 day';\n",
    lambda t: f"ALTER TABLE {t} ALTER COLUMN {rng.choice(columns)} DROP NOT NULL;\n",
    lambda t: f"ALTER TABLE {t} RENAME COLUMN {rng.choice(columns)} TO {rng.choice(columns)}_old;\n",
    lambda t: f"/* a block comment /* nested */ before */\nDROP INDEX IF EXISTS {t}_old_idx;\n",
    lambda t: f"ALTER TABLE \"{t}\" ADD CONSTRAINT {t}_uq UNIQUE ({rng.choice(columns)});\n",
    lambda t: f"SET lock_timeout = '2s';\n",
    lambda t: f"-- backfill in one go\nUPDATE {t} SET amount = total * 100;\n",
]

for n in range(count):
    parts = [f"-- migration {n:05d}: generated for the gate benchmark\n"]
    if rng.random() < 0.3:
        parts.append(create_table(rng.choice(tables) + f"_{n}"))
    if rng.random() < 0.1:
        parts.append(function(rng.choice(tables)))
    for _ in range(rng.randint(2, 12)):
        parts.append(rng.choice(statements)(rng.choice(tables)))
    with open(os.path.join(out, f"{n:05d}_migration.sql"), "w") as f:
        f.write("\n".join(parts))
print(f"wrote {count} migrations to {out}")
