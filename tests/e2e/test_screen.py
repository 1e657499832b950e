#!/usr/bin/env python3
"""test_screen.py: `refuge screen` end to end: a case registered with the
CLI is screened with the built-in rules (on saving, and on demand), the
host's record counted from the store's incidents, another rule file
used or refused with its line, and hostile arguments refused."""
import json
import os

from harness import new_store, ok, refuge, run_tests, test, write


def critical_case(data):
    # five men of a persecuted group, imprisoned, sentence ending soon
    r = ok(refuge('case', 'add', '--json', '--description',
                  'five Uyghur men jailed for illegal entry', '--count', '5',
                  '--group', 'Uyghur', '--host', 'TH', '--dest', 'CN',
                  '--status', 'detained', '--deadline',
                  'sentence-end:2026-12-10', data=data))
    return json.loads(r.out)['id']


@test
def a_case_is_screened_when_saved_and_on_demand(tmp):
    data = new_store(tmp)
    case_id = critical_case(data)
    listed = json.loads(ok(refuge('case', 'list', '--json', data=data)).out)
    assert listed['level'] in ('high', 'critical'), listed
    r = ok(refuge('screen', '--json', '--today', '2026-11-23', case_id,
                  data=data))
    s = json.loads(r.out)
    ids = [f['id'] for f in s['factors']]
    assert s['level'] == 'critical', s
    assert s['score'] == sum(f['weight'] for f in s['factors'])
    assert any('deadline' in i for i in ids), ids
    assert all(f['explanation'] for f in s['factors'])
    assert s['advice'] and all(a['why'] for a in s['advice'])
    r = ok(refuge('screen', case_id, data=data))
    assert r.out.startswith('case %d: ' % case_id) and 'advice:' in r.out


@test
def the_hosts_record_comes_from_the_store(tmp):
    data = new_store(tmp)
    case_id = critical_case(data)
    before = json.loads(ok(refuge('screen', '--json', case_id,
                                  data=data)).out)
    write(os.path.join(tmp, 'docs', 'r.txt'),
          'Published: 2026-02-02\n\nThai immigration police deported two '
          'Uyghur men from Bangkok to China on 1 February.\n')
    ok(refuge('ingest', os.path.join(tmp, 'docs'), data=data))
    after = json.loads(ok(refuge('screen', '--json', case_id,
                                 data=data)).out)
    assert after['score'] > before['score'], (before, after)
    new = set(f['id'] for f in after['factors']) - set(
        f['id'] for f in before['factors'])
    assert new, after


@test
def new_incidents_link_and_rescreen_cases(tmp):
    data = new_store(tmp)
    r = ok(refuge('case', 'add', '--json', '--name', 'Ilyas Tursun',
                  '--group', 'Uyghur', '--host', 'EG', '--dest', 'CN',
                  data=data))
    case_id = json.loads(r.out)['id']
    before = json.loads(ok(refuge('case', 'list', '--json', data=data)).out)
    write(os.path.join(tmp, 'docs', 'e.txt'),
          'Published: 2026-04-02\n\nEgyptian police detained the Uyghur '
          'student Ilyas Tursun in Cairo on 1 April.\n\nEgypt deported '
          'three Uyghur students from Cairo to China on 3 April.\n')
    ok(refuge('ingest', os.path.join(tmp, 'docs'), data=data))
    c = json.loads(ok(refuge('case', 'show', '--json', case_id,
                             data=data)).out)
    assert len(c['incidents']) >= 1, c
    after = json.loads(ok(refuge('case', 'list', '--json', data=data)).out)
    assert after['score'] > before['score'], (before, after)


@test
def another_rule_file_or_its_error(tmp):
    data = new_store(tmp)
    case_id = critical_case(data)
    rules = write(os.path.join(tmp, 'rules.txt'),
                  'level critical 10\nlevel high 5\nlevel elevated 1\n'
                  'factor held 10 when status detained\n'
                  '  explain "Held in {host}."\n')
    s = json.loads(ok(refuge('screen', '--json', '--rules', rules, case_id,
                             data=data)).out)
    assert [f['id'] for f in s['factors']] == ['held'], s
    assert s['level'] == 'critical'
    bad = write(os.path.join(tmp, 'bad.txt'),
                'level critical 10\nfactor x 5 when no-such-thing\n')
    r = refuge('screen', '--rules', bad, case_id, data=data)
    assert r.code == 1 and 'bad.txt:2' in r.err, r


@test
def all_open_cases(tmp):
    data = new_store(tmp)
    critical_case(data)
    closed = critical_case(data)
    ok(refuge('case', 'close', closed, data=data))
    r = ok(refuge('screen', '--all', '--json', data=data))
    assert [json.loads(l)['case'] for l in r.out.splitlines()] == [1]


@test
def hostile_arguments(tmp):
    data = new_store(tmp)
    critical_case(data)
    for args in (['screen'], ['screen', 'x'], ['screen', '1', '2'],
                 ['screen', '--all', '1'], ['screen', '--today', 'soon', '1'],
                 ['screen', '--today', '2026-11', '1'], ['screen', '--bogus']):
        r = refuge(*args, data=data)
        assert r.code == 2 and r.err.startswith('refuge screen'), (args, r)
    r = refuge('screen', '9', data=data)
    assert r.code == 1 and 'no case 9' in r.err
    r = refuge('screen', '--rules', os.path.join(tmp, 'missing'), '1',
               data=data)
    assert r.code == 1


if __name__ == '__main__':
    run_tests()
