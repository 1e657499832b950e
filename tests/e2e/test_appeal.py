#!/usr/bin/env python3
"""test_appeal.py: `refuge appeal` end to end, on real stores with a key:
a letter to each recipient in each format, sensitive fields absent
without --sensitive and present with it, hostile names escaped in HTML
and Markdown, --json that parses, a host without a profile, a closed
case, and the command-line errors. The people are made up."""
import json
import os
import re

from harness import new_store, ok, refuge, run_tests, test

NAME = 'Gulnar Ismail'
CUSTODY = 'Soi 7 detention block'
CONTACT = 'signal +66 80 555 0199'
LOCATION = 'room 14, third floor'
NOTE = 'her cousin keeps her documents'
SECRETS = [CUSTODY, CONTACT, LOCATION, NOTE]


def add(data, *args):
    r = ok(refuge('case', 'add', '--json', *args, data=data))
    return str(json.loads(r.out)['id'])


def detained(data, name=NAME, host='TH'):
    return add(data, '--name', name, '--group', 'Uyghur', '--nationality',
               'CN', '--tag', 'activist', '--host', host, '--dest', 'CN',
               '--custody', CUSTODY, '--legal-status', 'asylum-seeker',
               '--status', 'detained', '--deadline', 'deportation:2099-06-01',
               '--request', 'extradition:CN:separatism', '--assurances',
               '--contact', CONTACT, '--location', LOCATION, '--note', NOTE)


def appeal_json(data, case_id, *args):
    r = ok(refuge('appeal', case_id, '--json', *args, data=data))
    return json.loads(r.out)


@test
def every_recipient_and_format(tmp):
    data = new_store(tmp)
    case_id = detained(data)
    for to in ('host', 'unhcr', 'un'):
        md = ok(refuge('appeal', case_id, '--to', to, data=data)).out
        assert md.startswith('# Urgent appeal for ' + NAME), md[:200]
        assert '2099-06-01' in md and 'Thailand' in md and 'China' in md
        html = ok(refuge('appeal', case_id, '--to', to, '--format', 'html',
                         data=data)).out
        assert html.startswith('<!DOCTYPE html>'), html[:100]
        assert html.rstrip().endswith('</html>')
        assert '<h2>The facts</h2>' in html
    host = ok(refuge('appeal', case_id, '--to', 'host', data=data)).out
    assert 'Refuse the extradition request from China' in host
    assert 'Release ' + NAME + ' from detention' in host
    unhcr = ok(refuge('appeal', case_id, '--to', 'unhcr', data=data)).out
    assert 'resettlement' in unhcr and 'Register ' + NAME in unhcr
    un = ok(refuge('appeal', case_id, '--to', 'un', data=data)).out
    assert 'Special Rapporteur on torture' in un
    assert 'Working Group on Arbitrary Detention' in un


@test
def json_output(tmp):
    data = new_store(tmp)
    case_id = detained(data)
    for fmt in ('md', 'html'):
        o = appeal_json(data, case_id, '--to', 'host', '--format', fmt)
        assert o['recipient'] == 'host' and o['format'] == fmt
        assert o['case'] == int(case_id)
        assert NAME in o['subject'] and NAME in o['body']
        codes = [r['code'] for r in o['requests']]
        assert codes[0] == 'no-return' and 'release' in codes, codes
        assert all(r['text'] for r in o['requests'])
        grounds = {g['code']: g for g in o['grounds']}
        assert grounds['cat']['article'] == 'article 3'
        assert 'custom' in grounds and 'refugee-convention' not in grounds
        assert o['warnings'] == [] and o['sensitive'] is False


@test
def sensitive_fields_only_when_asked(tmp):
    data = new_store(tmp)
    case_id = detained(data)
    for to in ('host', 'unhcr', 'un'):
        for fmt in ('md', 'html'):
            plain = ok(refuge('appeal', case_id, '--to', to, '--format', fmt,
                              data=data)).out
            for secret in SECRETS:
                assert secret not in plain, (to, fmt, secret)
            o = appeal_json(data, case_id, '--to', to, '--format', fmt)
            assert not any(s in json.dumps(o) for s in SECRETS)
            full = ok(refuge('appeal', case_id, '--to', to, '--format', fmt,
                             '--sensitive', data=data)).out
            for secret in SECRETS:
                assert secret in full, (to, fmt, secret)
            assert 'Confidential annex' in full


@test
def hostile_names_are_escaped(tmp):
    data = new_store(tmp)
    name = '<script>alert(1)</script> "Robert\'); DROP TABLE case_file;--'
    case_id = detained(data, name=name)
    ok(refuge('case', 'update', case_id, '--alias',
              '[click](javascript:alert(1))', data=data))
    html = ok(refuge('appeal', case_id, '--to', 'un', '--format', 'html',
                     data=data)).out
    assert '<script' not in html
    assert '&lt;script&gt;alert(1)&lt;/script&gt; &quot;Robert&#39;); ' \
        'DROP TABLE case_file;--' in html
    # every tag in the letter is one the renderer writes
    tags = set(re.findall(r'</?([a-zA-Z0-9!]+)', html))
    assert tags <= {'!DOCTYPE', 'html', 'head', 'meta', 'title', 'body',
                    'h1', 'h2', 'p', 'ul', 'li'}, tags
    md = ok(refuge('appeal', case_id, '--to', 'host', data=data)).out
    assert '<script>' not in md and '[click](' not in md
    assert '\\[click\\](javascript:alert(1))' in md
    # the store still holds the case: the name was never run as SQL
    ok(refuge('case', 'show', case_id, data=data))


@test
def host_without_a_profile(tmp):
    data = new_store(tmp)
    case_id = detained(data, host='IS')
    r = ok(refuge('appeal', case_id, '--to', 'unhcr', data=data))
    assert 'warning: no country profile for IS' in r.err, r
    assert 'no verified record' in r.out
    o = appeal_json(data, case_id, '--to', 'host')
    assert [g['code'] for g in o['grounds']] == ['custom']
    assert o['warnings'], o


@test
def closed_case_needs_force(tmp):
    data = new_store(tmp)
    case_id = detained(data)
    ok(refuge('case', 'close', case_id, data=data))
    r = ok(refuge('appeal', case_id, '--to', 'host', data=data), 1)
    assert 'is closed' in r.err and '--force' in r.err, r
    assert r.out == ''
    ok(refuge('appeal', case_id, '--to', 'host', '--force', data=data))


@test
def command_line_errors(tmp):
    data = new_store(tmp)
    case_id = detained(data)
    for args in (['appeal', case_id], ['appeal', '--to', 'host'],
                 ['appeal', case_id, '--to', 'press'],
                 ['appeal', case_id, '--to', 'host', '--format', 'pdf'],
                 ['appeal', 'x1', '--to', 'host'],
                 ['appeal', case_id, case_id, '--to', 'host'],
                 ['appeal', case_id, '--to', 'host', '--bogus'],
                 ['appeal', case_id, '--to', '\u202e\x1b[31m']):
        r = ok(refuge(*args, data=data), 2)
        assert r.err.startswith('refuge appeal: '), (args, r)
        assert '\x1b' not in r.err
    r = ok(refuge('appeal', '99', '--to', 'host', data=data), 1)
    assert '99' in r.err, r
    r = ok(refuge('appeal', '--help'))
    assert 'refuge appeal' in r.out and '--sensitive' in r.out


@test
def without_the_key(tmp):
    data = new_store(tmp)
    case_id = detained(data)
    os.rename(data + '.key', os.path.join(tmp, 'elsewhere.key'))
    r = ok(refuge('appeal', case_id, '--to', 'host', data=data), 1)
    assert 'no key file' in r.err, r
    assert NAME not in r.out + r.err


if __name__ == '__main__':
    run_tests()
