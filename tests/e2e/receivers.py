"""receivers.py: a webhook receiver and an SMTP receiver that end-to-end
tests start on 127.0.0.1 (standard library only).

WebhookReceiver plays a scripted sequence of behaviours, one per request,
and then answers 200 for good. It checks every request's signature the way
docs/config.md tells receivers to, and records what it saw:

    hook = WebhookReceiver('the shared secret', script=['down', 'slow', '500'])
    port = hook.start()
    ...  # refuge delivers to http://127.0.0.1:PORT/
    hook.stop()
    hook.requests       # [{'headers', 'body', 'status', 'signature_ok'}],
                        # in arrival order; status None: no answer given
    hook.delivered_ids  # distinct X-Refuge-Delivery ids answered 2xx

Script steps: 'down' reads the request and closes the connection without
an answer (the client sees a failed delivery); 'slow' waits slow_seconds
(longer than the client's timeout, set by the test) and then answers 503,
so a request the client gave up on never counts as delivered; 'ok' answers
200; a status such as '500', '429' or '400' answers that status.

SmtpReceiver speaks enough SMTP (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP,
QUIT) for curl and smtplib, and keeps each message:

    mail = SmtpReceiver()            # or script=['451', '550', 'ok']
    port = mail.start()
    mail.messages  # [{'mail_from', 'rcpt_to': [...], 'data': str}]

Its script gives, per connection, the reply to MAIL: 'ok' or a code such
as '451' (temporary) or '550' (permanent); then 'ok' for good."""
import hashlib
import hmac
import http.server
import re
import socketserver
import threading
import time

BODY_MAX = 10 * 1024 * 1024


class _Script:
    """Hands out one step per call, then 'ok' for ever; thread-safe."""

    def __init__(self, steps):
        self._steps = list(steps or [])
        self._lock = threading.Lock()

    def next(self):
        with self._lock:
            return self._steps.pop(0) if self._steps else 'ok'


def signature_ok(secret, headers, body):
    """True when X-Refuge-Signature is sha256=HMAC(secret, ts "." body)."""
    stamp = headers.get('X-Refuge-Timestamp', '')
    given = headers.get('X-Refuge-Signature', '')
    mac = hmac.new(secret.encode(), stamp.encode() + b'.' + body,
                   hashlib.sha256).hexdigest()
    return hmac.compare_digest('sha256=' + mac, given)


class _Server(socketserver.ThreadingMixIn, socketserver.TCPServer):
    # stop() waits for the connections still being served (a 'slow' step),
    # so what a test reads afterwards is complete
    daemon_threads = False
    block_on_close = True
    allow_reuse_address = True


class _Receiver:
    """Start/stop shared by both receivers: a threaded server on a port
    of the system's choice, or on a given one (a receiver coming back
    where a test found none listening)."""

    handler = None

    def start(self, port=0):
        self._server = _Server(('127.0.0.1', port), self.handler)
        self._server.owner = self
        self._thread = threading.Thread(target=self._server.serve_forever,
                                        daemon=True)
        self._thread.start()
        return self._server.server_address[1]

    def stop(self):
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


class _WebhookHandler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        owner = self.server.owner
        length = int(self.headers.get('Content-Length') or 0)
        body = self.rfile.read(min(length, BODY_MAX))
        headers = dict(self.headers.items())
        good = signature_ok(owner.secret, headers, body)
        # recorded on arrival, so requests stay in the order they came
        request = owner.record({'headers': headers, 'body': body,
                                'status': None, 'signature_ok': good})
        step = owner.script.next()
        status = None
        if step == 'down':
            self.close_connection = True
        elif step == 'slow':
            time.sleep(owner.slow_seconds)
            status = 503
        else:
            status = 200 if step == 'ok' else int(step)
        if status and status < 300 and not good and owner.reject_bad_signature:
            status = 401
        with owner.lock:
            request['status'] = status
        if status is not None:
            self._answer(status)

    def _answer(self, status):
        try:
            self.send_response(status)
            self.send_header('Content-Length', '0')
            self.send_header('Connection', 'close')
            self.end_headers()
        except OSError:
            pass  # the client gave up first (a 'slow' step)


class WebhookReceiver(_Receiver):
    handler = _WebhookHandler

    def __init__(self, secret, script=None, slow_seconds=2.0,
                 reject_bad_signature=False):
        for step in script or []:
            if step not in ('down', 'slow', 'ok') and not re.fullmatch(
                    r'[1-5][0-9][0-9]', step):
                raise ValueError('unknown webhook script step %r' % step)
        self.secret = secret
        self.script = _Script(script)
        self.slow_seconds = slow_seconds
        self.reject_bad_signature = reject_bad_signature
        self.requests = []
        self.lock = threading.Lock()

    def record(self, request):
        with self.lock:
            self.requests.append(request)
        return request

    @property
    def delivered_ids(self):
        with self.lock:
            ids = [r['headers'].get('X-Refuge-Delivery') for r in self.requests
                   if r['status'] is not None and 200 <= r['status'] < 300]
        return list(dict.fromkeys(ids))


def _address(arg):
    """The address in 'FROM:<a@b> SIZE=1' or 'TO:<a@b>'."""
    m = re.search(r'<([^>]*)>', arg)
    return m.group(1) if m else arg.split(':', 1)[-1].strip()


class _SmtpHandler(socketserver.StreamRequestHandler):
    def _say(self, line):
        self.wfile.write(line.encode() + b'\r\n')

    def _data(self):
        lines = []
        while True:
            line = self.rfile.readline(BODY_MAX)
            if not line:
                return None
            line = line.rstrip(b'\r\n')
            if line == b'.':
                return b'\r\n'.join(lines).decode('utf-8', 'replace') + '\r\n'
            lines.append(line[1:] if line.startswith(b'.') else line)

    def handle(self):
        owner = self.server.owner
        reply = owner.script.next()
        mail = {'mail_from': None, 'rcpt_to': []}
        self._say('220 receiver ESMTP test')
        while True:
            line = self.rfile.readline(65536)
            if not line:
                return
            verb, _, arg = line.decode('utf-8', 'replace').strip().partition(' ')
            verb = verb.upper()
            if verb == 'EHLO':
                self._say('250-receiver')
                self._say('250 8BITMIME')
            elif verb == 'MAIL':
                mail['mail_from'] = _address(arg)
                self._say('250 ok' if reply == 'ok' else reply + ' refused')
            elif verb == 'RCPT':
                mail['rcpt_to'].append(_address(arg))
                self._say('250 ok')
            elif verb == 'DATA':
                self._say('354 end with a line holding one full stop')
                data = self._data()
                if data is None:
                    return
                owner.record(dict(mail, data=data))
                mail = {'mail_from': None, 'rcpt_to': []}
                self._say('250 queued')
            elif verb == 'RSET':
                mail = {'mail_from': None, 'rcpt_to': []}
                self._say('250 ok')
            elif verb == 'QUIT':
                self._say('221 bye')
                return
            elif verb in ('HELO', 'NOOP'):
                self._say('250 ok')
            else:
                self._say('502 not implemented')


class SmtpReceiver(_Receiver):
    handler = _SmtpHandler

    def __init__(self, script=None):
        for step in script or []:
            if step != 'ok' and not re.fullmatch(r'[45][0-9][0-9]', step):
                raise ValueError('unknown SMTP script step %r' % step)
        self.script = _Script(script)
        self.messages = []
        self._lock = threading.Lock()

    def record(self, message):
        with self._lock:
            self.messages.append(message)
