"""harness.py: a small TAP test harness for end-to-end tests.

Each test is a function taking a fresh temporary folder. `run_tests`
prints one TAP line per test (with the failure as a diagnostic) and exits
non-zero when any failed. `refuge(...)` runs the real binary."""
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

BIN = os.environ.get('REFUGE_BIN', 'build/src/cli/refuge')
ROOT = os.environ.get('REFUGE_SOURCE_ROOT', '.')
SHARED = os.environ.get('REFUGE_SHARED', os.path.join(ROOT, '..', 'shared'))

_tests = []


class Skip(Exception):
    """Raised by a test that cannot run here (say why); reported as a TAP
    skip, not a failure."""


def test(fn):
    _tests.append(fn)
    return fn


class Result:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout.decode('utf-8', 'replace')
        self.err = proc.stderr.decode('utf-8', 'replace')

    def __repr__(self):
        return 'exit %d\n--- stdout\n%s\n--- stderr\n%s' % (
            self.code, self.out[-3000:], self.err[-3000:])


def refuge(*args, data=None, env=None, stdin=None, timeout=300, prefix=()):
    """Runs refuge with args; data is the --data folder, if any."""
    cmd = list(prefix) + [BIN]
    if data is not None:
        cmd += ['--data', data if isinstance(data, bytes) else str(data)]
    cmd += [a if isinstance(a, bytes) else str(a) for a in args]
    full_env = dict(os.environ)
    full_env.pop('REFUGE_DATA', None)
    full_env['REFUGE_USER'] = 'tester'
    if env:
        full_env.update(env)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          env=full_env, input=stdin, timeout=timeout)
    return Result(proc)


def ok(result, expect=0):
    assert result.code == expect, 'expected exit %d, got %r' % (expect, result)
    return result


def new_store(tmp):
    data = os.path.join(tmp, 'store')
    ok(refuge('init', data=data))
    return data


def write(path, content):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    mode = 'wb' if isinstance(content, bytes) else 'w'
    with open(path, mode) as f:
        f.write(content)
    return path


def run_tests():
    print('1..%d' % len(_tests))
    failed = 0
    for i, fn in enumerate(_tests, 1):
        tmp = tempfile.mkdtemp(prefix='refuge-e2e-')
        try:
            fn(tmp)
            print('ok %d - %s' % (i, fn.__name__))
        except Skip as why:
            print('ok %d - %s # SKIP %s' % (i, fn.__name__, why))
        except Exception:
            failed += 1
            print('not ok %d - %s' % (i, fn.__name__))
            for line in traceback.format_exc().splitlines():
                print('# ' + line)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        sys.stdout.flush()
    sys.exit(1 if failed else 0)


def make_pdf(pages, title=None):
    """A minimal valid PDF with one text line per page (Helvetica)."""
    objects = []
    kids = ' '.join('%d 0 R' % (4 + 2 * i) for i in range(len(pages)))
    objects.append(b'<< /Type /Catalog /Pages 2 0 R >>')
    objects.append(('<< /Type /Pages /Kids [%s] /Count %d >>' % (kids, len(pages))).encode())
    objects.append(b'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>')
    for i, text in enumerate(pages):
        safe = text.replace('\\', '\\\\').replace('(', '\\(').replace(')', '\\)')
        stream = ('BT /F1 12 Tf 72 720 Td (%s) Tj ET' % safe).encode('latin-1')
        objects.append(('<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] '
                        '/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>'
                        % (5 + 2 * i)).encode())
        objects.append(b'<< /Length %d >>\nstream\n' % len(stream) + stream + b'\nendstream')
    info = None
    if title:
        objects.append(('<< /Title (%s) >>' % title).encode('latin-1'))
        info = len(objects)
    out = bytearray(b'%PDF-1.4\n')
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b'%d 0 obj\n' % n + body + b'\nendobj\n'
    xref = len(out)
    out += b'xref\n0 %d\n0000000000 65535 f \n' % (len(objects) + 1)
    for off in offsets:
        out += b'%010d 00000 n \n' % off
    trailer = '<< /Size %d /Root 1 0 R' % (len(objects) + 1)
    if info:
        trailer += ' /Info %d 0 R' % info
    out += ('trailer\n%s >>\nstartxref\n%d\n%%%%EOF\n' % (trailer, xref)).encode()
    return bytes(out)


def sources_json(data):
    import json
    r = ok(refuge('sources', '--json', data=data))
    return [json.loads(line) for line in r.out.splitlines() if line.strip()]


def show_json(data, source_id):
    import json
    r = ok(refuge('show', '--json', source_id, data=data))
    return json.loads(r.out)
