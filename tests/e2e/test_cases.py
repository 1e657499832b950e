#!/usr/bin/env python3
"""test_cases.py: `refuge case` and `refuge key` end to end, on real
stores: registering people at risk, changing and closing cases, their
history, opening a case from an incident, finding cases by name across
spellings, and the promise that matters most: a copy of the data
directory without its key shows no case name and no sensitive field,
in the database, its write-ahead log or anywhere else."""
import json
import os
import stat

from harness import new_store, ok, refuge, run_tests, test, write

# Made-up people and details, written for these tests only.
NAME = 'Zarina Qurbonova'
ALIAS = 'Зарина Курбонова'
CONTACT = 'signal +998 90 555 0147'
LOCATION = 'flat 12, Yunusobod block 7'
NOTE = 'sister-in-law hides her passport'


def add(data, *args, env=None):
    r = ok(refuge('case', 'add', '--json', *args, data=data, env=env))
    return json.loads(r.out)['id']


def show(data, case_id, *args, env=None):
    r = ok(refuge('case', 'show', '--json', case_id, *args, data=data,
                  env=env))
    return json.loads(r.out)


def full_case(data):
    return add(data, '--name', NAME, '--alias', ALIAS, '--group', 'Tajik',
               '--nationality', 'TJ', '--tag', 'journalist', '--host', 'TR',
               '--dest', 'TJ', '--custody', 'Kumkapi removal centre',
               '--legal-status', 'asylum-seeker', '--status', 'detained',
               '--deadline', 'deportation:2026-12-04',
               '--request', 'extradition:TJ:extremism', '--assurances',
               '--contact', CONTACT, '--location', LOCATION, '--note', NOTE)


@test
def init_makes_a_private_key_file_beside_the_store(tmp):
    data = new_store(tmp)
    key = data + '.key'
    assert os.path.exists(key), os.listdir(tmp)
    assert stat.S_IMODE(os.stat(key).st_mode) == 0o600
    assert not os.path.exists(os.path.join(data, 'store.key'))
    r = ok(refuge('key', 'show', data=data))
    assert 'fingerprint' in r.out


@test
def add_show_and_every_field(tmp):
    data = new_store(tmp)
    case_id = full_case(data)
    assert case_id == 1
    c = show(data, case_id)
    assert c['names'] == [NAME] and c['aliases'] == [ALIAS]
    assert (c['host'], c['dest'], c['nationality']) == ('TR', 'TJ', 'TJ')
    assert c['status'] == 'detained' and c['legal_status'] == 'asylum-seeker'
    assert c['deadlines'] == [{'kind': 'deportation', 'date': '2026-12-04'}]
    assert c['requests'] == [{'kind': 'extradition', 'state': 'TJ',
                              'charges': 'extremism', 'assurances': True}]
    assert 'contacts' not in c, 'sensitive fields need --sensitive'
    c = show(data, case_id, '--sensitive')
    assert (c['contacts'], c['locations'], c['notes']) == (
        [CONTACT], [LOCATION], [NOTE])
    r = ok(refuge('case', 'show', case_id, data=data))
    assert NAME in r.out and 'sensitive field(s) hidden' in r.out
    assert CONTACT not in r.out


@test
def a_description_is_enough(tmp):
    data = new_store(tmp)
    r = ok(refuge('case', 'add', '--description',
                  'four Uyghur men held near the border', '--count', '4',
                  data=data))
    assert r.out.strip() == '1'
    r = refuge('case', 'add', '--tag', 'student', data=data)
    assert r.code == 2 and 'needs --name or --description' in r.err


@test
def update_close_and_history(tmp):
    data = new_store(tmp)
    case_id = full_case(data)
    r = ok(refuge('case', 'update', case_id, '--status',
                  'deportation-ordered', '--note', 'lawyer appointed',
                  data=data))
    assert 'updated' in r.out
    r = ok(refuge('case', 'update', case_id, '--status',
                  'deportation-ordered', data=data))
    assert 'unchanged' in r.out
    ok(refuge('case', 'close', case_id, data=data))
    c = show(data, case_id, '--sensitive')
    assert c['status'] == 'deportation-ordered' and c['closed'] is True
    assert c['notes'] == [NOTE, 'lawyer appointed']
    r = ok(refuge('case', 'history', '--json', case_id, data=data))
    changes = [json.loads(line) for line in r.out.splitlines()]
    assert len(changes) == 3, changes
    assert changes[0]['who'] == 'tester'
    assert changes[0]['changes']['names'] == [None, [NAME]]
    assert changes[1]['changes']['status'] == ['detained',
                                               'deportation-ordered']
    assert changes[2]['changes']['closed'] == [False, True]


@test
def list_finds_by_name_across_spellings(tmp):
    data = new_store(tmp)
    full_case(data)
    add(data, '--name', 'Dilnoza Rahimova')
    for name in (NAME, 'ZARINA  qurbonova', ALIAS):
        r = ok(refuge('case', 'list', '--json', '--name', name, data=data))
        found = [json.loads(line) for line in r.out.splitlines()]
        assert [c['id'] for c in found] == [1], (name, found)
    r = ok(refuge('case', 'list', '--json', data=data))
    assert len(r.out.splitlines()) == 2
    r = ok(refuge('case', 'list', '--name', 'Nobody Known', data=data))
    assert r.out == ''


@test
def open_a_case_from_an_incident(tmp):
    data = new_store(tmp)
    write(os.path.join(tmp, 'docs', 'a.txt'),
          'Published: 2026-03-02\n\nTurkish police detained the Tajik '
          'journalist Bahrom Sattorov in Istanbul on 1 March.\n')
    ok(refuge('ingest', os.path.join(tmp, 'docs'), data=data))
    r = ok(refuge('incidents', '--json', data=data))
    incident = json.loads(r.out.splitlines()[0])
    case_id = add(data, '--from-incident', incident['id'], '--dest', 'TJ')
    c = show(data, case_id)
    assert c['names'] == ['Bahrom Sattorov'], c
    assert c['host'] == 'TR' and c['dest'] == 'TJ'
    assert c['status'] == 'detained'
    assert c['incidents'] == [incident['id']]
    r = refuge('case', 'add', '--from-incident', '999', data=data)
    assert r.code == 1 and '999' in r.err


@test
def link_checks_what_it_links(tmp):
    data = new_store(tmp)
    case_id = full_case(data)
    r = refuge('case', 'link', case_id, '--incident', '42', data=data)
    assert r.code == 1 and 'no incident 42' in r.err
    r = refuge('case', 'link', 77, '--source', '1', data=data)
    assert r.code == 1 and 'no case 77' in r.err
    r = refuge('case', 'link', case_id, data=data)
    assert r.code == 2


def raw_bytes(folder):
    """Every byte of every file under folder."""
    out = b''
    for root, _, files in os.walk(folder):
        for name in files:
            with open(os.path.join(root, name), 'rb') as f:
                out += f.read()
    return out


@test
def a_store_without_its_key_reveals_nothing(tmp):
    data = new_store(tmp)
    full_case(data)
    ok(refuge('case', 'update', '1', '--name', 'Second Name Kept', data=data))
    ok(refuge('case', 'list', '--name', NAME, data=data))
    raw = raw_bytes(data)
    assert len(raw) > 0 and os.listdir(data)
    secrets = [NAME, ALIAS, CONTACT, LOCATION, NOTE, 'Second Name Kept',
               'Kumkapi removal centre', 'Zarina', 'Qurbonova', 'Yunusobod']
    for secret in secrets:
        for form in {secret, secret.lower(), secret.upper()}:
            for enc in ('utf-8', 'utf-16-le'):
                assert form.encode(enc) not in raw, (
                    '%r is readable in the data directory' % form)
    # the same store, the key elsewhere: nothing opens
    os.rename(data + '.key', os.path.join(tmp, 'elsewhere.key'))
    r = refuge('case', 'show', '1', data=data)
    assert r.code == 1 and 'no key file' in r.err and NAME not in r.err
    r = ok(refuge('case', 'show', '--json', '1', data=data,
                  env={'REFUGE_KEY': os.path.join(tmp, 'elsewhere.key')}))
    assert json.loads(r.out)['names'][0] == NAME


@test
def a_wrong_key_is_refused(tmp):
    data = new_store(tmp)
    full_case(data)
    os.mkdir(os.path.join(tmp, 'other'))
    other = new_store(os.path.join(tmp, 'other'))
    r = refuge('case', 'show', '1', data=data,
               env={'REFUGE_KEY': other + '.key'})
    assert r.code == 1 and 'not the key of this store' in r.err
    os.chmod(data + '.key', 0o644)
    r = refuge('case', 'list', data=data)
    assert r.code == 1 and 'chmod' in r.err


@test
def rotation_reseals_everything(tmp):
    data = new_store(tmp)
    full_case(data)
    ok(refuge('case', 'update', '1', '--status', 'released', data=data))
    before = ok(refuge('key', 'show', data=data)).out
    with open(data + '.key', 'rb') as f:
        old_key = f.read()
    r = ok(refuge('key', 'rotate', data=data))
    assert 'now uses key' in r.out
    assert ok(refuge('key', 'show', data=data)).out != before
    assert os.path.exists(data + '.key.old')
    c = show(data, 1, '--sensitive')
    assert c['names'] == [NAME] and c['notes'] == [NOTE]
    r = ok(refuge('case', 'history', '--json', 1, data=data))
    assert len(r.out.splitlines()) == 2
    r = ok(refuge('case', 'list', '--json', '--name', ALIAS, data=data))
    assert len(r.out.splitlines()) == 1
    # the old key opens nothing any more
    write(os.path.join(tmp, 'old.key'), old_key)
    os.chmod(os.path.join(tmp, 'old.key'), 0o600)
    r = refuge('case', 'show', '1', data=data,
               env={'REFUGE_KEY': os.path.join(tmp, 'old.key')})
    assert r.code == 1 and 'not the key of this store' in r.err


@test
def a_passphrase_instead_of_a_key_file(tmp):
    data = os.path.join(tmp, 'store')
    env = {'REFUGE_PASSPHRASE': 'correct horse battery staple'}
    ok(refuge('init', data=data, env=env))
    assert not os.path.exists(data + '.key')
    add(data, '--name', NAME, env=env)
    assert show(data, 1, env=env)['names'] == [NAME]
    r = refuge('case', 'show', '1', data=data,
               env={'REFUGE_PASSPHRASE': 'wrong horse'})
    assert r.code == 1 and 'not the key of this store' in r.err
    assert NAME.encode() not in raw_bytes(data)


@test
def hostile_arguments(tmp):
    data = new_store(tmp)
    bad = [
        ['case'], ['case', 'delete', '1'], ['case', 'show'],
        ['case', 'show', 'x'], ['case', 'show', '1', '2'],
        ['case', 'add', '--name', ''], ['case', 'add', '--name', 'a\x01b'],
        ['case', 'add', '--name', 'x' * 5000],
        ['case', 'add', '--name', b'\xff\xfe'],
        ['case', 'add', '--name', 'A', '--host', 'Thailand'],
        ['case', 'add', '--name', 'A', '--host', "'; DROP TABLE case_file;--"],
        ['case', 'add', '--name', 'A', '--deadline', 'hearing:2026-13-01'],
        ['case', 'add', '--name', 'A', '--request', 'warrant:ZZ'],
        ['case', 'add', '--name', 'A', '--assurances'],
        ['case', 'add', '--name', 'A', '--status', 'gone'],
        ['case', 'add', '--name', 'A', '--count', '-3'],
        ['case', 'add', '--name', 'A', '--bogus'],
        ['key', 'destroy'],
    ]
    for args in bad:
        r = refuge(*args, data=data)
        assert r.code == 2, (args, r)
        assert r.err.startswith('refuge '), (args, r)
    r = refuge('case', 'show', '5', data=data)
    assert r.code == 1 and 'no case 5' in r.err
    # a name that looks like SQL is only a name
    case_id = add(data, '--name', "Robert'); DROP TABLE case_file;--")
    assert show(data, case_id)['names'] == ["Robert'); DROP TABLE case_file;--"]
    r = ok(refuge('case', 'list', '--json', data=data))
    assert len(r.out.splitlines()) == 1


@test
def country_lists_open_cases_held_there(tmp):
    data = new_store(tmp)
    full_case(data)                                   # TR, detained
    add(data, '--name', 'Elsewhere Person', '--host', 'KZ')
    closed = add(data, '--name', 'Closed Person', '--host', 'TR')
    ok(refuge('case', 'close', closed, data=data))
    add(data, '--name', 'Safe Person', '--host', 'TR', '--status',
        'resettled')
    r = ok(refuge('country', 'TR', '--json', data=data))
    at_risk = json.loads(r.out)['at_risk']
    assert [(x['case'], x['status']) for x in at_risk] == [(1, 'detained')]
    r = ok(refuge('country', 'TR', data=data))
    assert 'case 1  detained' in r.out and NAME not in r.out


if __name__ == '__main__':
    run_tests()
