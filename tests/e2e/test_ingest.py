#!/usr/bin/env python3
"""test_ingest.py: ingestion of text, HTML and PDF, metadata, duplicates,
near-duplicates, the attempt log, crash safety and concurrent writers."""
import glob
import json
import os
import signal
import sqlite3
import subprocess
import time

from harness import (BIN, ROOT, SHARED, make_pdf, new_store, ok, refuge,
                     run_tests, show_json, sources_json, test, write)

CORPUS = os.path.join(SHARED, 'corpus', 'docs')


def summary(result):
    return result.out.strip().splitlines()[0]


@test
def corpus_is_stored_then_reported_as_duplicates(tmp):
    data = new_store(tmp)
    n = len(glob.glob(os.path.join(CORPUS, '*.txt')))
    assert n >= 29
    r = ok(refuge('ingest', CORPUS, data=data))
    assert summary(r) == '%d files: %d new, 0 duplicate, 0 near-duplicate, 0 failed' % (n, n), r
    r = ok(refuge('ingest', CORPUS, data=data))
    assert summary(r) == '%d files: 0 new, %d duplicate, 0 near-duplicate, 0 failed' % (n, n), r
    assert len(sources_json(data)) == n
    ok(refuge('check', data=data))


@test
def text_header_becomes_metadata(tmp):
    data = new_store(tmp)
    f = write(os.path.join(tmp, 'note.txt'),
              'Title: Activist held at airport\nPublisher: Example Monitor\n'
              'Published: 14 March 2021\nURL: https://example.org/held\n'
              'Desk: Central Asia\n\nThe activist was stopped on arrival.\n')
    ok(refuge('ingest', f, data=data))
    s = show_json(data, 1)
    assert s['title'] == 'Activist held at airport'
    assert s['publisher'] == 'Example Monitor'
    assert s['published'] == '2021-03-14'
    assert s['url'] == 'https://example.org/held'
    assert s['metadata'] == {'Desk': 'Central Asia'}, s['metadata']
    assert s['text'] == 'The activist was stopped on arrival.'
    assert s['file'] == f and s['format'] == 'text'
    assert s['ingested_by'] == 'tester' and s['ingested_at'].endswith('Z')
    assert len(s['sha256']) == 64


@test
def command_line_metadata_overrides_the_document(tmp):
    data = new_store(tmp)
    f = write(os.path.join(tmp, 'a.txt'), 'Title: Own title\n\nBody text here.\n')
    ok(refuge('ingest', '--title', 'Given title', '--publisher', 'Given Pub',
              '--url', 'https://example.org/x', '--published', '2020-05', f, data=data))
    s = show_json(data, 1)
    assert (s['title'], s['publisher'], s['url'], s['published']) == \
        ('Given title', 'Given Pub', 'https://example.org/x', '2020-05')


PAGE = '''<!DOCTYPE html><html><head><title>Site | Refugees held</title>
<meta property="og:title" content="Refugees held at the border">
<meta property="article:published_time" content="2022-09-03T08:00:00Z">
<meta property="og:site_name" content="%(site)s">
<link rel="canonical" href="https://example.org/held">
<script>var tracker = "SCRIPTMARKER";</script></head><body>
<header><a href="/">Home</a> <a href="/about">About us</a></header>
<nav><ul><li><a href="/a">World</a></li><li><a href="/b">Asia</a></li></ul></nav>
<div id="cookie-consent">We use cookies. Accept all cookies?</div>
<div class="donate-banner">Donate now to keep us going</div>
<article><h1>Refugees held at the border</h1>
<p>Border guards detained seven men from the Oromo community near the crossing on Tuesday.</p>
<p>Lawyers said the men had registered with the refugee agency and feared being sent back.</p>
<p>Officials declined to say when a hearing would take place.</p>
<div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
</article>
<aside><h2>Most read</h2><p>Something else entirely</p></aside>
<ul class="related-links"><li><a href="/1">Older story one</a></li><li><a href="/2">Older story two</a></li></ul>
%(extra)s<footer>Copyright %(site)s. All rights reserved.</footer></body></html>'''


@test
def html_boilerplate_is_removed_and_metadata_read(tmp):
    data = new_store(tmp)
    f = write(os.path.join(tmp, 'page.data'), PAGE % {'site': 'Border Watch', 'extra': ''})
    ok(refuge('ingest', f, data=data))
    s = show_json(data, 1)
    assert s['format'] == 'html'
    assert s['title'] == 'Refugees held at the border'
    assert s['published'] == '2022-09-03'
    assert s['url'] == 'https://example.org/held'
    assert s['publisher'] == 'Border Watch'
    text = s['text']
    assert 'detained seven men from the Oromo community' in text
    assert 'Officials declined' in text
    for junk in ['SCRIPTMARKER', 'cookies', 'Donate', 'Share on', 'Older story',
                 'Most read', 'About us', 'Copyright', 'Asia']:
        assert junk not in text, (junk, text)
    assert '\n\n' in text  # paragraphs stay apart


@test
def republished_story_is_a_near_duplicate(tmp):
    data = new_store(tmp)
    a = write(os.path.join(tmp, 'a.html'), PAGE % {'site': 'Border Watch', 'extra': ''})
    b = write(os.path.join(tmp, 'b.html'), PAGE % {
        'site': 'Other Mirror',
        'extra': '<div class="newsletter">Subscribe to our newsletter</div>'
                 '<p>This story first appeared elsewhere.</p>'})
    other = write(os.path.join(tmp, 'c.txt'), 'A different report about a court in Nairobi '
                  'hearing an appeal by a Somali journalist against his removal order.\n')
    r = ok(refuge('ingest', a, b, other, data=data))
    assert summary(r) == '3 files: 2 new, 0 duplicate, 1 near-duplicate, 0 failed', r
    by_file = {s['file']: s for s in sources_json(data)}
    assert by_file[b]['near_duplicate_of'] == by_file[a]['id']
    assert by_file[other]['near_duplicate_of'] is None
    assert by_file[a]['near_duplicate_of'] is None


@test
def pdf_pages_are_kept_apart(tmp):
    data = new_store(tmp)
    f = write(os.path.join(tmp, 'report.bin'),
              make_pdf(['Page one names Ahmet Yilmaz.', 'Page two describes the hearing.'],
                       title='Annual report'))
    ok(refuge('ingest', f, data=data))
    s = show_json(data, 1)
    assert s['format'] == 'pdf' and s['pages'] == 2
    assert s['title'] == 'Annual report'
    assert s['text'].split('\f')[0].strip() == 'Page one names Ahmet Yilmaz.'
    assert s['text'].split('\f')[1].strip() == 'Page two describes the hearing.'
    r = ok(refuge('show', '1', data=data))
    assert '--- page 2 ---' in r.out


@test
def failures_are_recorded_and_retried(tmp):
    data = new_store(tmp)
    bad = write(os.path.join(tmp, 'in', 'later.txt'), b'')
    good = write(os.path.join(tmp, 'in', 'good.txt'), 'A good document.\n')
    r = ok(refuge('ingest', os.path.join(tmp, 'in'), data=data), 1)
    assert summary(r) == '2 files: 1 new, 0 duplicate, 0 near-duplicate, 1 failed', r
    assert 'failed: %s: empty file' % bad in r.out
    write(bad, 'Now it has text.\n')
    r = ok(refuge('ingest', os.path.join(tmp, 'in'), data=data))
    assert summary(r) == '2 files: 1 new, 1 duplicate, 0 near-duplicate, 0 failed', r
    db = sqlite3.connect(os.path.join(data, 'refuge.db'))
    rows = db.execute('SELECT path, status, reason FROM ingest_attempt ORDER BY id').fetchall()
    assert rows == [(good, 'new', None), (bad, 'failed', 'empty file'),
                    (good, 'duplicate', None), (bad, 'new', None)], rows


@test
def kill_9_leaves_only_whole_documents(tmp):
    data = new_store(tmp)
    folder = os.path.join(tmp, 'many')
    for i in range(4000):
        write(os.path.join(folder, '%05d.txt' % i),
              'Title: Report %d\n\nDocument number %d tells of case %d in detail. %s\n'
              % (i, i, i * 7, 'filler words ' * 200))
    proc = subprocess.Popen([BIN, '--data', data, 'ingest', folder],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db_path = os.path.join(data, 'refuge.db')
    stored = 0
    for _ in range(6000):
        try:
            db = sqlite3.connect(db_path, timeout=30)
            stored = db.execute('SELECT count(*) FROM source').fetchone()[0]
            db.close()
        except sqlite3.Error:
            pass
        if stored >= 200 or proc.poll() is not None:
            break
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert stored >= 200, 'ingest finished before it could be killed'
    r = ok(refuge('check', data=data))
    db = sqlite3.connect(db_path)
    sources = db.execute('SELECT count(*) FROM source').fetchone()[0]
    texts = db.execute('SELECT count(*) FROM source_text').fetchone()[0]
    new = db.execute("SELECT count(*) FROM ingest_attempt WHERE status = 'new'").fetchone()[0]
    db.close()
    assert 0 < sources < 4000, sources
    assert sources == texts == new, (sources, texts, new)
    r = ok(refuge('ingest', folder, data=data))
    assert summary(r) == '4000 files: %d new, %d duplicate, 0 near-duplicate, 0 failed' % (
        4000 - sources, sources), r
    ok(refuge('check', data=data))


@test
def two_writers_share_one_store(tmp):
    data = new_store(tmp)
    folder = os.path.join(tmp, 'docs')
    for i in range(300):
        write(os.path.join(folder, '%03d.txt' % i),
              'Report %d on a detention in city %d of person %d.\n' % (i, i * 3, i * 11))
    procs = [subprocess.Popen([BIN, '--data', data, 'ingest', folder],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
             for _ in range(2)]
    outs = [p.communicate()[0].decode() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    assert len(sources_json(data)) == 300
    db = sqlite3.connect(os.path.join(data, 'refuge.db'))
    counts = dict(db.execute('SELECT status, count(*) FROM ingest_attempt GROUP BY status'))
    assert counts == {'new': 300, 'duplicate': 300}, counts
    ok(refuge('check', data=data))


@test
def store_from_a_newer_version_is_refused_untouched(tmp):
    data = new_store(tmp)
    db_path = os.path.join(data, 'refuge.db')
    db = sqlite3.connect(db_path)
    db.execute('PRAGMA user_version = 999')
    db.commit()
    db.close()
    before = open(db_path, 'rb').read()
    for args in [('sources',), ('init',), ('ingest', CORPUS)]:
        r = ok(refuge(*args, data=data), 1)
        assert 'newer Refuge Watch' in r.err and '999' in r.err, r
    assert open(db_path, 'rb').read() == before


@test
def another_programs_database_is_refused(tmp):
    data = os.path.join(tmp, 'other')
    os.makedirs(data)
    db = sqlite3.connect(os.path.join(data, 'refuge.db'))
    db.execute('PRAGMA application_id = 12345')
    db.execute('CREATE TABLE t (x)')
    db.commit()
    db.close()
    r = ok(refuge('sources', data=data), 1)
    assert 'not a Refuge Watch store' in r.err, r


@test
def progress_is_a_bar_on_a_terminal_and_lines_elsewhere(tmp):
    import pty
    data = new_store(tmp)
    folder = os.path.join(tmp, 'docs')
    for i in range(30):
        write(os.path.join(folder, '%02d.txt' % i), 'Report %d about a detention.\n' % i)
    write(os.path.join(folder, 'zz.txt'), b'')
    master, slave = pty.openpty()
    proc = subprocess.Popen([BIN, '--data', data, 'ingest', folder],
                            stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    screen = b''
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    out = proc.communicate()[0].decode()
    os.close(master)
    screen = screen.decode('utf-8', 'replace')
    assert proc.returncode == 1
    assert '\r[' in screen and '100% 31/31 files' in screen, screen
    assert 'zz.txt: empty file' in screen
    assert '[1/31]' not in screen  # no per-file lines on a terminal
    assert out.startswith('31 files: 30 new')
    r = ok(refuge('ingest', folder, data=data), 1)
    lines = [l for l in r.err.splitlines() if l.startswith('[')]
    assert len(lines) == 31 and lines[0].startswith('[1/31] duplicate #1'), r.err
    assert '\r' not in r.err


@test
def demo_documents_ingest_cleanly(tmp):
    data = new_store(tmp)
    demo = os.path.join(ROOT, 'data', 'demo')
    files = sorted(glob.glob(os.path.join(demo, '*')))
    assert len(files) >= 12
    r = ok(refuge('ingest', demo, data=data))
    assert ' 0 failed' in summary(r), r
    assert '1 near-duplicate' in summary(r), r
    kinds = {s['format'] for s in sources_json(data)}
    assert kinds == {'text', 'html'}, kinds


if __name__ == '__main__':
    run_tests()
