#!/usr/bin/env python3
"""test_hostile.py: broken and hostile input. Each bad item gets one clear
line naming the file and the problem; the rest of the batch is stored."""
import os
import random
import resource
import shutil
import subprocess

from harness import (BIN, make_pdf, new_store, ok, refuge, run_tests, show_json,
                     sources_json, test, write)

GOOD = 'A sound report about a hearing in Bishkek for two asylum seekers.\n'


def batch(tmp, bad_name, bad_content):
    """A folder with one good file and one bad one."""
    folder = os.path.join(tmp, 'in')
    write(os.path.join(folder, 'good.txt'), GOOD)
    if bad_content is not None:
        write(os.path.join(folder, bad_name), bad_content)
    return folder


def ingest_expect_failure(tmp, bad_name, bad_content, reason):
    data = new_store(tmp)
    folder = batch(tmp, bad_name, bad_content)
    r = ok(refuge('ingest', folder, data=data), 1)
    bad = os.path.join(folder, bad_name)
    lines = [l for l in r.err.splitlines() if l.startswith('refuge ingest: ')]
    assert lines == ['refuge ingest: %s: %s' % (bad, reason)], r
    assert '1 new' in r.out and '1 failed' in r.out, r
    assert [os.path.basename(s['file']) for s in sources_json(data)] == ['good.txt']
    return data


@test
def empty_file(tmp):
    ingest_expect_failure(tmp, 'empty.txt', b'', 'empty file')


@test
def whitespace_only_file(tmp):
    ingest_expect_failure(tmp, 'blank.txt', b'  \n\t\n', 'file holds only white space')


@test
def binary_file(tmp):
    rng = random.Random(7)
    blob = bytes(rng.randrange(256) for _ in range(5000)) + b'\0'
    ingest_expect_failure(tmp, 'photo.txt', blob, 'binary file: not text, HTML or PDF')


@test
def truncated_pdf(tmp):
    pdf = make_pdf(['The only page of the report.'])
    data = new_store(tmp)
    folder = batch(tmp, 'cut.pdf', pdf[:40])
    r = ok(refuge('ingest', folder, data=data), 1)
    line = [l for l in r.err.splitlines() if l.startswith('refuge ingest: ')]
    assert line == ['refuge ingest: %s: not a readable PDF (PDF document is damaged)'
                    % os.path.join(folder, 'cut.pdf')], r
    assert 'Syntax Error' not in r.err, r


@test
def encrypted_pdf(tmp):
    qpdf = shutil.which('qpdf')
    assert qpdf, 'qpdf is installed by tools/install-deps'
    plain = write(os.path.join(tmp, 'plain.pdf'), make_pdf(['Secret page.']))
    locked = os.path.join(tmp, 'locked.pdf')
    subprocess.run([qpdf, '--encrypt', 'user', 'owner', '256', '--', plain, locked], check=True)
    ingest_expect_failure(tmp, 'locked.pdf', open(locked, 'rb').read(),
                          'the PDF is encrypted: save an unlocked copy and ingest that')


@test
def invalid_utf8_keeps_the_valid_text(tmp):
    data = new_store(tmp)
    f = write(os.path.join(tmp, 'mixed.txt'),
              b'Before the break \xff\xfe\xc3 after the break, Dilnur was held.\n')
    r = ok(refuge('ingest', f, data=data))
    assert 'warning: 3 invalid UTF-8 sequences replaced by U+FFFD' in r.err, r
    s = show_json(data, 1)
    assert s['text'] == 'Before the break \ufffd\ufffd\ufffd after the break, Dilnur was held.', s['text']
    r = ok(refuge('search', '--json', 'Dilnur', data=data))
    assert r.out.count('\n') == 1


@test
def html_with_scripts_stores_no_script(tmp):
    data = new_store(tmp)
    page = ('<html><head><title>x</title><script>alert("PWNED")</script></head><body>'
            '<p onclick="steal()">Visible words about a deportation.</p>'
            '<script>document.write("<p>INJECTED</p>")</script>'
            '<img src=x onerror="evil()"><style>p{}</style></body></html>')
    f = write(os.path.join(tmp, 'x.html'), page)
    ok(refuge('ingest', f, data=data))
    s = show_json(data, 1)
    assert s['text'] == 'Visible words about a deportation.', s['text']
    r = ok(refuge('search', '--json', 'PWNED OR INJECTED OR steal', data=data))
    assert r.out == ''


@test
def deeply_nested_html(tmp):
    data = new_store(tmp)
    page = '<html><body>' + '<div>' * 10000 + 'Deep words here.' + '</div>' * 10000 + \
        '<p>Shallow words.</p></body></html>'
    f = write(os.path.join(tmp, 'deep.html'), page)
    r = ok(refuge('ingest', f, data=data))
    assert 'deep.html: warning: page too deeply nested' in r.err, r
    assert show_json(data, 1)['text'] == 'Deep words here. Shallow words.'
    ok(refuge('check', data=data))


@test
def huge_text_file_is_refused_with_bounded_memory(tmp):
    data = new_store(tmp)
    folder = batch(tmp, 'huge.txt', None)
    big = os.path.join(folder, 'huge.txt')
    line = ('The quick report on detention number ' * 20 + '\n').encode()
    chunk = line * ((1 << 20) // len(line) + 1)
    with open(big, 'wb') as f:
        for _ in range(300):
            f.write(chunk[:1 << 20])
    assert os.path.getsize(big) == 300 << 20
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    r = ok(refuge('ingest', folder, data=data), 1)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    assert 'huge.txt: file is 300.0 MB, over the 64.0 MB limit (raise it with --max-size)' in r.err, r
    assert '1 new' in r.out
    assert max(before, peak_kb) < 200 * 1024, peak_kb


@test
def missing_path(tmp):
    data = new_store(tmp)
    good = write(os.path.join(tmp, 'good.txt'), GOOD)
    missing = os.path.join(tmp, 'no', 'such.txt')
    r = ok(refuge('ingest', missing, good, data=data), 1)
    assert 'refuge ingest: %s: no such file or folder' % missing in r.err, r
    assert '1 new' in r.out


@test
def symlink_loops(tmp):
    data = new_store(tmp)
    folder = batch(tmp, 'x', None)
    os.symlink(folder, os.path.join(folder, 'back'))
    os.symlink('self', os.path.join(folder, 'self'))
    r = ok(refuge('ingest', folder, data=data), 1)
    assert 'back: symbolic link loop: leads back to a folder above it' in r.err, r
    assert 'self: symbolic link loop' in r.err, r
    assert '1 new' in r.out and '2 failed' in r.out, r


@test
def unreadable_files_and_folders(tmp):
    data = new_store(tmp)
    folder = batch(tmp, 'secret.txt', 'Hidden words.\n')
    os.makedirs(os.path.join(folder, 'locked'))
    write(os.path.join(folder, 'locked', 'inner.txt'), 'Inner words.\n')
    os.chmod(os.path.join(folder, 'secret.txt'), 0)
    os.chmod(os.path.join(folder, 'locked'), 0)
    prefix = ()
    if os.geteuid() == 0:
        # root reads everything: run refuge as an unprivileged user instead
        nobody = 65534
        for root, dirs, files in os.walk(tmp):
            for name in dirs + files:
                os.lchown(os.path.join(root, name), nobody, nobody)
        os.chown(tmp, nobody, nobody)
        prefix = ('setpriv', '--reuid=%d' % nobody, '--regid=%d' % nobody, '--clear-groups')
    try:
        r = ok(refuge('ingest', folder, data=data, prefix=prefix), 1)
        assert 'secret.txt: cannot read: Permission denied' in r.err, r
        assert 'locked: cannot open folder: Permission denied' in r.err, r
        assert '1 new' in r.out and '2 failed' in r.out, r
    finally:
        os.chmod(os.path.join(folder, 'locked'), 0o700)


@test
def injection_strings_are_stored_as_data(tmp):
    data = new_store(tmp)
    evil = "Robert'); DROP TABLE source;-- <script>alert(1)</script> ../../etc/passwd"
    f = write(os.path.join(tmp, 'evil.txt'),
              'Title: %s\nPublisher: %s\n\nBody mentions %s.\n' % (evil, evil, evil))
    name = os.path.join(tmp, "it's; rm -rf $HOME.txt")
    write(name, 'Plain body.\n')
    r = ok(refuge('ingest', f, name, data=data))
    s = show_json(data, 1)
    assert s['title'] == evil and s['publisher'] == evil
    assert [x['file'] for x in sources_json(data)] == [f, name]
    ok(refuge('search', 'DROP', data=data))
    ok(refuge('check', data=data))


@test
def control_characters_in_metadata_are_dropped(tmp):
    data = new_store(tmp)
    page = (b'<html><head><meta property="og:title" content="Held\x1b[31m at\x07 the\n'
            b'   border"></head><body><p>Body words.</p></body></html>')
    f = write(os.path.join(tmp, 'p.html'), page)
    ok(refuge('ingest', f, data=data))
    assert show_json(data, 1)['title'] == 'Held[31m at the border'


@test
def thousands_of_meta_tags_are_not_kept(tmp):
    data = new_store(tmp)
    metas = ''.join('<meta name="k%05d" content="v%d">' % (i, i) for i in range(20000))
    f = write(os.path.join(tmp, 'meta.html'),
              '<html><head><meta name="author" content="A. Writer">%s'
              '<meta name="viewport" content="width=device-width"></head>'
              '<body><p>Body words.</p></body></html>' % metas)
    ok(refuge('ingest', f, data=data))
    s = show_json(data, 1)
    assert s['metadata'] == {'author': 'A. Writer'}, s['metadata']
    assert s['text'] == 'Body words.'


@test
def text_that_mentions_the_pdf_header_stays_text(tmp):
    data = new_store(tmp)
    f = write(os.path.join(tmp, 'note.txt'), 'On formats.\n%PDF-1.4 is a version of PDF.\n')
    ok(refuge('ingest', f, data=data))
    s = show_json(data, 1)
    assert s['format'] == 'text' and '%PDF-1.4' in s['text']


if __name__ == '__main__':
    run_tests()
