#!/usr/bin/env python3
"""test_store.py: the store on disk: integrity checking, tamper detection,
listing and export."""
import json
import os
import sqlite3

from harness import SHARED, new_store, ok, refuge, run_tests, sources_json, test

CORPUS = os.path.join(SHARED, 'corpus', 'docs')


@test
def store_uses_wal_and_fts5(tmp):
    data = new_store(tmp)
    db = sqlite3.connect(os.path.join(data, 'refuge.db'))
    assert db.execute('PRAGMA journal_mode').fetchone()[0] == 'wal'
    assert db.execute('PRAGMA user_version').fetchone()[0] == 5
    sql = db.execute("SELECT sql FROM sqlite_master WHERE name = 'source_fts'").fetchone()[0]
    assert 'fts5' in sql.lower()


@test
def check_detects_tampered_evidence(tmp):
    data = new_store(tmp)
    ok(refuge('ingest', CORPUS, data=data))
    r = ok(refuge('check', data=data))
    assert r.out.startswith('ok:')
    db = sqlite3.connect(os.path.join(data, 'refuge.db'))
    db.execute("UPDATE source_bytes SET bytes = CAST('forged' AS BLOB) WHERE source_id = 3")
    db.commit()
    db.close()
    r = ok(refuge('check', data=data), 1)
    assert 'problem: source 3: stored bytes no longer match their SHA-256' in r.out, r


@test
def check_detects_a_missing_text(tmp):
    data = new_store(tmp)
    ok(refuge('ingest', CORPUS, data=data))
    db = sqlite3.connect(os.path.join(data, 'refuge.db'))
    db.execute('PRAGMA foreign_keys = OFF')
    db.execute("DELETE FROM source_text WHERE source_id = 2")
    db.commit()
    db.close()
    r = ok(refuge('check', data=data), 1)
    assert 'source 2: text or bytes missing' in r.out, r


@test
def export_is_complete_jsonl(tmp):
    data = new_store(tmp)
    ok(refuge('ingest', CORPUS, data=data))
    r = ok(refuge('export', 'sources', '--format', 'jsonl', data=data))
    lines = [json.loads(line) for line in r.out.splitlines()]
    assert len(lines) == len(os.listdir(CORPUS))
    listed = sources_json(data)
    assert [x['id'] for x in lines] == [x['id'] for x in listed]
    for line in lines:
        assert line['text'] and len(line['sha256']) == 64 and line['file']


@test
def show_and_sources_agree(tmp):
    data = new_store(tmp)
    ok(refuge('ingest', CORPUS, data=data))
    r = ok(refuge('sources', data=data))
    assert r.out.strip().endswith('%d sources' % len(os.listdir(CORPUS)))
    r = ok(refuge('show', '1', data=data))
    assert r.out.startswith('source       1\n')
    r = ok(refuge('show', '999', data=data), 1)
    assert 'no source with id 999' in r.err


if __name__ == '__main__':
    run_tests()
