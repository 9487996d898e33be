// The independent evaluator: AWS's policy evaluation logic as implemented by
// @cloud-copilot/iam-simulate, an open-source library written independently of the designer.
//
// Test-only. The library is AGPL-3.0-or-later; it runs as a separate node process in the test
// suite, is never linked into, installed with or shipped in the product, and so is not one of
// the product's third-party components.
//
// Why runUnsafeSimulation and not runSimulation: runSimulation keeps only the context keys its
// data knows for the action and silently drops the rest ("ignoredContextKeys"), among them
// kms:EncryptionContext:aws:s3:arn, which S3 sends on every KMS call of replication. A condition
// on a dropped key then sees "key absent", and a test could pass because of that. It also turns
// a list value of a single-valued key into its first element. runUnsafeSimulation passes the
// request context exactly as given; the documents are validated here first with the library's
// own validators instead, so a document it cannot read is an error, never a silent no-match.

import { runUnsafeSimulation, typeForContextKey } from '@cloud-copilot/iam-simulate';
import {
    createValidatedPolicy,
    validateIdentityPolicy,
    validateResourcePolicy,
    validateServiceControlPolicy,
    validateTrustPolicy,
} from '@cloud-copilot/iam-policy';

const DECISIONS = {
    Allowed: 'allowed',
    ImplicitlyDenied: 'implicit-deny',
    ExplicitlyDenied: 'explicit-deny',
};

const arrayKeyCache = new Map();

// Whether the key is multivalued by AWS's definition (ArrayOf… types); unknown keys are not.
async function isArrayKey(key) {
    const lower = key.toLowerCase();
    if (!arrayKeyCache.has(lower)) {
        let isArray = false;
        try {
            isArray = String(await typeForContextKey(lower)).startsWith('ArrayOf');
        } catch {
            isArray = false; // a key the library's data does not know: kept as given
        }
        arrayKeyCache.set(lower, isArray);
    }
    return arrayKeyCache.get(lower);
}

// Our requests carry every key as a list; the library wants a string for a single value of a
// single-valued key and a list otherwise.
async function contextFor(context) {
    const out = {};
    for (const [key, values] of Object.entries(context ?? {})) {
        const list = Array.isArray(values) ? values : [values];
        out[key] = list.length === 1 && !(await isArrayKey(key)) ? list[0] : list;
    }
    return out;
}

// Validates a document with the library's own validator; the result carries its name, which
// runUnsafeSimulation needs for the resource policy too.
const validatedCache = new Map();

function validated(name, document, validate, errors) {
    // The same documents come back for many requests; validating is the slow part.
    const cacheKey = `${name}\n${validate.name}\n${JSON.stringify(document)}`;
    let policy = validatedCache.get(cacheKey);
    if (!policy) {
        policy = createValidatedPolicy(document, validate, { name });
        validatedCache.set(cacheKey, policy);
    }
    for (const e of policy.errors)
        errors.push(`${name}: ${e.message ?? JSON.stringify(e)}${e.path ? ' at ' + e.path : ''}`);
    return policy;
}

// c: { identity: [doc], resource: doc|null, resourceAccount, boundaries: [doc], scps: [doc],
//      request: { principal, action, resource, context: { key: [values] } } }
// Returns { decision: 'allowed'|'implicit-deny'|'explicit-deny'|null, errors: [string] }.
export async function evaluate(c) {
    const errors = [];
    const list = (docs, name, validate) =>
        (docs ?? []).map((doc, i) => ({ name: `${name}${i}`, policy: validated(`${name}${i}`, doc, validate, errors) }));
    const identity = list(c.identity, 'identity', validateIdentityPolicy);
    const boundaries = list(c.boundaries, 'boundary', validateIdentityPolicy);
    const scps = list(c.scps, 'scp', validateServiceControlPolicy);
    const trust = c.request.action.toLowerCase().startsWith('sts:');
    const resource = c.resource
        ? validated('resource', c.resource, trust ? validateTrustPolicy : validateResourcePolicy, errors)
        : undefined;
    if (errors.length)
        return { decision: null, errors };
    const simulation = {
        request: {
            principal: c.request.principal,
            action: c.request.action,
            resource: { resource: c.request.resource, accountId: c.resourceAccount ?? '' },
            contextVariables: await contextFor(c.request.context),
        },
        identityPolicies: identity,
        serviceControlPolicies: scps.length ? [{ orgIdentifier: 'account', policies: scps }] : [],
        resourceControlPolicies: [],
        resourcePolicy: resource,
        permissionBoundaryPolicies: boundaries.length ? boundaries : undefined,
    };
    try {
        // Returns the decision itself: 'Allowed', 'ImplicitlyDenied' or 'ExplicitlyDenied'.
        const result = runUnsafeSimulation(simulation, {});
        const decision = DECISIONS[result];
        return decision ? { decision, errors: [] } : { decision: null, errors: [`unknown result ${result}`] };
    } catch (e) {
        return { decision: null, errors: [`iam-simulate threw: ${e.message}`] };
    }
}

// The sanity check every run makes before trusting a single answer: a condition on a key the
// library's data does not know (S3's encryption context key), with a value that does not match,
// must deny. If the library ever dropped such keys again, every KMS check would pass vacuously.
export async function sanityCheck() {
    const keyArn = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
    const role = 'arn:aws:iam::111122223333:role/replication';
    const base = {
        identity: [{
            Version: '2012-10-17',
            Statement: [{
                Effect: 'Allow', Action: 'kms:Decrypt', Resource: keyArn,
                Condition: { StringLike: { 'kms:EncryptionContext:aws:s3:arn': 'arn:aws:s3:::source/*' } },
            }],
        }],
        resource: {
            Version: '2012-10-17',
            Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'kms:*', Resource: '*' }],
        },
        resourceAccount: '111122223333',
        request: { principal: role, action: 'kms:Decrypt', resource: keyArn, context: {} },
    };
    const failures = [];
    const expect = async (what, context, want) => {
        const got = await evaluate({ ...base, request: { ...base.request, context } });
        if (got.decision !== want)
            failures.push(`${what}: expected ${want}, got ${got.decision} ${got.errors.join('; ')}`);
    };
    await expect('matching encryption context', { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::source/a'] }, 'allowed');
    await expect('another bucket\'s encryption context', { 'kms:EncryptionContext:aws:s3:arn': ['arn:aws:s3:::other/a'] }, 'implicit-deny');
    await expect('no encryption context', {}, 'implicit-deny');
    return failures;
}

// Exits the test (status 1) when the sanity check fails: nothing it would say could be trusted.
export async function requireSanity() {
    const failures = await sanityCheck();
    if (failures.length) {
        console.log('FAIL: the independent evaluator does not see unknown context keys:');
        for (const f of failures) console.log(`  ${f}`);
        process.exit(1);
    }
}

// The value after a command-line option, or the fallback.
export function option(name, fallback) {
    const i = process.argv.indexOf(name);
    return i > 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}
