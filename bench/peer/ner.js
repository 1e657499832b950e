#!/usr/bin/env node
// ner.js: the peer of bench/run-extract-bench: wink-nlp named-entity recognition over a list of files, timed in CPU seconds (bench/README.md).
//
// Usage: node bench/peer/ner.js [--pipe A,B,...] [--list FILE] [FILE...]
//
// Prints one JSON line:
//   {"files":N,"bytes":B,"tokens":T,"entities":E,"seconds":S,"wall_seconds":W,"pipe":"..."}
// bytes   sum of the files' sizes;
// tokens  whitespace-separated words (runs of bytes other than space, \t,
//         \n, \v, \f, \r: the C isspace() set), the same definition as the
//         script's `LC_ALL=C wc -w` cross-check;
// seconds user + system CPU seconds of the processing loop only (reading
//         each file, decoding UTF-8, nlp.readDoc(), doc.entities().out()),
//         from process.cpuUsage(); loading the modules and the model and the
//         untimed counting pass are excluded;
// wall_seconds the same loop by performance.now().
'use strict';

const fs = require('fs');
const { performance } = require('perf_hooks');

function die(msg) {
	process.stderr.write(`ner.js: ${msg}\n`);
	process.exit(1);
}

function usage(code) {
	process.stderr.write('usage: node ner.js [--pipe A,B,...] [--list FILE] [FILE...]\n' +
		'  --list FILE  read the paths to process from FILE, one a line\n' +
		'  --pipe LIST  wink-nlp annotations to run (default: ner;\n' +
		'               "default" for wink-nlp\'s full pipeline)\n');
	process.exit(code);
}

const files = [];
let pipeArg = 'ner';
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
	const a = argv[i];
	if (a === '--list' || a === '--pipe') {
		if (i + 1 >= argv.length)
			usage(2);
		const v = argv[++i];
		if (a === '--pipe') {
			pipeArg = v;
			continue;
		}
		let listText;
		try {
			listText = fs.readFileSync(v, 'utf8');
		} catch (e) {
			die(`cannot read the list ${v}: ${e.message}`);
		}
		for (const line of listText.split('\n'))
			if (line !== '')
				files.push(line);
	} else if (a === '--') {
		files.push(...argv.slice(i + 1));
		break;
	} else if (a === '-h' || a === '--help') {
		usage(0);
	} else if (a.startsWith('-')) {
		usage(2);
	} else {
		files.push(a);
	}
}
if (files.length === 0)
	die('no files to process (give paths or --list FILE)');

// Module and model load: not timed.
let winkNLP, model;
try {
	winkNLP = require('wink-nlp');
	model = require('wink-eng-lite-web-model');
} catch (e) {
	die(`cannot load wink-nlp (run "npm ci --prefix bench/peer" first): ${e.message}`);
}
const pipe = pipeArg === 'default' ? null : pipeArg.split(',').filter((s) => s !== '');
const nlp = winkNLP(model, pipe);

// Counting pass, untimed: bytes and tokens, and every file is readable.
function isSpace(c) {
	return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}
let bytes = 0;
let tokens = 0;
for (const f of files) {
	let buf;
	try {
		buf = fs.readFileSync(f);
	} catch (e) {
		die(`cannot read ${f}: ${e.message}`);
	}
	bytes += buf.length;
	let inWord = false;
	for (let j = 0; j < buf.length; j++) {
		const sp = isSpace(buf[j]);
		if (!sp && !inWord)
			tokens++;
		inWord = !sp;
	}
}

// Timed loop: read, decode, recognise entities, keep their count so that
// the work cannot be dropped.
let entities = 0;
const cpu0 = process.cpuUsage();
const wall0 = performance.now();
for (const f of files) {
	const text = fs.readFileSync(f, 'utf8');
	const doc = nlp.readDoc(text);
	entities += doc.entities().out().length;
}
const wall = (performance.now() - wall0) / 1000;
const cpu = process.cpuUsage(cpu0);
const seconds = (cpu.user + cpu.system) / 1e6;

process.stdout.write(JSON.stringify({
	files: files.length,
	bytes,
	tokens,
	entities,
	seconds: Number(seconds.toFixed(6)),
	wall_seconds: Number(wall.toFixed(6)),
	pipe: pipe === null ? 'default' : pipe.join(','),
}) + '\n');
