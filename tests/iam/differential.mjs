// Differential test of the designer's policy evaluator (model/simulator/evaluator.cpp) against
// an independent implementation of AWS's evaluation logic (iam-simulate, see iamsim.mjs).
//
// A seeded generator makes thousands of policy sets and requests: wildcards in actions and
// resources, NotAction / NotResource / NotPrincipal, Allow and Deny mixes, same- and
// cross-account S3 requests with and without a bucket policy, KMS key policies with and without
// root delegation, trust policies for the S3 service principal, permissions boundaries and SCPs,
// every condition operator family with IfExists and ForAnyValue: / ForAllValues:, missing and
// multivalued keys. Both evaluators decide every case; each disagreement must be explained by
// an entry of deviations.json (a documented difference where AWS's documentation sides with the
// designer), or the test fails. An entry that explains nothing in a run fails too, so the table
// cannot go stale.
//
// node differential.mjs --ours PATH [--seed N] [--cases N] [--dump FILE]
// Exit 0: agreement (up to documented deviations); 1: a disagreement or a broken sanity check.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, option, requireSanity } from './iamsim.mjs';
import { DEVIATIONS, candidates } from './deviations.mjs';

const here = dirname(fileURLToPath(import.meta.url));

// mulberry32: small, seeded, the same sequence on every machine.
function rng(seed) {
    let a = seed >>> 0;
    const next = () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const r = {
        next,
        int: (n) => Math.floor(next() * n),
        chance: (p) => next() < p,
        pick: (list) => list[Math.floor(next() * list.length)],
        some: (list, min, max) => {
            const n = min + Math.floor(next() * (max - min + 1));
            const out = [];
            for (let i = 0; i < n; ++i) out.push(r.pick(list));
            return [...new Set(out)];
        },
    };
    return r;
}

const A = '111122223333';
const B = '444455556666';
const C = '777788889999';
const ROLE_A = `arn:aws:iam::${A}:role/replication`;
const ROLE_A2 = `arn:aws:iam::${A}:role/service/ops`;
const ROLE_B = `arn:aws:iam::${B}:role/replication`;
const S3_SERVICE = 's3.amazonaws.com';
const KEY_A = `arn:aws:kms:us-east-1:${A}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
const KEY_B = `arn:aws:kms:eu-west-1:${B}:key/0987dcba-09fe-87dc-65ba-ab0987654321`;
const BUCKET_A = 'source-bucket';
const BUCKET_B = 'replica-bucket';

const S3_OBJECT_ACTIONS = [
    's3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging',
    's3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags', 's3:GetObject',
    's3:PutObject', 's3:ObjectOwnerOverrideToBucketOwner',
];
const S3_BUCKET_ACTIONS = ['s3:ListBucket', 's3:GetReplicationConfiguration', 's3:GetBucketVersioning'];
const KMS_ACTIONS = ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey', 'kms:ReEncryptFrom'];

const ACTION_PATTERNS = {
    s3: ['s3:*', 's3:Get*', 's3:Replicate*', 's3:*Replicat*', 's3:GetObjectVersion?orReplication',
        's3:getobjectversionforreplication', 'S3:REPLICATEOBJECT', 's3:List*', 's3:Put*', '*'],
    kms: ['kms:*', 'kms:Gen*', 'kms:GenerateDataKey*', 'kms:*crypt', 'kms:?ecrypt', 'KMS:decrypt', '*'],
    sts: ['sts:*', 'sts:Assume*', 'sts:AssumeRole', '*'],
};

// Context keys, the values a request may carry, and the values a policy may ask for.
const KEYS = {
    'aws:SourceAccount': { family: 'string', values: [A, B, C] },
    'aws:PrincipalAccount': { family: 'string', values: [A, B] },
    'kms:ViaService': {
        family: 'string',
        values: ['s3.us-east-1.amazonaws.com', 's3.eu-west-1.amazonaws.com', 'S3.US-EAST-1.amazonaws.com',
            's3.cn-north-1.amazonaws.com.cn'],
        patterns: ['s3.*.amazonaws.com', 's3.us-*', '*.amazonaws.com.cn', 's3.?u-west-1.amazonaws.com'],
    },
    'kms:EncryptionContext:aws:s3:arn': {
        family: 'string',
        values: [`arn:aws:s3:::${BUCKET_A}/data/a.txt`, `arn:aws:s3:::${BUCKET_A}`, `arn:aws:s3:::${BUCKET_B}/data/a.txt`,
            `arn:aws:s3:::${BUCKET_B}`],
        patterns: [`arn:aws:s3:::${BUCKET_A}/*`, `arn:aws:s3:::${BUCKET_B}/data/*`, 'arn:aws:s3:::*-bucket',
            `arn:aws:s3:::${BUCKET_A}*`],
    },
    's3:x-amz-server-side-encryption': { family: 'string', values: ['aws:kms', 'AES256', 'aws:kms:dsse', 'AWS:KMS'] },
    'aws:SourceArn': {
        family: 'arn',
        values: [`arn:aws:s3:::${BUCKET_A}`, `arn:aws:s3:::${BUCKET_B}`, `arn:aws:s3:::other`],
        patterns: ['arn:aws:s3:::*', 'arn:aws:s3:::source-*', 'arn:*:s3:::replica-bucket', 'arn:aws:s3:::*bucket'],
    },
    'aws:PrincipalArn': {
        family: 'arn',
        values: [ROLE_A, ROLE_A2, ROLE_B],
        patterns: [`arn:aws:iam::${A}:role/*`, 'arn:aws:iam::*:role/replication', 'arn:aws:iam::*:role/service/*'],
    },
    'aws:SecureTransport': { family: 'bool', values: ['true', 'false'] },
    'aws:PrincipalIsAWSService': { family: 'bool', values: ['true', 'false'] },
    'aws:SourceIp': {
        family: 'ip',
        values: ['10.1.2.3', '192.0.2.10', '2001:db8::1'],
        patterns: ['10.0.0.0/8', '192.0.2.0/24', '192.0.2.10', '2001:db8::/32', '203.0.113.0/24'],
    },
    'aws:CurrentTime': {
        family: 'date',
        values: ['2026-01-01T00:00:00Z', '2027-06-01T12:00:00Z', '2026-12-02T10:30:00Z'],
        patterns: ['2026-06-01T00:00:00Z', '2027-06-01T12:00:00Z', '2026-01-01T00:00:00Z'],
    },
    'aws:EpochTime': { family: 'numeric', values: ['1767225600', '1800000000'], patterns: ['1767225600', '1790000000'] },
    's3:object-lock-remaining-retention-days': { family: 'numeric', values: ['1', '30', '365'], patterns: ['30', '7', '365', '1'] },
    'aws:TagKeys': { family: 'string', multi: true, values: ['project', 'team', 'env', 'Team'], patterns: ['t*', 'env', 'pro?ect'] },
    'aws:PrincipalOrgPaths': {
        family: 'string',
        multi: true,
        values: ['o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/', 'o-a1b2c3d4e5/r-ab12/ou-ab12-22222222/'],
        patterns: ['o-a1b2c3d4e5/*', 'o-a1b2c3d4e5/r-ab12/ou-ab12-11111111/*'],
    },
    's3:RequestObjectTag/classification': { family: 'string', values: ['replicate', 'secret'] },
    'aws:UserAgent': { family: 'binary', values: ['QmluYXJ5', 'b3RoZXI='] },
};

const OPERATORS = {
    string: ['StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase',
        'StringLike', 'StringNotLike'],
    arn: ['ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'StringLike', 'StringEquals'],
    bool: ['Bool'],
    ip: ['IpAddress', 'NotIpAddress'],
    date: ['DateEquals', 'DateNotEquals', 'DateLessThan', 'DateLessThanEquals', 'DateGreaterThan',
        'DateGreaterThanEquals'],
    numeric: ['NumericEquals', 'NumericNotEquals', 'NumericLessThan', 'NumericLessThanEquals',
        'NumericGreaterThan', 'NumericGreaterThanEquals'],
    binary: ['BinaryEquals'],
};

function caseVariant(r, key) {
    if (!r.chance(0.15)) return key;
    return r.chance(0.5) ? key.toLowerCase() : key.replace(/^aws:/, 'AWS:').replace(/^kms:/, 'KMS:');
}

function conditionValue(r, info, op) {
    const patterns = info.patterns && (op.includes('Like') || ['ip', 'date', 'numeric'].includes(info.family));
    const pool = patterns ? info.patterns : info.values;
    let v = r.pick(pool);
    if (op.includes('IgnoreCase') && r.chance(0.5)) v = v.toUpperCase();
    return v;
}

function makeCondition(r, keys) {
    const condition = {};
    const n = 1 + (r.chance(0.3) ? 1 : 0);
    for (let i = 0; i < n; ++i) {
        const key = r.pick(keys);
        const info = KEYS[key];
        let op;
        if (r.chance(0.1)) {
            op = 'Null';
        } else {
            op = r.pick(OPERATORS[info.family]);
            if (r.chance(info.multi ? 0.8 : 0.15)) op = `${r.chance(0.5) ? 'ForAnyValue' : 'ForAllValues'}:${op}`;
            if (r.chance(0.25)) op += 'IfExists';
        }
        const values = op === 'Null'
            ? [r.pick(['true', 'false'])]
            : r.some([0, 1, 2, 3].map(() => conditionValue(r, info, op)), 1, 3);
        const valueJson = values.length === 1 && r.chance(0.5) ? values[0] : values;
        condition[op] = { ...(condition[op] ?? {}), [caseVariant(r, key)]: valueJson };
    }
    return condition;
}

function principalElement(r, accounts, roles, service) {
    const choices = [
        () => '*',
        () => ({ AWS: r.pick(roles) }),
        () => ({ AWS: r.pick(accounts) }),
        () => ({ AWS: `arn:aws:iam::${r.pick(accounts)}:root` }),
        () => ({ AWS: r.some([...roles, ...accounts], 1, 3) }),
    ];
    if (service) choices.push(() => ({ Service: S3_SERVICE }), () => ({ Service: [S3_SERVICE, 'batchoperations.s3.amazonaws.com'] }));
    return r.pick(choices)();
}

function statement(r, family, opts) {
    const s = {};
    if (r.chance(0.4)) s.Sid = `S${r.int(1000)}`;
    s.Effect = r.chance(opts.denyChance ?? 0.3) ? 'Deny' : 'Allow';
    if (opts.resourcePolicy) {
        if (s.Effect === 'Deny' && r.chance(0.2)) s.NotPrincipal = principalElement(r, opts.accounts, opts.roles, opts.service);
        else s.Principal = principalElement(r, opts.accounts, opts.roles, opts.service);
    }
    const exact = r.some(opts.actions, 1, 3);
    const actions = r.chance(0.5) ? exact : [...exact, r.pick(ACTION_PATTERNS[family])];
    const actionValue = actions.length === 1 && r.chance(0.5) ? actions[0] : actions;
    if (r.chance(0.12)) s.NotAction = actionValue;
    else s.Action = actionValue;
    if (!opts.trust) {
        const resources = r.some(opts.resources, 1, 2);
        const resourceValue = resources.length === 1 && r.chance(0.5) ? resources[0] : resources;
        if (r.chance(0.1)) s.NotResource = resourceValue;
        else s.Resource = resourceValue;
    }
    if (r.chance(0.6)) s.Condition = makeCondition(r, opts.conditionKeys);
    return s;
}

function policy(r, family, opts, min, max) {
    const n = min + r.int(max - min + 1);
    const statements = [];
    for (let i = 0; i < n; ++i) statements.push(statement(r, family, opts));
    return { Version: '2012-10-17', Statement: statements };
}

function requestContext(r, keys) {
    const context = {};
    for (const key of keys) {
        if (!r.chance(0.55)) continue;
        const info = KEYS[key];
        context[key] = info.multi ? r.some(info.values, 1, 3) : [r.pick(info.values)];
    }
    return context;
}

const GENERAL_KEYS = ['aws:SecureTransport', 'aws:SourceIp', 'aws:CurrentTime', 'aws:EpochTime', 'aws:PrincipalArn',
    'aws:PrincipalAccount', 'aws:TagKeys', 'aws:PrincipalOrgPaths', 'aws:UserAgent'];

function s3Case(r) {
    const principal = r.pick([ROLE_A, ROLE_A2, ROLE_B]);
    const bucketInB = r.chance(0.5);
    const bucket = bucketInB ? BUCKET_B : BUCKET_A;
    const onBucket = r.chance(0.25);
    const action = r.pick(onBucket ? S3_BUCKET_ACTIONS : S3_OBJECT_ACTIONS);
    const key = r.pick(['data/a.txt', 'logs/2026/b.json', 'data/secret/c']);
    const resource = onBucket ? `arn:aws:s3:::${bucket}` : `arn:aws:s3:::${bucket}/${key}`;
    const resources = [resource, `arn:aws:s3:::${bucket}/*`, `arn:aws:s3:::${bucket}/data/*`, `arn:aws:s3:::${bucket}`,
        'arn:aws:s3:::*', '*', `arn:aws:s3:::${bucket}/data/?.txt`, `arn:aws:s3:::${bucket === BUCKET_A ? BUCKET_B : BUCKET_A}/*`];
    const keys = [...GENERAL_KEYS, 's3:x-amz-server-side-encryption', 's3:object-lock-remaining-retention-days',
        's3:RequestObjectTag/classification'];
    const opts = {
        actions: [...S3_OBJECT_ACTIONS, ...S3_BUCKET_ACTIONS], resources, conditionKeys: keys,
        accounts: [A, B], roles: [ROLE_A, ROLE_A2, ROLE_B],
    };
    const c = {
        kind: 's3',
        identity: [],
        resource: null,
        resourceKind: 'shared',
        resourceAccount: bucketInB ? B : A,
        request: { principal, action, resource, context: requestContext(r, keys) },
    };
    const nIdentity = r.int(3);
    for (let i = 0; i < nIdentity; ++i) c.identity.push(policy(r, 's3', opts, 1, 3));
    if (r.chance(0.6)) c.resource = policy(r, 's3', { ...opts, resourcePolicy: true }, 1, 3);
    if (r.chance(0.15)) c.boundaries = [policy(r, 's3', { ...opts, denyChance: 0.1 }, 1, 2)];
    if (r.chance(0.15)) c.scps = [policy(r, 's3', { ...opts, denyChance: 0.2 }, 1, 2)];
    return c;
}

function kmsCase(r) {
    const principal = r.pick([ROLE_A, ROLE_A2, ROLE_B]);
    const keyInB = r.chance(0.5);
    const keyArn = keyInB ? KEY_B : KEY_A;
    const keyAccount = keyInB ? B : A;
    const keys = [...GENERAL_KEYS, 'kms:ViaService', 'kms:EncryptionContext:aws:s3:arn'];
    const resources = [keyArn, `arn:aws:kms:*:${keyAccount}:key/*`, 'arn:aws:kms:*:*:key/*', '*',
        keyInB ? KEY_A : KEY_B, 'arn:aws:kms:us-east-1:*:*'];
    const opts = { actions: KMS_ACTIONS, resources, conditionKeys: keys, accounts: [A, B], roles: [ROLE_A, ROLE_A2, ROLE_B] };
    const c = {
        kind: 'kms',
        identity: [],
        resourceKind: 'authoritative',
        resourceAccount: keyAccount,
        request: { principal, action: r.pick(KMS_ACTIONS), resource: keyArn, context: requestContext(r, keys) },
    };
    const nIdentity = r.int(3);
    for (let i = 0; i < nIdentity; ++i) c.identity.push(policy(r, 'kms', opts, 1, 3));
    const keyPolicy = policy(r, 'kms', { ...opts, resourcePolicy: true, resources: ['*', ...resources] }, 1, 3);
    // Root delegation: the default key policy statement that lets the account's IAM policies
    // decide. https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
    if (r.chance(0.5)) {
        keyPolicy.Statement.unshift({
            Sid: 'Enable IAM User Permissions', Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${keyAccount}:root` }, Action: 'kms:*', Resource: '*',
        });
    }
    c.resource = keyPolicy;
    if (r.chance(0.1)) c.boundaries = [policy(r, 'kms', { ...opts, denyChance: 0.1 }, 1, 2)];
    if (r.chance(0.1)) c.scps = [policy(r, 'kms', { ...opts, denyChance: 0.2 }, 1, 2)];
    return c;
}

function trustCase(r) {
    const keys = ['aws:SourceAccount', 'aws:SourceArn', 'aws:SecureTransport', 'aws:PrincipalIsAWSService'];
    const opts = {
        actions: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetSourceIdentity'], conditionKeys: keys,
        accounts: [A, B], roles: [ROLE_A2, ROLE_B], service: true, resourcePolicy: true, trust: true, denyChance: 0.2,
    };
    const trust = policy(r, 'sts', opts, 1, 3);
    if (r.chance(0.6)) {
        const s = { Effect: 'Allow', Principal: { Service: S3_SERVICE }, Action: 'sts:AssumeRole' };
        if (r.chance(0.6)) s.Condition = makeCondition(r, ['aws:SourceAccount', 'aws:SourceArn']);
        trust.Statement.push(s);
    }
    return {
        kind: 'sts',
        identity: [],
        resource: trust,
        resourceKind: 'authoritative',
        resourceAccount: A,
        request: {
            principal: S3_SERVICE, action: 'sts:AssumeRole', resource: ROLE_A,
            context: { ...requestContext(r, keys), 'aws:PrincipalServiceName': [S3_SERVICE] },
        },
    };
}

export function generate(seed, count) {
    const r = rng(seed);
    const cases = [];
    for (let i = 0; i < count; ++i) {
        const which = r.next();
        const c = which < 0.5 ? s3Case(r) : which < 0.85 ? kmsCase(r) : trustCase(r);
        c.id = i;
        cases.push(c);
    }
    return cases;
}

// Runs every case through the designer's evaluator in one process.
function runOurs(tool, cases) {
    return new Promise((resolve, reject) => {
        const child = spawn(tool, [], { stdio: ['pipe', 'pipe', 'inherit'] });
        let out = '';
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (d) => { out += d; });
        child.on('error', reject);
        child.on('close', (code) => {
            if (code !== 0) return reject(new Error(`${tool} exited with ${code}`));
            const answers = new Map();
            for (const line of out.split('\n')) {
                if (!line) continue;
                const a = JSON.parse(line);
                answers.set(a.id, a);
            }
            resolve(answers);
        });
        child.stdin.end(cases.map((c) => JSON.stringify(c)).join('\n') + '\n');
    });
}

async function main() {
    const tool = option('--ours');
    if (!tool) {
        console.error('usage: differential.mjs --ours PATH [--seed N] [--cases N] [--dump FILE]');
        process.exit(2);
    }
    const seed = Number(option('--seed', '20261202'));
    const count = Number(option('--cases', '6000'));
    const started = Date.now();

    await requireSanity();

    const cases = generate(seed, count);
    const ours = await runOurs(tool, cases);
    const table = JSON.parse(readFileSync(join(here, 'deviations.json'), 'utf8')).deviations;
    const known = new Map(table.map((d) => [d.id, { ...d, hits: 0 }]));
    for (const id of Object.keys(DEVIATIONS)) {
        if (!known.has(id)) throw new Error(`deviations.mjs recognises ${id}, which deviations.json does not document`);
    }
    const unexplained = [];
    const disagreements = [];
    const counts = { allowed: 0, 'implicit-deny': 0, 'explicit-deny': 0 };
    const byKind = {};
    for (const c of cases) {
        const a = ours.get(c.id);
        const t = await evaluate(c);
        byKind[c.kind] = (byKind[c.kind] ?? 0) + 1;
        if (!a || a.error || t.decision === null) {
            unexplained.push({ c, ours: a, theirs: t, why: 'not evaluated' });
            continue;
        }
        counts[t.decision] += 1;
        if (a.problems.length)
            unexplained.push({ c, ours: a, theirs: t, why: 'our evaluator reported a problem with a valid policy' });
        else if (a.decision !== t.decision)
            disagreements.push({ c, ours: a, theirs: t });
    }

    // A disagreement is explained by a documented deviation when the deviation applies and both
    // evaluators agree once its trigger is taken out (one by one, then all together).
    const retries = [];
    for (const d of disagreements) {
        const list = candidates(d.c);
        if (list.length > 1) {
            let all = d.c;
            for (const { id } of list) all = DEVIATIONS[id].neutralise(all);
            list.push({ id: list.map((x) => x.id).join('+'), neutralised: all });
        }
        d.candidates = list;
        for (const cand of list) {
            cand.neutralised.id = `${d.c.id}/${retries.length}`;
            retries.push(cand);
        }
    }
    const oursRetry = retries.length ? await runOurs(tool, retries.map((r) => r.neutralised)) : new Map();
    for (const d of disagreements) {
        let explainedBy = null;
        for (const cand of d.candidates) {
            const a = oursRetry.get(cand.neutralised.id);
            const t = await evaluate(cand.neutralised);
            if (a && !a.error && t.decision !== null && a.decision === t.decision) {
                explainedBy = cand.id;
                break;
            }
        }
        if (explainedBy) {
            for (const id of explainedBy.split('+')) known.get(id).hits += 1;
        } else {
            unexplained.push({ ...d, why: d.candidates.length ? `not explained by ${d.candidates.map((x) => x.id).join(', ')}` : 'unexplained' });
        }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`seed ${seed}: ${cases.length} cases (${Object.entries(byKind).map(([k, v]) => `${v} ${k}`).join(', ')}) in ${seconds} s`);
    console.log(`independent decisions: ${counts.allowed} allowed, ${counts['implicit-deny']} implicit deny, ${counts['explicit-deny']} explicit deny`);
    for (const d of known.values()) console.log(`documented deviation ${d.id}: ${d.hits} case(s)`);
    const dump = option('--dump');
    if (dump) writeFileSync(dump, unexplained.map((u) => JSON.stringify(u)).join('\n') + '\n');

    let failed = 0;
    for (const u of unexplained.slice(0, 10)) {
        console.log(`\nDISAGREEMENT (${u.why}) in case ${u.c.id}: ours ${u.ours?.decision ?? u.ours?.error}` +
            ` ${u.ours?.problems?.length ? JSON.stringify(u.ours.problems) : ''}, iam-simulate ${u.theirs.decision}` +
            ` ${u.theirs.errors.join('; ')}`);
        console.log(JSON.stringify(u.c, null, 1));
    }
    failed += unexplained.length;
    const stale = [...known.values()].filter((d) => d.hits === 0);
    for (const d of stale)
        console.log(`FAIL: deviation ${d.id} explained no case in this run; remove it or fix the generator`);
    failed += stale.length;
    const passed = cases.length - unexplained.length;
    console.log(`${passed} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
