// Every golden case, proven by an independent evaluator.
//
// For every design in tests/data/policies/*/design.s3rd.json and every example in
// resources/examples/, and for every enabled rule, a test object under the rule's prefix with the
// rule's tags is replicated once per encryption the source bucket lets it be written with.
// `s3rd simulate --format json` lists the requests S3 makes for it (principal, action, resource,
// context); `s3rd generate --format json` gives the documents. Each request is decided by
// iam-simulate (iamsim.mjs) on the generated documents that AWS would consult, chosen here
// independently of the designer's simulator: the role's permissions policies as identity
// policies, and as resource policy the trust policy for sts:AssumeRole, the key policy for KMS
// calls, the bucket policy for S3 calls. Every request must be Allowed.
//
// Then least-privilege probes, each of which a correct design must Deny:
//   kms-other-region    the same KMS call with kms:ViaService of another Region
//   kms-other-bucket    the same KMS call with another bucket's encryption context
//   kms-outside-s3      the same KMS call without kms:ViaService (not made through S3)
//   write-untargeted    the replica written into a bucket that no rule targets
//   read-outside-prefix the source read outside every prefix the role replicates
//   assume-other-account / assume-other-bucket  with confused-deputy conditions on, the role
//                       assumed by S3 for another account's / another bucket's replication
//
// expected-failures.json lists the checks known to fail on the current generators, keyed by
// design, rule, check and probe. A listed check that passes fails the run (so the list is
// emptied as the generators are fixed), and so does a listed key that no longer exists.
//
// node golden.mjs --s3rd PATH --data DIR --examples DIR [--only NAME] [--verbose]

import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, option, requireSanity } from './iamsim.mjs';

const here = dirname(fileURLToPath(import.meta.url));

const s3rd = option('--s3rd');
const dataDir = option('--data');
const examplesDir = option('--examples');
const only = option('--only');
const verbose = process.argv.includes('--verbose');
if (!s3rd || !dataDir || !examplesDir) {
    console.error('usage: golden.mjs --s3rd PATH --data DIR --examples DIR [--only NAME] [--verbose]');
    process.exit(2);
}

// An account and a bucket that appear in no design.
const OTHER_ACCOUNT = '999988887777';
const OTHER_BUCKET = 'proof-unrelated-bucket';

function designs() {
    const out = [];
    const policies = join(dataDir, 'policies');
    for (const dir of readdirSync(policies).sort()) {
        const file = join(policies, dir, 'design.s3rd.json');
        if (existsSync(file)) out.push({ name: dir, file });
    }
    for (const f of readdirSync(examplesDir).sort()) {
        if (f.endsWith('.s3rd.json')) out.push({ name: `examples/${basename(f, '.s3rd.json')}`, file: join(examplesDir, f) });
    }
    return only ? out.filter((d) => d.name === only) : out;
}

function runJson(args) {
    let text;
    try {
        text = execFileSync(s3rd, args, { encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
        // simulate exits 1 when an object does not replicate; its JSON is still the answer.
        if (e.status === 1 && e.stdout) text = e.stdout;
        else throw new Error(`s3rd ${args.join(' ')} failed (${e.status}): ${e.stderr}`);
    }
    return JSON.parse(text);
}

// "arn:aws:s3:::bucket/key" → "bucket"; null for other ARNs.
function bucketOfArn(arn) {
    const m = /^arn:[^:]+:s3:::([^/]+)/.exec(arn);
    return m ? m[1] : null;
}
function accountOfArn(arn) {
    return arn.split(':')[4] ?? '';
}
function regionOfArn(arn) {
    return arn.split(':')[3] ?? '';
}

// The policy of the AWS managed key aws/s3, as AWS documents it ("Allow access through Amazon
// S3 for all principals in the account that are authorized to use Amazon S3"); AWS creates and
// owns it, so the designer generates none. kms:ViaService takes the .amazonaws.com suffix in
// every partition (KMS developer guide, kms:ViaService: "Use the .amazonaws.com suffix of the
// AWS KMS ViaService name in all AWS partitions").
// https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key
function awsManagedKeyPolicy(keyArn) {
    const account = accountOfArn(keyArn);
    const partition = keyArn.split(':')[1];
    return {
        Version: '2012-10-17',
        Statement: [
            {
                Sid: 'Allow access through S3 for all principals in the account that are authorized to use S3',
                Effect: 'Allow', Principal: { AWS: '*' },
                Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
                Resource: '*',
                Condition: {
                    StringEquals: {
                        'kms:CallerAccount': account,
                        'kms:ViaService': `s3.${regionOfArn(keyArn)}.amazonaws.com`,
                    },
                },
            },
            {
                Sid: 'Allow direct access to key metadata to the account', Effect: 'Allow',
                Principal: { AWS: `arn:${partition}:iam::${account}:root` },
                Action: ['kms:Describe*', 'kms:Get*', 'kms:List*'], Resource: '*',
            },
        ],
    };
}

// The documents AWS consults for one request, chosen from the generated artifacts by what the
// request names: the role (identity), and the role, key or bucket it acts on (resource).
function policiesFor(request, ctx) {
    const { artifacts, design, accountIdOf } = ctx;
    const action = request.action.toLowerCase();
    const role = request.principal.startsWith('arn:') ? request.principal : null;
    // A role's permissions: its inline policy (targeted at the role), or the customer managed
    // policies it was split into, written as ACCOUNT/role-ROLE-permissions-N.json.
    const managedPrefix = role ? `${accountOfArn(role)}/role-${role.split('/').pop()}-permissions-` : null;
    const identity = role
        ? artifacts.filter((a) => (a.target === role && a.kind !== 'role-trust-policy' && /polic/.test(a.kind))
            || (a.kind === 'role-managed-policy' && a.path.startsWith(managedPrefix)
                && /^\d+\.json$/.test(a.path.slice(managedPrefix.length)))).map((a) => a.document)
        : [];
    // The user's own policies (kept verbatim by the designer) are not what this test proves.
    const custom = [];
    const roleOf = (arn) => design.roles.find((r) => arn.endsWith(`:role${r.path || '/'}${r.name}`)
        && accountIdOf(r.account) === accountOfArn(arn));
    if (role && roleOf(role)?.customPermissionsPolicy) custom.push('the role\'s own permissions policy');
    const out = { identity, resource: null, resourceAccount: '', boundaries: [], scps: [], custom };
    if (action.startsWith('sts:')) {
        out.resource = artifacts.find((a) => a.kind === 'role-trust-policy' && a.target === request.resource)?.document ?? null;
        if (roleOf(request.resource)?.customTrustPolicy) custom.push('the role\'s own trust policy');
        out.resourceAccount = accountOfArn(request.resource);
    } else if (action.startsWith('kms:')) {
        const keyPolicy = artifacts.find((a) => a.kind === 'key-policy' && a.target === request.resource);
        const key = design.keys.find((k) => request.resource.endsWith(`:key/${k.keyId}`));
        out.resource = keyPolicy ? keyPolicy.document : key?.kind === 'aws-managed' ? awsManagedKeyPolicy(request.resource) : null;
        if (key?.customKeyPolicy) custom.push('the key\'s own policy');
        out.resourceAccount = accountOfArn(request.resource);
    } else if (action.startsWith('s3:')) {
        const bucketName = bucketOfArn(request.resource);
        const bucketArn = request.resource.split('/')[0];
        out.resource = artifacts.find((a) => a.kind === 'bucket-policy' && a.target === bucketArn)?.document ?? null;
        const bucket = design.buckets.find((b) => b.name === bucketName);
        if (bucket?.customBucketPolicy) custom.push('the bucket\'s own policy');
        out.resourceAccount = bucket ? accountIdOf(bucket.account) : request.context?.['aws:ResourceAccount']?.[0] ?? '';
    }
    if (role) {
        const roleEl = design.roles.find((r) => request.principal.endsWith(`:role${r.path ?? '/'}${r.name}`)
            && accountIdOf(r.account) === accountOfArn(request.principal));
        const account = roleEl && design.accounts.find((a) => a.id === roleEl.account);
        const docs = (list, kind) => (list ?? []).filter((g) => g.kind === kind).map((g) => JSON.parse(g.document));
        out.boundaries = docs(roleEl?.guardrails, 'permissions-boundary');
        out.scps = docs(account?.guardrails, 'service-control-policy');
    }
    return out;
}

// The encryptions a test object may be written with, as `s3rd simulate --encryption` values.
function encryptionsOf(bucket) {
    const map = { 'SSE-S3': 'sse-s3', 'SSE-KMS': 'sse-kms', 'DSSE-KMS': 'dsse-kms', 'SSE-C': 'sse-c', NONE: 'none' };
    const list = (bucket.objectEncryptions ?? []).map((e) => map[e] ?? null).filter(Boolean);
    return list.length ? [...new Set(list)] : [null];
}

// The KMS calls S3 makes to replicate an SSE-KMS or DSSE-KMS object, as AWS documents them,
// built from the design alone (independently of the designer's simulator and generators):
// - kms:ViaService is "s3.<region>.amazonaws.com" in every partition (KMS developer guide,
//   kms:ViaService: "Use the .amazonaws.com suffix of the AWS KMS ViaService name in all AWS
//   partitions");
// - kms:Decrypt on the source key, kms:Encrypt and kms:GenerateDataKey on the replica key (S3 User
//   Guide, replication-config-for-kms-objects and replication-troubleshoot: "the destination
//   account must grant the kms:GenerateDataKey and kms:Encrypt permissions");
// - with an S3 Bucket Key the context is the bucket ARN, not the object ARN ("When an S3 Bucket
//   Key is enabled for the source or destination bucket, the encryption context will be the
//   bucket's Amazon Resource Name (ARN)"), a source Bucket Key carries over to the replica (S3
//   User Guide, bucket-key, "Using an S3 Bucket Key with replication", Example 1: "the replica
//   object maintains its S3 Bucket Key encryption settings in the destination bucket"), and then
//   kms:Decrypt is needed on the replica key ("the AWS KMS key policy for the KMS key that's used
//   to encrypt the object replica must include the kms:Decrypt permission"). DSSE-KMS has no
//   Bucket Keys.
function documentedKmsRequests(design, rule, src, dst, enc, objectKey, accountIdOf) {
    if (enc !== 'sse-kms' && enc !== 'dsse-kms') return [];
    const account = (id) => design.accounts.find((a) => a.id === id);
    const partition = account(src.account)?.partition || 'aws';
    const keyArn = (k) => `arn:${partition}:kms:${k.region}:${accountIdOf(k.account)}:key/${k.keyId}`;
    const role = design.roles.find((r) => r.id === rule.role);
    if (!role) return [];
    const roleArn = `arn:${partition}:iam::${accountIdOf(role.account)}:role${role.path || '/'}${role.name}`;
    const request = (check, action, key, context) => ({
        check,
        request: {
            principal: roleArn, action, resource: keyArn(key),
            context: {
                'aws:PrincipalArn': [roleArn], 'aws:PrincipalAccount': [accountIdOf(role.account)],
                'kms:CallerAccount': [accountIdOf(role.account)],
                'kms:ViaService': [`s3.${key.region}.amazonaws.com`],
                'kms:EncryptionContext:aws:s3:arn': [context],
            },
        },
    });
    const bucketKeys = enc === 'sse-kms';
    const out = [];
    const srcKey = design.keys.find((k) => k.id === src.defaultKey);
    if (srcKey) {
        const context = bucketKeys && src.bucketKey ? `arn:${partition}:s3:::${src.name}` : `arn:${partition}:s3:::${src.name}/${objectKey}`;
        out.push(request('aws:decrypt-source', 'kms:Decrypt', srcKey, context));
    }
    const replicaKey = design.keys.find((k) => k.id === rule.replicaKey);
    if (replicaKey) {
        const bucketKey = bucketKeys && (src.bucketKey || dst.bucketKey);
        const context = bucketKey ? `arn:${partition}:s3:::${dst.name}` : `arn:${partition}:s3:::${dst.name}/${objectKey}`;
        out.push(request('aws:encrypt-replica', 'kms:Encrypt', replicaKey, context));
        out.push(request('aws:generate-replica-data-key', 'kms:GenerateDataKey', replicaKey, context));
        if (bucketKey) out.push(request('aws:decrypt-replica-bucket-key', 'kms:Decrypt', replicaKey, context));
    }
    return out;
}

function isKmsCheck(step) {
    return step.request.action.toLowerCase().startsWith('kms:');
}

// simulate prints a single value as a string; the requests here carry lists throughout.
function asLists(context) {
    return Object.fromEntries(Object.entries(context ?? {}).map(([k, v]) => [k, [v].flat()]));
}

function clone(x) {
    return JSON.parse(JSON.stringify(x));
}

function probesFor(step, ctx) {
    const { rule, design, accountIdOf, destinationBucket } = ctx;
    const req = step.request;
    const probes = [];
    const action = req.action.toLowerCase();
    if (action.startsWith('kms:')) {
        const via = req.context?.['kms:ViaService']?.[0];
        if (via) {
            const region = regionOfArn(req.resource);
            const other = region === 'us-west-2' ? 'eu-central-1' : 'us-west-2';
            const p = clone(req);
            p.context['kms:ViaService'] = [via.replace(region, other)];
            if (p.context['kms:ViaService'][0] !== via) probes.push({ probe: 'kms-other-region', request: p });
            const q = clone(req);
            delete q.context['kms:ViaService'];
            probes.push({ probe: 'kms-outside-s3', request: q });
        }
        // The AWS managed key's policy is AWS's: it lets every principal of the account use the
        // key through S3 for any bucket, so no design can deny another bucket's context there.
        const key = design.keys.find((k) => req.resource.endsWith(`:key/${k.keyId}`));
        const ec = req.context?.['kms:EncryptionContext:aws:s3:arn']?.[0];
        if (ec && key?.kind !== 'aws-managed') {
            const p = clone(req);
            const bucket = bucketOfArn(ec);
            p.context['kms:EncryptionContext:aws:s3:arn'] = [ec.replace(`:::${bucket}`, `:::${OTHER_BUCKET}`)];
            probes.push({ probe: 'kms-other-bucket', request: p });
        }
    } else if (action === 's3:replicateobject') {
        const targeted = new Set(design.rules.map((r) => design.buckets.find((b) => b.id === r.destination)?.name));
        const untargeted = design.buckets.find((b) => !targeted.has(b.name)
            && accountIdOf(b.account) === accountIdOf(destinationBucket.account));
        const name = untargeted ? untargeted.name : OTHER_BUCKET;
        const p = clone(req);
        p.resource = req.resource.replace(`:::${bucketOfArn(req.resource)}/`, `:::${name}/`);
        if (p.context['aws:ResourceAccount']) p.context['aws:ResourceAccount'] = [accountIdOf(destinationBucket.account)];
        probes.push({ probe: 'write-untargeted', request: p, bucketAccount: accountIdOf(destinationBucket.account) });
    } else if (action === 's3:getobjectversionforreplication') {
        // Outside every prefix this role replicates from this bucket; a rule of the role without
        // a prefix replicates the whole bucket, and then no read of it is outside.
        const prefixes = design.rules
            .filter((r) => r.role === rule.role && r.source === rule.source && r.enabled !== false)
            .map((r) => r.filterPrefix ?? '');
        if (!prefixes.includes('')) {
            const p = clone(req);
            const bucket = bucketOfArn(req.resource);
            p.resource = req.resource.replace(`:::${bucket}/`, `:::${bucket}/zz-outside-every-rule/`);
            probes.push({ probe: 'read-outside-prefix', request: p });
        }
    } else if (action === 'sts:assumerole') {
        const role = design.roles.find((r) => r.id === rule.role);
        if (role?.confusedDeputyConditions) {
            const p = clone(req);
            p.context['aws:SourceAccount'] = [OTHER_ACCOUNT];
            probes.push({ probe: 'assume-other-account', request: p });
            const q = clone(req);
            const src = q.context['aws:SourceArn']?.[0];
            if (src) {
                q.context['aws:SourceArn'] = [src.replace(`:::${bucketOfArn(src)}`, `:::${OTHER_BUCKET}`)];
                probes.push({ probe: 'assume-other-bucket', request: q });
            }
        }
    }
    return probes;
}

async function main() {
    const started = Date.now();
    await requireSanity();
    const expected = new Map(JSON.parse(readFileSync(join(here, 'expected-failures.json'), 'utf8'))
        .expectedFailures.map((e) => [e.key, { ...e, seen: false }]));

    const results = new Map(); // key → { ok, detail }
    let simulations = 0;
    const skipped = new Set(); // checks on the user's own policies: not generated, not proven
    for (const d of designs()) {
        const design = JSON.parse(readFileSync(d.file, 'utf8'));
        const accountIdOf = (id) => design.accounts.find((a) => a.id === id)?.accountId ?? '';
        const artifacts = runJson(['generate', d.file, '--format', 'json']).artifacts;
        for (const rule of design.rules) {
            if (rule.enabled === false) continue;
            const src = design.buckets.find((b) => b.id === rule.source);
            const dst = design.buckets.find((b) => b.id === rule.destination);
            if (!src || !dst) continue;
            // S3 prefixes are literal: '*' and '?' in a prefix are characters of the key.
            const key = `${rule.filterPrefix ?? ''}proof/object.txt`;
            const tags = (rule.filterTags ?? []).map((t) => `${t.key}=${t.value}`).join(',');
            for (const enc of encryptionsOf(src)) {
                const args = ['simulate', d.file, '--bucket', src.name, '--key', key, '--format', 'json'];
                if (tags) args.push('--tags', tags);
                if (enc) args.push('--encryption', enc);
                const sim = runJson(args);
                simulations += 1;
                const dest = sim.destinations.find((x) => bucketOfArn(x.bucket) === dst.name);
                if (!dest) {
                    // The object is under this rule's prefix and tags: some rule must send it there.
                    results.set(`${d.name}|${rule.ruleId}|destination|${enc}`, {
                        ok: false, detail: `s3rd simulate lists no destination ${dst.name}`, request: null,
                    });
                    continue;
                }
                if (dest.rule !== rule.ruleId) continue; // a rule of higher priority wins this object
                if (dest.outcome === 'not-replicated') continue; // nothing is sent (e.g. SSE-C)
                const ctx = { rule, design, accountIdOf, artifacts, destinationBucket: dst };
                const steps = dest.steps.filter((step) => step.request?.action); // facts have none
                for (const step of steps) step.request.context = asLists(step.request.context);
                // What the simulator says S3 sends, then what AWS documents (the same call twice
                // when they agree; the documented one still catches a wrong value in both).
                steps.push(...documentedKmsRequests(design, rule, src, dst, enc, key, accountIdOf));
                for (const step of steps) {
                    const suffix = isKmsCheck(step) ? `|${enc}` : '';
                    const base = `${d.name}|${rule.ruleId}|${step.check}`;
                    const items = [{ probe: 'allowed', request: step.request, want: 'allowed' },
                        ...probesFor(step, ctx).map((p) => ({ ...p, want: 'denied' }))];
                    for (const item of items) {
                        const k = `${base}|${item.probe}${suffix}`;
                        if (results.has(k)) continue;
                        const { custom, ...policies } = policiesFor(item.request, ctx);
                        if (custom.length) {
                            skipped.add(`${d.name}|${rule.ruleId}|${step.check}: consults ${custom.join(', ')}`);
                            continue;
                        }
                        const got = await evaluate({ ...policies, request: item.request });
                        const ok = item.want === 'allowed' ? got.decision === 'allowed'
                            : got.decision === 'implicit-deny' || got.decision === 'explicit-deny';
                        results.set(k, {
                            ok,
                            detail: `want ${item.want}, iam-simulate says ${got.decision ?? got.errors.join('; ')}`,
                            request: item.request,
                        });
                    }
                }
            }
        }
    }

    let passed = 0;
    let failed = 0;
    let expectedFailures = 0;
    for (const [k, r] of results) {
        const exp = expected.get(k);
        if (exp) exp.seen = true;
        if (r.ok && !exp) {
            passed += 1;
            if (verbose) console.log(`ok    ${k}`);
        } else if (!r.ok && exp) {
            expectedFailures += 1;
            console.log(`XFAIL ${k}: ${r.detail} (${exp.why})`);
        } else if (r.ok && exp) {
            failed += 1;
            console.log(`FAIL  ${k}: passes now; remove it from expected-failures.json`);
        } else {
            failed += 1;
            console.log(`FAIL  ${k}: ${r.detail}\n      request ${JSON.stringify(r.request)}`);
        }
    }
    for (const [k, e] of expected) {
        if (!e.seen && !only) {
            failed += 1;
            console.log(`FAIL  ${k}: listed in expected-failures.json but no longer checked`);
        }
    }
    for (const k of skipped) console.log(`SKIP  ${k} (the user's policy, not a generated one)`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(`${designs().length} designs, ${simulations} simulated objects, ${results.size} checks` +
        ` (${expectedFailures} known failures) in ${seconds} s`);
    console.log(`${passed + expectedFailures} passed, ${failed} failed`);
    process.exit(failed ? 1 : 0);
}

await main();
