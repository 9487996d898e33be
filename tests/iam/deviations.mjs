// Recognises the documented deviations of deviations.json in a disagreement.
//
// Each deviation names what triggers it in a case (applies) and how to take the trigger out
// (neutralise), changing only the policy elements concerned. A disagreement counts as explained
// only if the deviation applies AND both evaluators agree once the trigger is taken out, so a
// deviation can never hide another difference in the same case.

// Keys that AWS documents as multivalued (type ArrayOf…) among those the generator uses.
const MULTIVALUED = new Set(['aws:tagkeys', 'aws:principalorgpaths']);

function policies(c) {
    return [...(c.identity ?? []), ...(c.resource ? [c.resource] : []), ...(c.boundaries ?? []), ...(c.scps ?? [])];
}

function statements(policy) {
    return Array.isArray(policy.Statement) ? policy.Statement : [policy.Statement];
}

function clone(x) {
    return JSON.parse(JSON.stringify(x));
}

function isSetOperator(op) {
    return /^(ForAnyValue|ForAllValues):/i.test(op);
}

function hasRequestKey(c, key) {
    return Object.keys(c.request.context ?? {}).some((k) => k.toLowerCase() === key.toLowerCase());
}

// Condition entries on a multivalued key without a set operator, for a key the request carries.
function multivaluedWithoutSet(c, visit) {
    let found = false;
    for (const p of policies(c)) {
        for (const s of statements(p)) {
            for (const [op, block] of Object.entries(s.Condition ?? {})) {
                if (isSetOperator(op) || op === 'Null') continue;
                for (const key of Object.keys(block)) {
                    if (MULTIVALUED.has(key.toLowerCase()) && hasRequestKey(c, key)) {
                        found = true;
                        if (visit) visit(s, op, key);
                    }
                }
            }
        }
    }
    return found;
}

function accountsIn(element) {
    if (!element || typeof element !== 'object') return [];
    const list = [element.AWS ?? []].flat();
    return list.map((v) => (/^\d{12}$/.test(v) ? v : /^arn:[^:]+:iam::(\d{12}):root$/.exec(v)?.[1])).filter(Boolean);
}

function principalAccount(arn) {
    return /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
}

// A resource-policy Deny with NotPrincipal naming the account of the request's role.
function notPrincipalAccountStatements(c) {
    if (!c.resource) return [];
    const account = principalAccount(c.request.principal);
    return statements(c.resource).filter((s) => s.Effect === 'Deny' && s.NotPrincipal && account
        && accountsIn(s.NotPrincipal).includes(account));
}

// IpAddress / NotIpAddress entries whose values include a bare address (no /prefix).
function bareIpConditions(c, visit) {
    let found = false;
    for (const p of policies(c)) {
        for (const s of statements(p)) {
            for (const [op, block] of Object.entries(s.Condition ?? {})) {
                if (!/IpAddress/i.test(op)) continue;
                for (const [key, value] of Object.entries(block)) {
                    const values = [value].flat();
                    if (values.some((v) => typeof v === 'string' && !v.includes('/'))) {
                        found = true;
                        if (visit) block[key] = values.map((v) => (v.includes('/') ? v : `${v}/${v.includes(':') ? 128 : 32}`));
                    }
                }
            }
        }
    }
    return found;
}

export const DEVIATIONS = {
    // Neutralised by an equivalent rewrite (a bare address is its /32 or /128 range), so
    // agreement afterwards shows the difference lies only in reading the bare address.
    'iam-simulate-bare-ip-against-other-family': {
        applies: (c) => bareIpConditions(c),
        neutralise: (c) => {
            const n = clone(c);
            bareIpConditions(n, true);
            return n;
        },
    },
    'multivalued-key-without-set-operator': {
        applies: (c) => multivaluedWithoutSet(c),
        neutralise: (c) => {
            const n = clone(c);
            multivaluedWithoutSet(n, (s, op, key) => {
                delete s.Condition[op][key];
                if (!Object.keys(s.Condition[op]).length) delete s.Condition[op];
                if (!Object.keys(s.Condition).length) delete s.Condition;
            });
            return n;
        },
    },
    'notprincipal-account-excludes-only-the-account': {
        applies: (c) => notPrincipalAccountStatements(c).length > 0,
        neutralise: (c) => {
            const n = clone(c);
            const drop = new Set(notPrincipalAccountStatements(n));
            n.resource.Statement = statements(n.resource).filter((s) => !drop.has(s));
            return n;
        },
    },
};

// The deviations that apply to a case, each with the case it leaves once neutralised.
export function candidates(c) {
    return Object.entries(DEVIATIONS)
        .filter(([, d]) => d.applies(c))
        .map(([id, d]) => ({ id, neutralised: d.neutralise(c) }));
}
