#!/usr/bin/env python3
"""test_alerts.py: `refuge alerts` end to end, on real stores.

The rules are played from the stories in tests/alerts/*.json (see its
README). Delivery goes to a webhook receiver and an SMTP receiver this
test starts on 127.0.0.1 (receivers.py): a receiver that is down, then
slow, then answering 500 gets the alert in the end, once; a receiver with
the wrong secret can tell; two runs started at once send each alert
exactly once; the day's digest goes once. Bad command lines and bad
settings are refused with a clear message."""
import datetime
import glob
import json
import os
import socket
import subprocess
import threading

from harness import (BIN, ROOT, new_store, ok, refuge, run_tests, test,
                     write)
from receivers import SmtpReceiver, WebhookReceiver

SECRET = 'a shared secret of enough length'
STORIES = sorted(glob.glob(os.path.join(ROOT, 'tests', 'alerts', '*.json')))


def day(offset):
    return (datetime.date.today() +
            datetime.timedelta(days=offset)).isoformat()


def expand(arg):
    """{today+N} and {today-N} in a story's argument."""
    arg = str(arg)
    while '{today' in arg:
        start = arg.index('{today')
        end = arg.index('}', start)
        arg = arg[:start] + day(int(arg[start + 6:end] or 0)) + arg[end + 1:]
    return arg


def alerts(data, *args):
    return json.loads(ok(refuge('alerts', '--json', *args, data=data)).out)[
        'alerts']


def play_step(data, tmp, step, seen):
    if 'add' in step:
        ok(refuge('case', 'add', *[expand(a) for a in step['add']],
                  data=data))
    elif 'update' in step:
        ok(refuge('case', 'update', *[expand(a) for a in step['update']],
                  data=data))
    elif 'close' in step:
        ok(refuge('case', 'close', step['close'], data=data))
    elif 'ingest' in step:
        path = write(os.path.join(tmp, 'docs', 'doc%d.txt' % len(seen)),
                     step['ingest'])
        seen.add(-len(seen) - 1)
        ok(refuge('ingest', path, data=data))
    elif 'run' in step:
        ok(refuge('alerts', 'run', *step['run'], data=data))
        every = alerts(data, '--all')
        new = [a for a in every if a['id'] not in seen]
        seen.update(a['id'] for a in every)
        got = sorted((a['rule'], a['case'], a['urgency']) for a in new)
        want = sorted((e['rule'], e['case'], e['urgency'])
                      for e in step['expect'])
        assert got == want, 'raised %r, expected %r' % (new, want)
        if 'open' in step:
            assert len(alerts(data)) == step['open'], alerts(data)
    else:
        raise AssertionError('unknown step %r' % step)


def story_test(path):
    def play(tmp):
        with open(path) as f:
            story = json.load(f)
        data = new_store(tmp)
        seen = set()
        for step in story['steps']:
            play_step(data, tmp, step, seen)
    play.__name__ = 'story_' + os.path.basename(path)[:-5].replace('-', '_')
    return play


for _path in STORIES:
    test(story_test(_path))


@test
def stories_are_there(tmp):
    assert len(STORIES) >= 6, STORIES


def free_port():
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0))
        return s.getsockname()[1]


def settings(data, text, mode=0o600):
    path = os.path.join(data, 'refuge.conf')
    write(path, text)
    os.chmod(path, mode)
    return path


def urgent_case(data, offset=1):
    ok(refuge('case', 'add', '--name', 'Nodira Karimova', '--host', 'TR',
              '--dest', 'UZ', '--status', 'detained', '--deadline',
              'deportation:' + day(offset), data=data))


def hook_settings(port, secret=SECRET, extra=''):
    return ('webhook.url = http://127.0.0.1:%d/hook\n'
            'webhook.secret = %s\n'
            'delivery.timeout_ms = 1000\n'
            'delivery.attempts = 3\n'
            'delivery.backoff_ms = 100\n%s' % (port, secret, extra))


@test
def webhook_down_then_slow_then_500_is_delivered_once(tmp):
    data = new_store(tmp)
    urgent_case(data)
    port = free_port()
    settings(data, hook_settings(port))
    # Nobody listens: the alert is recorded, the delivery waits.
    r = refuge('alerts', 'run', '--json', data=data)
    assert r.code == 1, r
    out = json.loads(r.out)
    assert (out['raised'], out['sent'], out['retrying']) == (1, 0, 1), out
    assert len(alerts(data)) == 1
    # Back, but slow, then failing, then well.
    hook = WebhookReceiver(SECRET, script=['slow', '500'], slow_seconds=3)
    hook.start(port)
    try:
        out = json.loads(ok(refuge('alerts', 'run', '--retry-now', '--json',
                                   data=data)).out)
        assert (out['raised'], out['sent'], out['retrying']) == (0, 1, 0), out
        again = json.loads(ok(refuge('alerts', 'run', '--retry-now',
                                     '--json', data=data)).out)
        assert again['sent'] == 0, again
    finally:
        hook.stop()
    statuses = [q['status'] for q in hook.requests]
    assert statuses[-2:] == [500, 200], statuses
    ids = {q['headers'].get('X-Refuge-Delivery') for q in hook.requests}
    assert len(ids) == 1, ids                # every try is the same delivery
    assert hook.delivered_ids == list(ids)   # answered 2xx once
    assert all(q['signature_ok'] for q in hook.requests), hook.requests
    body = json.loads(hook.requests[-1]['body'])
    assert body['rule'] == 'deadline' and body['case'] == 1, body
    assert 'Nodira' not in hook.requests[-1]['body'].decode(), body


@test
def a_receiver_down_is_tried_once_per_run_not_once_per_alert(tmp):
    data = new_store(tmp)
    for offset in range(3):
        urgent_case(data, offset)
    hook = WebhookReceiver(SECRET, script=['down', 'down', 'down'])
    port = hook.start()
    try:
        settings(data, hook_settings(port))
        r = refuge('alerts', 'run', '--json', data=data)
        assert r.code == 1, r
        out = json.loads(r.out)
        assert (out['raised'], out['sent'], out['retrying']) == (3, 0, 3), out
        assert len(hook.requests) == 3, hook.requests  # one alert's tries
        out = json.loads(ok(refuge('alerts', 'run', '--retry-now', '--json',
                                   data=data)).out)
        assert (out['sent'], out['retrying']) == (3, 0), out
    finally:
        hook.stop()
    assert len(hook.requests) == 6, hook.requests
    assert len(hook.delivered_ids) == 3, hook.delivered_ids


@test
def wrong_secret_is_detectable_by_the_receiver(tmp):
    data = new_store(tmp)
    urgent_case(data)
    hook = WebhookReceiver('the receiver expects this other secret')
    port = hook.start()
    try:
        settings(data, hook_settings(port))
        ok(refuge('alerts', 'run', data=data))
    finally:
        hook.stop()
    assert len(hook.requests) == 1, hook.requests
    assert hook.requests[0]['signature_ok'] is False


@test
def two_runs_at_once_deliver_each_alert_exactly_once(tmp):
    data = new_store(tmp)
    for offset in range(6):
        urgent_case(data, offset)
    hook = WebhookReceiver(SECRET)
    port = hook.start()
    mail = SmtpReceiver()
    mail_port = mail.start()
    try:
        settings(data, hook_settings(port, extra=(
            'smtp.url = smtp://127.0.0.1:%d\nsmtp.from = alerts@example.org\n'
            'smtp.to = duty@example.org\n' % mail_port)))
        env = dict(os.environ, REFUGE_USER='tester')
        runs = [subprocess.Popen([BIN, '--data', data, 'alerts', 'run',
                                  '--json'], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=env)
                for _ in range(2)]
        outs = [p.communicate(timeout=120) for p in runs]
        assert all(p.returncode == 0 for p in runs), outs
    finally:
        hook.stop()
        mail.stop()
    counts = [json.loads(o[0]) for o in outs]
    assert sum(c['raised'] for c in counts) == 6, counts
    ids = [q['headers'].get('X-Refuge-Delivery') for q in hook.requests]
    assert len(ids) == 6 and len(set(ids)) == 6, ids
    subjects = [m['data'] for m in mail.messages]
    digests = [s for s in subjects if 'digest for' in s]
    assert len(mail.messages) == 7 and len(digests) == 1, subjects
    assert '6 open alerts' in digests[0], digests[0]
    assert all('Nodira' not in s for s in subjects), subjects


@test
def digest_goes_once_a_day(tmp):
    data = new_store(tmp)
    urgent_case(data)
    mail = SmtpReceiver()
    port = mail.start()
    try:
        settings(data, 'smtp.url = smtp://127.0.0.1:%d\n'
                 'smtp.from = alerts@example.org\nsmtp.to = a@example.org, '
                 'b@example.org\n' % port)
        ok(refuge('alerts', 'run', data=data))
        ok(refuge('alerts', 'run', data=data))
    finally:
        mail.stop()
    assert len(mail.messages) == 2, [m['data'] for m in mail.messages]
    assert mail.messages[0]['rcpt_to'] == ['a@example.org', 'b@example.org']
    text = '\n'.join(m['data'] for m in mail.messages)
    assert 'refuge alerts ack 1' in text, text


@test
def ack_resolve_and_listing(tmp):
    data = new_store(tmp)
    urgent_case(data, 0)
    urgent_case(data, 9)
    ok(refuge('alerts', 'run', data=data))
    listed = alerts(data)
    assert [a['case'] for a in listed] == [1, 2], listed
    assert listed[0]['urgency'] > listed[1]['urgency'], listed
    r = json.loads(ok(refuge('alerts', 'ack', '1', '--json', data=data)).out)
    assert r == {'id': 1, 'state': 'acked', 'changed': True}, r
    assert ok(refuge('alerts', 'ack', '1', data=data)).out.startswith(
        'alert 1 was already acknowledged')
    ok(refuge('alerts', 'resolve', '2', data=data))
    assert [a['state'] for a in alerts(data)] == ['acked']
    every = alerts(data, '--all')
    assert every[1]['resolved_by'] == 'tester', every
    text = ok(refuge('alerts', data=data)).out
    assert 'deportation scheduled' in text and 'URG' in text, text
    r = refuge('alerts', 'resolve', '99', data=data)
    assert r.code == 1 and 'no alert 99' in r.err, r


@test
def bad_command_lines_are_refused(tmp):
    data = new_store(tmp)
    for args in (['frobnicate'], ['ack'], ['ack', 'x'], ['ack', '0'],
                 ['resolve', '1', '2'], ['run', 'extra'],
                 ['run', '--within', '-1'], ['run', '--within', 'soon'],
                 ['--as-of', '2026-13-01'], ['--bogus'],
                 ['ack', "1; DROP TABLE alert"]):
        r = refuge('alerts', *args, data=data)
        assert r.code == 2, (args, r)
        assert r.err.count('\n') == 1 and 'refuge alerts' in r.err, (args, r)
    r = refuge('alerts', data=os.path.join(tmp, 'nowhere'))
    assert r.code == 1 and r.err, r


@test
def bad_settings_are_refused_and_nothing_is_lost(tmp):
    data = new_store(tmp)
    urgent_case(data)
    for text, mode, why in (
            ('webhook.url = http://127.0.0.1:9/\nwebhook.secret = %s\n'
             % SECRET, 0o644, 'chmod 600'),
            ('alerts.within_dayz = 3\n', 0o600, 'unknown setting'),
            ('alerts.within_days = many\n', 0o600, 'alerts.within_days'),
            ('alerts.digest = sometimes\n', 0o600, 'alerts.digest'),
            ('webhook.url = ftp://127.0.0.1/\nwebhook.secret = %s\n'
             % SECRET, 0o600, 'webhook.url'),
            ('no equals sign\n', 0o600, 'refuge.conf:1'),
            (b'\xff\xfe\x00binary', 0o600, 'refuge.conf')):
        settings(data, text, mode)
        r = refuge('alerts', 'run', data=data)
        assert r.code == 1 and why in r.err, (text, r)
        assert SECRET not in r.err and SECRET not in r.out, r
    # Nothing was raised by the refused runs; a good one raises it now.
    assert alerts(data) == []
    os.remove(os.path.join(data, 'refuge.conf'))
    out = json.loads(ok(refuge('alerts', 'run', '--json', data=data)).out)
    assert out['raised'] == 1, out
    r = refuge('alerts', 'run', '--config', os.path.join(tmp, 'none.conf'),
               data=data)
    assert r.code == 1 and 'none.conf' in r.err, r


@test
def help_page(tmp):
    r = ok(refuge('alerts', '--help'))
    assert 'deadline-passed' in r.out and 'X-Refuge-Delivery' in r.out, r


if __name__ == '__main__':
    run_tests()
