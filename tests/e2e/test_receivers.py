#!/usr/bin/env python3
"""test_receivers.py: proves the test receivers (receivers.py) with
Python's own clients, urllib and smtplib, before the end-to-end tests of
alert delivery rely on them: scripted failures, signature checks, the
delivered ids, dot-stuffing undone and SMTP refusals."""
import hashlib
import hmac
import http.client
import smtplib
import urllib.error
import urllib.request

from harness import run_tests, test
from receivers import SmtpReceiver, WebhookReceiver

SECRET = 'receiver-test-secret-0123'


def post(port, delivery, body, secret=SECRET, timeout=5):
    stamp = '1700000000'
    mac = hmac.new(secret.encode(), stamp.encode() + b'.' + body,
                   hashlib.sha256).hexdigest()
    req = urllib.request.Request(
        'http://127.0.0.1:%d/hook' % port, data=body, method='POST',
        headers={'Content-Type': 'application/json',
                 'X-Refuge-Delivery': delivery,
                 'X-Refuge-Timestamp': stamp,
                 'X-Refuge-Signature': 'sha256=' + mac})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            return resp.status
    except urllib.error.HTTPError as e:
        return e.code
    except (urllib.error.URLError, http.client.HTTPException,
            ConnectionError, TimeoutError) as e:
        return type(e).__name__


@test
def webhook_script_then_ok_and_ids_once(tmp):
    hook = WebhookReceiver(SECRET, script=['down', '500', '429'])
    port = hook.start()
    try:
        answers = [post(port, 'alert-1', b'{"a":1}') for _ in range(5)]
        answers.append(post(port, 'alert-2', b'{"a":2}'))
    finally:
        hook.stop()
    assert answers[0] in ('RemoteDisconnected', 'URLError',
                          'ConnectionResetError'), answers
    assert answers[1:] == [500, 429, 200, 200, 200], answers
    assert [r['status'] for r in hook.requests] == [None, 500, 429, 200, 200,
                                                    200]
    assert all(r['signature_ok'] for r in hook.requests)
    assert hook.requests[0]['body'] == b'{"a":1}'
    assert hook.requests[0]['headers']['X-Refuge-Delivery'] == 'alert-1'
    # alert-1 was answered 200 twice but is one delivery
    assert hook.delivered_ids == ['alert-1', 'alert-2'], hook.delivered_ids


@test
def webhook_wrong_secret_detected(tmp):
    hook = WebhookReceiver(SECRET)
    strict = WebhookReceiver(SECRET, reject_bad_signature=True)
    port, strict_port = hook.start(), strict.start()
    try:
        assert post(port, 'x-1', b'{}', secret='another-secret') == 200
        assert post(port, 'x-2', b'{}') == 200
        assert post(strict_port, 'x-3', b'{}', secret='another-secret') == 401
    finally:
        hook.stop()
        strict.stop()
    assert [r['signature_ok'] for r in hook.requests] == [False, True]
    assert strict.requests[0]['signature_ok'] is False
    assert strict.delivered_ids == []


@test
def webhook_slow_step_outlasts_client(tmp):
    hook = WebhookReceiver(SECRET, script=['slow'], slow_seconds=1.5)
    port = hook.start()
    try:
        first = post(port, 's-1', b'{}', timeout=0.3)
        second = post(port, 's-1', b'{}')
    finally:
        hook.stop()
    assert first in ('URLError', 'TimeoutError'), first
    assert second == 200
    assert [r['status'] for r in hook.requests] == [503, 200]
    assert hook.delivered_ids == ['s-1']


@test
def webhook_bad_script_refused(tmp):
    for bad in (['sometimes'], ['99'], ['600']):
        try:
            WebhookReceiver(SECRET, script=bad)
        except ValueError:
            continue
        raise AssertionError('script %r accepted' % bad)


@test
def smtp_message_kept_with_dots_unstuffed(tmp):
    mail = SmtpReceiver()
    port = mail.start()
    text = ('From: <w@refuge.example>\r\nTo: <a@ngo.example>\r\n'
            'Subject: test\r\n\r\nfirst\r\n.\r\n..two dots\r\nlast\r\n')
    try:
        with smtplib.SMTP('127.0.0.1', port, timeout=5) as s:
            s.sendmail('w@refuge.example', ['a@ngo.example', 'b@ngo.example'],
                       text.encode())
            s.noop()
            s.rset()
    finally:
        mail.stop()
    assert len(mail.messages) == 1
    m = mail.messages[0]
    assert m['mail_from'] == 'w@refuge.example'
    assert m['rcpt_to'] == ['a@ngo.example', 'b@ngo.example']
    assert m['data'].endswith('\r\n\r\nfirst\r\n.\r\n..two dots\r\nlast\r\n'), \
        m['data']


@test
def smtp_script_refuses_then_accepts(tmp):
    mail = SmtpReceiver(script=['550', '451'])
    port = mail.start()
    raised = []
    try:
        for _ in range(3):
            with smtplib.SMTP('127.0.0.1', port, timeout=5) as s:
                try:
                    s.sendmail('w@refuge.example', ['a@ngo.example'], b'hi\r\n')
                except smtplib.SMTPSenderRefused as e:
                    raised.append(e.smtp_code)
    finally:
        mail.stop()
    assert raised == [550, 451], raised
    assert len(mail.messages) == 1
    assert mail.messages[0]['data'] == 'hi\r\n'


if __name__ == '__main__':
    run_tests()
