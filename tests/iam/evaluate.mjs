// The isolation claims of README.md ("Security model") and packaging/README.md, judged by an IAM
// policy engine nobody here wrote: @cloud-copilot/iam-simulate (AGPL-3.0-or-later, a test-time tool
// that tests/iam/run.sh installs under target/; nothing of it is shipped). Run through run.sh.
//
// node evaluate.mjs NODE_DIR TEMPLATE_DIR
//
// What the engine does not model, and how the bed covers it:
// - Which keys S3 returns for a listing prefix (every key that starts with it: `users/alice` returns
//   `users/alice2/…`). The engine only matches s3:prefix against the policy; the bed reads the policy
//   for that part ("policy reading" cases).
// - The engine's key list has no keys for a custom OIDC provider (`<issuer>:sub`, `<issuer>:aud`): it
//   drops them as unknown. The base-trust cases run the engine's unvalidated mode, which evaluates
//   every key given.
// - It does not derive the request context from the principal. `baseSession()` and `targetSession()`
//   build it as STS does: aws:PrincipalArn is the role's ARN with its path, aws:PrincipalTag/* the
//   role's tags, overridden by the session's own tags.
// - Which keys AWS puts in the context of sts:TagSession and sts:SetSourceIdentity during one
//   AssumeRole: the Service Authorization Reference lists fewer than the call carries. Every STS case
//   is evaluated both ways (the keys listed per action; every key of the call for every action) and
//   fails unless both agree, so no template depends on that detail.

import { createHash } from 'node:crypto'
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'

import { checkValue, fill } from './fill.mjs'

const [nodeDir, templateDir] = process.argv.slice(2)
if (!nodeDir || !templateDir) {
  console.error('usage: node evaluate.mjs NODE_DIR TEMPLATE_DIR')
  process.exit(2)
}
const require = createRequire(join(nodeDir, 'package.json'))
const engine = require('@cloud-copilot/iam-simulate')
const engineVersion = JSON.parse(
  readFileSync(join(nodeDir, 'node_modules/@cloud-copilot/iam-simulate/package.json'), 'utf8')
).version

// ---------------------------------------------------------------------------------------- the values
const A = '123456789012'
const OTHER_ACCOUNT = '210987654321'
const VALUES = {
  ACCOUNT_ID: A,
  OIDC_PROVIDER: 'rh-oidc.s3.us-east-1.amazonaws.com/27b1d5ak5k2q9o3c8t7h6f5e4d3c2b1a',
  NAMESPACE: 'fraud-detection',
  BASE_ROLE_NAME: 'OpenShiftAIBaseRole',
  BASE_ROLE_PATH: 'oc-role-assume/',
  TARGET_ROLE_NAME: 'DataScienceTargetRole',
  BUCKET: 'fraud-detection-data',
  IAM_ADMIN_ROLE: 'IAMAdmin',
  GUARD_BOUNDARY_NAME: 'oc-role-assume-guard',
  BASE_BOUNDARY_NAME: 'oc-role-assume-base-boundary',
  SYNC_ROLE_NAME: 'oc-role-assume-sync'
}
const TARGET_ARN = `arn:aws:iam::${A}:role/${VALUES.TARGET_ROLE_NAME}`
const PROVIDER_ARN = `arn:aws:iam::${A}:oidc-provider/${VALUES.OIDC_PROVIDER}`
const BUCKET = VALUES.BUCKET

const used = new Set()
const raw = (file) => {
  used.add(file)
  return readFileSync(join(templateDir, file), 'utf8')
}
const template = (file, values = VALUES) => fill(raw(file), values)

// ------------------------------------------------------------------------------------- the runner
let passed = 0
let failed = 0
async function check(name, body) {
  try {
    const problem = await body()
    if (problem === undefined || problem === true) {
      passed++
      console.log(`ok   ${name}`)
    } else {
      failed++
      console.log(`FAIL ${name}: ${problem}`)
    }
  } catch (e) {
    failed++
    console.log(`FAIL ${name}: ${e.message}`)
  }
}
/** A case that expects `want` ('allow', 'deny' or 'explicit-deny') from `decide()`. */
function expect(name, want, decide) {
  return check(name, async () => {
    const got = await decide()
    const ok =
      want === 'allow'
        ? got === 'Allowed'
        : want === 'deny'
          ? got !== 'Allowed'
          : got === 'ExplicitlyDenied'
    return ok || `expected ${want}, the engine says ${got}`
  })
}

// The engine's own runUnsafeSimulation (0.1.173) loads the resource policy without a name and then
// fails reading it; this is the same call with the policy named. Its internals are reached by file path
// (the package's "exports" hide them): the version is pinned, and a change fails here, loudly.
const internal = (file) => require(join(nodeDir, 'node_modules/@cloud-copilot', file))
const core = internal('iam-simulate/dist/cjs/core_engine/CoreSimulatorEngine.js')
const { AwsRequestImpl } = internal('iam-simulate/dist/cjs/request/request.js')
const { RequestContextImpl } = internal('iam-simulate/dist/cjs/requestContext.js')
const { DiscoveryContextKeyConstraints } = internal(
  'iam-simulate/dist/cjs/context_keys/discoveryContextKeyConstraints.js'
)
const { loadPolicy } = require('@cloud-copilot/iam-policy')
function unvalidated(s) {
  const load = (p, name) => loadPolicy(p, { name })
  const org = (list) =>
    list.map((o) => ({ orgIdentifier: o.orgIdentifier, policies: o.policies.map((p) => load(p.policy, p.name)) }))
  const { principal, action, resource, contextVariables } = s.request
  return core.authorize({
    request: new AwsRequestImpl(principal, resource, action, new RequestContextImpl(contextVariables)),
    sessionPolicy: undefined,
    identityPolicies: s.identityPolicies.map((p) => load(p.policy, p.name)),
    serviceControlPolicies: org(s.serviceControlPolicies),
    resourceControlPolicies: org(s.resourceControlPolicies),
    resourcePolicy: s.resourcePolicy ? load(s.resourcePolicy, 'resource-policy') : undefined,
    permissionBoundaries: s.permissionBoundaryPolicies?.map((p) => load(p.policy, p.name)),
    vpcEndpointPolicies: undefined,
    simulationParameters: { simulationMode: 'Strict', discoveryContextKeyConstraints: new DiscoveryContextKeyConstraints([]) },
    serviceSettings: { s3: {} }
  }).result
}

/** One request through the engine, validated (the engine's own key list) or not. */
async function simulate(s, { validated = true, mustKeepKeys = false } = {}) {
  const simulation = {
    identityPolicies: [],
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...s
  }
  if (!validated) return unvalidated(simulation)
  const r = await engine.runSimulation(simulation, {})
  if (r.resultType === 'error') throw new Error(`the engine refused the input: ${JSON.stringify(r.errors)}`)
  const ignored = r.result?.ignoredContextKeys ?? []
  if (mustKeepKeys && ignored.length) {
    throw new Error(`the engine dropped context keys ${ignored.join(', ')} for ${s.request.action}`)
  }
  return r.overallResult
}

// --------------------------------------------------------------------------- principals, as STS sees them
/** A session of a Base role (`path` + `name`, with role tags), made by AssumeRoleWithWebIdentity. */
function baseSession({ name, path = VALUES.BASE_ROLE_PATH, tags = {}, account = A }) {
  const context = {
    'aws:PrincipalArn': `arn:aws:iam::${account}:role/${path}${name}`,
    'aws:PrincipalAccount': account
  }
  for (const [k, v] of Object.entries(tags)) context[`aws:PrincipalTag/${k}`] = v
  // The session ARN carries the role's name without its path.
  return { principal: `arn:aws:sts::${account}:assumed-role/${name}/botocore-session-1`, context }
}
const BASE_PERMISSIONS = () => [{ name: 'base-permissions', policy: template('base-permissions.json') }]
const alicesBase = () =>
  baseSession({ name: VALUES.NAMESPACE, tags: { user: 'alice' } })
const bobsBase = () => baseSession({ name: 'bobs-project', tags: { user: 'bob' } })

/**
 * The helper's AssumeRole call on the Target: sts:AssumeRole, plus sts:TagSession when it sends tags,
 * plus sts:SetSourceIdentity when it sends a source identity, each judged against the Target's trust
 * and the caller's identity policies. Allowed only when every action is, in both context models.
 */
async function assumeTarget(trust, caller, { tags = {}, sourceIdentity, sessionName = 'alice', identity }) {
  const identityPolicies = identity ?? BASE_PERMISSIONS()
  const keys = Object.keys(tags)
  const context = { ...caller.context, 'sts:RoleSessionName': sessionName }
  for (const [k, v] of Object.entries(tags)) context[`aws:RequestTag/${k}`] = v
  if (keys.length) context['aws:TagKeys'] = keys
  if (sourceIdentity !== undefined) context['sts:SourceIdentity'] = sourceIdentity
  const actions = ['sts:AssumeRole']
  if (keys.length) actions.push('sts:TagSession')
  if (sourceIdentity !== undefined) actions.push('sts:SetSourceIdentity')
  const decisions = {}
  for (const validated of [true, false]) {
    let all = 'Allowed'
    for (const action of actions) {
      const got = await simulate(
        {
          identityPolicies,
          resourcePolicy: trust,
          request: {
            principal: caller.principal,
            action,
            resource: { resource: TARGET_ARN, accountId: A },
            contextVariables: context
          }
        },
        // sts:AssumeRole lists every key the call carries: none may be dropped.
        { validated, mustKeepKeys: action === 'sts:AssumeRole' }
      )
      if (got !== 'Allowed') all = `${got} (${action})`
    }
    decisions[validated ? 'listed keys' : 'every key'] = all
  }
  const [a, b] = Object.values(decisions)
  if ((a === 'Allowed') !== (b === 'Allowed')) {
    throw new Error(`the two context models disagree: ${JSON.stringify(decisions)}`)
  }
  return a.split(' ')[0]
}

/** AssumeRoleWithWebIdentity for the project's Base role with a ServiceAccount token's claims. */
function webIdentity({ sub, aud = 'sts.amazonaws.com', provider = VALUES.OIDC_PROVIDER, action = 'sts:AssumeRoleWithWebIdentity', extra = {} }) {
  return simulate(
    {
      resourcePolicy: template('base-trust.json'),
      request: {
        principal: `arn:aws:iam::${A}:oidc-provider/${provider}`,
        action,
        resource: { resource: `arn:aws:iam::${A}:role/${VALUES.BASE_ROLE_PATH}${VALUES.NAMESPACE}`, accountId: A },
        contextVariables: { [`${provider}:sub`]: sub, [`${provider}:aud`]: aud, ...extra }
      }
    },
    { validated: false }
  )
}

/** A Target session as the ABAC policy sees it: the session tag is the principal tag. */
function s3(action, resource, { user = 'alice', prefix } = {}) {
  const context = {}
  if (user !== undefined) context['aws:PrincipalTag/user'] = user
  if (prefix !== undefined) context['s3:prefix'] = prefix
  return simulate(
    {
      identityPolicies: [{ name: 'target-s3-abac', policy: template('target-s3-abac.json') }],
      request: {
        principal: `arn:aws:sts::${A}:assumed-role/${VALUES.TARGET_ROLE_NAME}/${user ?? 'nobody'}`,
        action,
        resource: { resource, accountId: A },
        contextVariables: context
      }
    },
    { mustKeepKeys: true }
  )
}

/** The RoleSessionName (and SourceIdentity) the helper derives from a user: src/names.rs session_name. */
function sessionName(user) {
  const ok = (c) => /^[A-Za-z0-9_+=,.@-]$/.test(c)
  const mapped = [...user].map((c) => (ok(c) ? c : '-')).join('')
  if (mapped === user && user.length >= 2 && user.length <= 64) return user
  const hash = createHash('sha256').update(user).digest('hex').slice(0, 8)
  const base = [...mapped].slice(0, 64 - 1 - 8).join('')
  return base ? `${base}-${hash}` : hash
}

// ------------------------------------------------------------------------------------------ the cases
console.log(`iam bed: @cloud-copilot/iam-simulate ${engineVersion}, templates from ${templateDir}`)

// The fill: every value checked before it reaches a policy.
const fillRefuses = (name, key, value) =>
  check(`fill: refuses ${name}`, () => {
    try {
      template('target-trust-hardened.json', { ...VALUES, [key]: value })
    } catch (e) {
      return /is not|has no value/.test(e.message) || e.message
    }
    return `the fill took <${key}> = ${JSON.stringify(value)}`
  })
await fillRefuses('<BASE_ROLE_PATH> without its trailing "/"', 'BASE_ROLE_PATH', 'oc-role-assume')
await fillRefuses('<BASE_ROLE_PATH> with a leading "/"', 'BASE_ROLE_PATH', '/oc-role-assume/')
await fillRefuses('<BASE_ROLE_PATH> with a wildcard', 'BASE_ROLE_PATH', 'oc-role-assume*/')
await fillRefuses('an <ACCOUNT_ID> that is not 12 digits', 'ACCOUNT_ID', '12345678901')
await fillRefuses('a missing value', 'ACCOUNT_ID', undefined)
await check('fill: refuses a <NAMESPACE> that is not a DNS-1123 label', () => {
  for (const bad of ['Fraud_Detection', 'fraud.detection', '-fraud', 'x'.repeat(64), '']) {
    try {
      checkValue('NAMESPACE', bad)
      return `took ${JSON.stringify(bad)}`
    } catch {}
  }
  try {
    template('base-trust.json', { ...VALUES, NAMESPACE: 'fraud.detection' })
    return 'the fill took fraud.detection'
  } catch {}
})
await check('fill: refuses an <OIDC_PROVIDER> with https:// or a trailing "/"', () => {
  for (const bad of ['https://' + VALUES.OIDC_PROVIDER, VALUES.OIDC_PROVIDER + '/']) {
    try {
      checkValue('OIDC_PROVIDER', bad)
      return `took ${bad}`
    } catch {}
  }
})
await check('fill: every packaging/iam template fills with the bed values', () => {
  for (const f of readdirSync(templateDir).filter((f) => f.endsWith('.json'))) template(f)
})
await expect(
  'fill: why — unchecked, <BASE_ROLE_PATH>=oc-role-assume lets role/oc-role-assume-evil/… chain in as alice',
  'allow',
  () =>
    assumeTarget(
      fill(raw('target-trust-hardened.json'), { ...VALUES, BASE_ROLE_PATH: 'oc-role-assume' }, { checked: false }),
      baseSession({ path: 'oc-role-assume-evil/', name: 'x', tags: { user: 'alice' } }),
      { tags: { user: 'alice' } }
    )
)

// base-trust.json: only the project's ServiceAccounts, only for sts.amazonaws.com, no tags, no SI.
const SA = (ns, name = 'my-workbench') => `system:serviceaccount:${ns}:${name}`
await expect('base-trust: the project\'s ServiceAccount token assumes the Base role', 'allow', () =>
  webIdentity({ sub: SA(VALUES.NAMESPACE) })
)
await expect('base-trust: another project\'s ServiceAccount is refused', 'deny', () =>
  webIdentity({ sub: SA('other-project') })
)
await expect('base-trust: a look-alike project (fraud-detection-x) is refused', 'deny', () =>
  webIdentity({ sub: SA(`${VALUES.NAMESPACE}-x`) })
)
await expect('base-trust: a token for another audience is refused', 'deny', () =>
  webIdentity({ sub: SA(VALUES.NAMESPACE), aud: 'https://kubernetes.default.svc' })
)
await expect('base-trust: another cluster\'s OIDC provider is refused', 'deny', () =>
  webIdentity({ sub: SA(VALUES.NAMESPACE), provider: 'oidc.other-cluster.example.com' })
)
await expect('base-trust: session tags at web identity (sts:TagSession) are refused', 'deny', () =>
  webIdentity({ sub: SA(VALUES.NAMESPACE), action: 'sts:TagSession', extra: { 'aws:RequestTag/user': 'bob', 'aws:TagKeys': ['user'] } })
)
await expect('base-trust: a source identity at web identity is refused', 'deny', () =>
  webIdentity({ sub: SA(VALUES.NAMESPACE), action: 'sts:SetSourceIdentity', extra: { 'sts:SourceIdentity': 'bob' } })
)

// base-permissions.json: the Base session chains into the Target only.
await expect('base-permissions: the Base session may not assume another role', 'deny', () =>
  simulate({
    identityPolicies: BASE_PERMISSIONS(),
    resourcePolicy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${A}:root` }, Action: 'sts:AssumeRole' }]
    },
    request: {
      principal: alicesBase().principal,
      action: 'sts:AssumeRole',
      resource: { resource: `arn:aws:iam::${A}:role/Admin`, accountId: A },
      contextVariables: alicesBase().context
    }
  })
)

// target-trust-hardened.json: a session tagged alice only from Alice's project's Base role.
const HARD = () => template('target-trust-hardened.json')
const H = 'target-trust-hardened'
await expect(`${H}: own project, own tag (user=alice) is allowed`, 'allow', () =>
  assumeTarget(HARD(), alicesBase(), { tags: { user: 'alice' } })
)
await expect(`${H}: another user's tag (user=bob) from Alice's project is refused`, 'deny', () =>
  assumeTarget(HARD(), alicesBase(), { tags: { user: 'bob' } })
)
await expect(`${H}: an extra tag (--tag team=x) is refused`, 'deny', () =>
  assumeTarget(HARD(), alicesBase(), { tags: { user: 'alice', team: 'x' } })
)
await expect(`${H}: no tag is refused`, 'deny', () => assumeTarget(HARD(), alicesBase(), {}))
await expect(`${H}: another tag key (--tag-key owner) is refused`, 'deny', () =>
  assumeTarget(HARD(), alicesBase(), { tags: { owner: 'alice' } })
)
await expect(`${H}: a source identity is refused (this trust has no sts:SetSourceIdentity)`, 'deny', () =>
  assumeTarget(HARD(), alicesBase(), { tags: { user: 'alice' }, sourceIdentity: 'alice' })
)
await expect(`${H}: another project (Bob's Base role) cannot be alice`, 'deny', () =>
  assumeTarget(HARD(), bobsBase(), { tags: { user: 'alice' } })
)
await expect(`${H}: Bob's project is Bob (user=bob)`, 'allow', () =>
  assumeTarget(HARD(), bobsBase(), { tags: { user: 'bob' } })
)
await expect(`${H}: an untagged Base role under the path is refused`, 'deny', () =>
  assumeTarget(HARD(), baseSession({ name: 'untagged' }), { tags: { user: 'alice' } })
)
await expect(`${H}: an untagged Base role sending an empty tag is refused`, 'deny', () =>
  assumeTarget(HARD(), baseSession({ name: 'untagged' }), { tags: { user: '' } })
)
await expect(`${H}: a role outside <BASE_ROLE_PATH> tagged alice is refused`, 'deny', () =>
  assumeTarget(HARD(), baseSession({ path: '', name: 'fraud-detection', tags: { user: 'alice' } }), { tags: { user: 'alice' } })
)
await expect(`${H}: a look-alike path (role/oc-role-assume-evil/…) tagged alice is refused`, 'deny', () =>
  assumeTarget(HARD(), baseSession({ path: 'oc-role-assume-evil/', name: 'x', tags: { user: 'alice' } }), { tags: { user: 'alice' } })
)
await expect(`${H}: the same path and tag in another account is refused`, 'deny', () =>
  assumeTarget(HARD(), baseSession({ name: 'x', tags: { user: 'alice' }, account: OTHER_ACCOUNT }), { tags: { user: 'alice' } })
)
await expect(`${H}: the match is case-sensitive (Base Alice.Smith@…, tag alice.smith@…)`, 'deny', () =>
  assumeTarget(HARD(), baseSession({ name: 'p', tags: { user: 'Alice.Smith@example.com' } }), { tags: { user: 'alice.smith@example.com' } })
)
await expect(`${H}: a Base role without base-permissions.json is refused (the trust names the account)`, 'deny', () =>
  assumeTarget(HARD(), alicesBase(), { tags: { user: 'alice' }, identity: [] })
)
await check(`${H}: the RoleSessionName is not bound (alice's session may be named bob: not an identity)`, async () => {
  const got = await assumeTarget(HARD(), alicesBase(), { tags: { user: 'alice' }, sessionName: 'bob' })
  return got === 'Allowed' || `expected the documented gap (allowed), got ${got}`
})

await expect(
  `${H}: why a separate trust — with sts:SetSourceIdentity simply added to it, alice could be SourceIdentity=bob`,
  'allow',
  () => {
    const trust = HARD()
    trust.Statement[0].Action = [...trust.Statement[0].Action, 'sts:SetSourceIdentity']
    return assumeTarget(trust, alicesBase(), { tags: { user: 'alice' }, sourceIdentity: 'bob' })
  }
)

// target-trust-hardened-source-identity.json: the tag and the source identity are the owner's.
const HSI = () => template('target-trust-hardened-source-identity.json')
const S = 'target-trust-hardened-source-identity'
await expect(`${S}: own project, tag alice, source identity alice is allowed`, 'allow', () =>
  assumeTarget(HSI(), alicesBase(), { tags: { user: 'alice' }, sourceIdentity: 'alice' })
)
await expect(`${S}: another source identity (bob) is refused`, 'deny', () =>
  assumeTarget(HSI(), alicesBase(), { tags: { user: 'alice' }, sourceIdentity: 'bob' })
)
await expect(`${S}: no source identity is refused (this trust requires it)`, 'deny', () =>
  assumeTarget(HSI(), alicesBase(), { tags: { user: 'alice' } })
)
await expect(`${S}: another user's tag with the owner's source identity is refused`, 'deny', () =>
  assumeTarget(HSI(), alicesBase(), { tags: { user: 'bob' }, sourceIdentity: 'alice' })
)
await expect(`${S}: an extra tag is refused`, 'deny', () =>
  assumeTarget(HSI(), alicesBase(), { tags: { user: 'alice', team: 'x' }, sourceIdentity: 'alice' })
)
await expect(`${S}: no tag is refused`, 'deny', () =>
  assumeTarget(HSI(), alicesBase(), { sourceIdentity: 'alice' })
)
await expect(`${S}: another project (Bob's Base role) cannot be alice`, 'deny', () =>
  assumeTarget(HSI(), bobsBase(), { tags: { user: 'alice' }, sourceIdentity: 'alice' })
)
await expect(`${S}: Bob's project is Bob`, 'allow', () =>
  assumeTarget(HSI(), bobsBase(), { tags: { user: 'bob' }, sourceIdentity: 'bob' })
)
await expect(`${S}: a look-alike path tagged alice is refused`, 'deny', () =>
  assumeTarget(HSI(), baseSession({ path: 'oc-role-assume-evil/', name: 'x', tags: { user: 'alice' } }), { tags: { user: 'alice' }, sourceIdentity: 'alice' })
)
await expect(`${S}: a name the helper sends unchanged (Alice.Smith@example.com) works`, 'allow', () => {
  const user = 'Alice.Smith@example.com'
  return assumeTarget(HSI(), baseSession({ name: 'p', tags: { user } }), { tags: { user }, sourceIdentity: sessionName(user) })
})
await expect(`${S}: a name the helper must rewrite (kube:admin → ${sessionName('kube:admin')}) cannot use it`, 'deny', () => {
  const user = 'kube:admin'
  return assumeTarget(HSI(), baseSession({ name: 'p', tags: { user } }), { tags: { user }, sourceIdentity: sessionName(user) })
})

// target-trust.json and target-trust-source-identity.json: what the Security model says they prove.
const BASE_ROLE = () => baseSession({ path: '', name: VALUES.BASE_ROLE_NAME })
const T = 'target-trust'
await expect(`${T}: the Base role with a user tag is allowed`, 'allow', () =>
  assumeTarget(template('target-trust.json'), BASE_ROLE(), { tags: { user: 'alice' } })
)
await expect(`${T}: any user tag is accepted (the tag proves only the pod; Security model)`, 'allow', () =>
  assumeTarget(template('target-trust.json'), BASE_ROLE(), { tags: { user: 'bob' } })
)
await expect(`${T}: no tag is refused`, 'deny', () => assumeTarget(template('target-trust.json'), BASE_ROLE(), {}))
await expect(`${T}: an empty tag is refused`, 'deny', () =>
  assumeTarget(template('target-trust.json'), BASE_ROLE(), { tags: { user: '' } })
)
await expect(`${T}: another role is refused`, 'deny', () =>
  assumeTarget(template('target-trust.json'), baseSession({ path: '', name: 'SomeOtherRole' }), { tags: { user: 'alice' } })
)
await expect(`${T}: a source identity is refused`, 'deny', () =>
  assumeTarget(template('target-trust.json'), BASE_ROLE(), { tags: { user: 'alice' }, sourceIdentity: 'alice' })
)
await expect(`${T}-source-identity: any source identity is accepted (proves nothing, like the tag)`, 'allow', () =>
  assumeTarget(template('target-trust-source-identity.json'), BASE_ROLE(), { tags: { user: 'alice' }, sourceIdentity: 'bob' })
)

// target-s3-abac.json: each user lists, reads and writes only s3://BUCKET/users/<tag>/.
const B = `arn:aws:s3:::${BUCKET}`
const O = (key) => `${B}/${key}`
const ABAC = 'target-s3-abac'
for (const prefix of ['users/alice/', 'users/alice/data/2026/'])
  await expect(`${ABAC}: alice lists prefix ${prefix}`, 'allow', () => s3('s3:ListBucket', B, { prefix }))
for (const prefix of ['users/alice', 'users/alice2/', 'users/alice.other/', 'users/', 'users/bob/', 'users/al', ''])
  await expect(`${ABAC}: alice may not list prefix ${JSON.stringify(prefix)}`, 'deny', () => s3('s3:ListBucket', B, { prefix }))
await expect(`${ABAC}: alice may not list without a prefix`, 'deny', () => s3('s3:ListBucket', B))
for (const action of ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'])
  await expect(`${ABAC}: alice ${action} users/alice/x`, 'allow', () => s3(action, O('users/alice/x')))
for (const key of ['users/bob/x', 'users/alice2/x', 'users/alice.other/x', 'users/alice', 'shared/x'])
  for (const action of ['s3:GetObject', 's3:PutObject'])
    await expect(`${ABAC}: alice may not ${action} ${key}`, 'deny', () => s3(action, O(key)))
await expect(`${ABAC}: another bucket is refused`, 'deny', () =>
  s3('s3:GetObject', 'arn:aws:s3:::other-bucket/users/alice/x')
)
await expect(`${ABAC}: a session without the tag gets nothing (users//x)`, 'deny', () =>
  s3('s3:GetObject', O('users//x'), { user: undefined })
)
await expect(`${ABAC}: prefixes are case-sensitive (tag Alice, users/alice/x)`, 'deny', () =>
  s3('s3:GetObject', O('users/alice/x'), { user: 'Alice' })
)
await expect(`${ABAC}: a tag with "/" (alice/x) is denied outright, not let into users/alice/x/`, 'explicit-deny', () =>
  s3('s3:GetObject', O('users/alice/x/y'), { user: 'alice/x' })
)
await expect(`${ABAC}: a tag with "/" may not list users/alice/x/ either`, 'explicit-deny', () =>
  s3('s3:ListBucket', B, { user: 'alice/x', prefix: 'users/alice/x/' })
)
// What the engine cannot judge: S3 answers a listing with every key that starts with the prefix.
await check(`${ABAC}: policy reading — every s3:prefix a list grant allows starts with users/<tag>/`, () => {
  const policy = template('target-s3-abac.json')
  const grants = policy.Statement.filter(
    (s) => s.Effect === 'Allow' && [s.Action].flat().some((a) => new RegExp(`^${a.replace(/\*/g, '.*')}$`, 'i').test('s3:ListBucket'))
  )
  if (!grants.length) return 'no statement grants s3:ListBucket'
  for (const s of grants) {
    const patterns = Object.entries(s.Condition ?? {})
      .filter(([op]) => /^String(Like|Equals)$/.test(op))
      .flatMap(([, keys]) => [keys['s3:prefix'] ?? []].flat())
    if (!patterns.length) return `${s.Sid}: lists without an s3:prefix condition`
    for (const p of patterns) {
      const head = p.split(/[*?]/)[0]
      if (!head.startsWith('users/${aws:PrincipalTag/user}/')) {
        return `${s.Sid}: prefix ${p} also matches users/<tag>2/… and users/<tag>.other/… (S3 lists every key starting with it)`
      }
    }
  }
})
await check(`${ABAC}: policy reading — \${aws:PrincipalTag/user} is always followed by "/"`, () => {
  const text = raw('target-s3-abac.json')
  const bad = [...text.matchAll(/\$\{aws:PrincipalTag\/user\}(.?)/g)].filter((m) => m[1] !== '/')
  return bad.length === 0 || `${bad.length} use(s) not followed by "/"`
})

// The guards: only IAM admins change the Base roles, the Target role and the OIDC provider.
const ADMIN_ACTIONS = [
  'iam:CreateRole', 'iam:DeleteRole', 'iam:TagRole', 'iam:UntagRole', 'iam:UpdateAssumeRolePolicy',
  'iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:AttachRolePolicy', 'iam:DetachRolePolicy',
  'iam:PutRolePermissionsBoundary', 'iam:DeleteRolePermissionsBoundary', 'iam:PassRole'
]
const ADMIN_POLICY = [{ name: 'AdministratorAccess', policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }]
const FULL_ACCESS = { name: 'FullAWSAccess', policy: ADMIN_POLICY[0].policy }
const BASE_ROLE_ARN = `arn:aws:iam::${A}:role/${VALUES.BASE_ROLE_PATH}${VALUES.NAMESPACE}`
function asRole(roleName, action, resource, { guard, context = {} }) {
  const s = {
    identityPolicies: ADMIN_POLICY,
    request: {
      principal: `arn:aws:sts::${A}:assumed-role/${roleName.split('/').pop()}/s`,
      action,
      resource: { resource, accountId: A },
      contextVariables: { 'aws:PrincipalArn': `arn:aws:iam::${A}:role/${roleName}`, ...context }
    }
  }
  if (guard === 'scp') {
    s.serviceControlPolicies = [{ orgIdentifier: 'r-root', policies: [FULL_ACCESS, { name: 'guard', policy: template('base-guard-scp.json') }] }]
  } else {
    s.permissionBoundaryPolicies = [{ name: VALUES.GUARD_BOUNDARY_NAME, policy: template('base-guard-boundary.json') }]
  }
  return simulate(s)
}
for (const guard of ['scp', 'boundary']) {
  const G = guard === 'scp' ? 'base-guard-scp' : 'base-guard-boundary'
  for (const action of ADMIN_ACTIONS)
    await expect(`${G}: a non-admin with AdministratorAccess may not ${action} on a Base role`, 'explicit-deny', () =>
      asRole('Developer', action, BASE_ROLE_ARN, { guard })
    )
  for (const action of ['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:AttachRolePolicy'])
    await expect(`${G}: a non-admin may not ${action} on the Target role`, 'explicit-deny', () =>
      asRole('Developer', action, TARGET_ARN, { guard })
    )
  await expect(`${G}: a non-admin may not change the cluster's OIDC provider`, 'explicit-deny', () =>
    asRole('Developer', 'iam:UpdateOpenIDConnectProviderThumbprint', PROVIDER_ARN, { guard })
  )
  await expect(`${G}: a non-admin keeps IAM on other roles (TagRole on role/oc-role-assume-evil/x)`, 'allow', () =>
    asRole('Developer', 'iam:TagRole', `arn:aws:iam::${A}:role/oc-role-assume-evil/x`, { guard })
  )
}
await expect('base-guard-scp: the IAM admin role may tag a Base role', 'allow', () =>
  asRole('IAMAdmin', 'iam:TagRole', BASE_ROLE_ARN, { guard: 'scp' })
)
await expect('base-guard-scp: the IAM admin role may update the Target trust', 'allow', () =>
  asRole('IAMAdmin', 'iam:UpdateAssumeRolePolicy', TARGET_ARN, { guard: 'scp' })
)
await expect('base-guard-scp: a look-alike admin (IAMAdmin2) may not', 'explicit-deny', () =>
  asRole('IAMAdmin2', 'iam:TagRole', BASE_ROLE_ARN, { guard: 'scp' })
)
await expect('base-guard-scp: an admin name under another path (x/IAMAdmin) may not', 'explicit-deny', () =>
  asRole('x/IAMAdmin', 'iam:TagRole', BASE_ROLE_ARN, { guard: 'scp' })
)
const BOUNDARY_ARN = `arn:aws:iam::${A}:policy/${VALUES.GUARD_BOUNDARY_NAME}`
await expect('base-guard-boundary: a bounded principal may not remove its own boundary', 'explicit-deny', () =>
  asRole('Developer', 'iam:DeleteRolePermissionsBoundary', `arn:aws:iam::${A}:role/Developer`, { guard: 'boundary' })
)
await expect('base-guard-boundary: nor create a role without this boundary', 'explicit-deny', () =>
  asRole('Developer', 'iam:CreateRole', `arn:aws:iam::${A}:role/app/x`, { guard: 'boundary' })
)
await expect('base-guard-boundary: nor give a role another boundary', 'explicit-deny', () =>
  asRole('Developer', 'iam:PutRolePermissionsBoundary', `arn:aws:iam::${A}:role/app/x`, {
    guard: 'boundary',
    context: { 'iam:PermissionsBoundary': `arn:aws:iam::${A}:policy/Weaker` }
  })
)
await expect('base-guard-boundary: but may create a role elsewhere with this boundary', 'allow', () =>
  asRole('Developer', 'iam:CreateRole', `arn:aws:iam::${A}:role/app/x`, {
    guard: 'boundary',
    context: { 'iam:PermissionsBoundary': BOUNDARY_ARN }
  })
)
await expect('base-guard-boundary: nor create one under <BASE_ROLE_PATH>, even with this boundary', 'explicit-deny', () =>
  asRole('Developer', 'iam:CreateRole', `arn:aws:iam::${A}:role/${VALUES.BASE_ROLE_PATH}new-project`, {
    guard: 'boundary',
    context: { 'iam:PermissionsBoundary': BOUNDARY_ARN }
  })
)
await expect('base-guard-boundary: nor edit the boundary policy', 'explicit-deny', () =>
  asRole('Developer', 'iam:CreatePolicyVersion', BOUNDARY_ARN, { guard: 'boundary' })
)

// The sync's role (sync-permissions.json, the CronJob's IRSA role): confined to the Base path, to
// roles with the Base boundary, and never the Target role or itself; under either guard. The Base
// roles it makes are bounded by base-boundary.json: at most chaining into the Target.
const BASE_BOUNDARY_ARN = `arn:aws:iam::${A}:policy/${VALUES.BASE_BOUNDARY_NAME}`
const SYNC_ARN = `arn:aws:iam::${A}:role/${VALUES.SYNC_ROLE_NAME}`
const WITH_BOUNDARY = { 'iam:PermissionsBoundary': BASE_BOUNDARY_ARN }
function asSync(action, resource, { context = {}, guard = 'scp' } = {}) {
  const s = {
    identityPolicies: [{ name: 'sync-permissions', policy: template('sync-permissions.json') }],
    request: {
      principal: `arn:aws:sts::${A}:assumed-role/${VALUES.SYNC_ROLE_NAME}/cronjob`,
      action,
      resource: { resource, accountId: A },
      contextVariables: { 'aws:PrincipalArn': SYNC_ARN, ...context }
    }
  }
  if (guard === 'scp') {
    s.serviceControlPolicies = [{ orgIdentifier: 'r-root', policies: [FULL_ACCESS, { name: 'guard', policy: template('base-guard-scp.json') }] }]
  }
  return simulate(s)
}
const NEW_BASE = `arn:aws:iam::${A}:role/${VALUES.BASE_ROLE_PATH}new-project`
for (const guard of ['scp', 'none']) {
  const G = `sync-permissions (${guard === 'scp' ? 'under base-guard-scp' : 'no SCP'})`
  await expect(`${G}: creates a Base role with the Base boundary and the user tag`, 'allow', () =>
    asSync('iam:CreateRole', NEW_BASE, { guard, context: { ...WITH_BOUNDARY, 'aws:TagKeys': ['user'], 'aws:RequestTag/user': 'alice' } })
  )
  await expect(`${G}: but not without the boundary`, 'deny', () =>
    asSync('iam:CreateRole', NEW_BASE, { guard, context: { 'aws:TagKeys': ['user'] } })
  )
  await expect(`${G}: nor with another boundary`, 'deny', () =>
    asSync('iam:CreateRole', NEW_BASE, { guard, context: { 'iam:PermissionsBoundary': `arn:aws:iam::${A}:policy/Weaker` } })
  )
  await expect(`${G}: nor with a tag other than user`, 'deny', () =>
    asSync('iam:CreateRole', NEW_BASE, { guard, context: { ...WITH_BOUNDARY, 'aws:TagKeys': ['user', 'admin'] } })
  )
  for (const elsewhere of ['app/x', 'x', 'oc-role-assume-evil/x']) {
    await expect(`${G}: nor create role/${elsewhere}, outside the Base path`, 'deny', () =>
      asSync('iam:CreateRole', `arn:aws:iam::${A}:role/${elsewhere}`, { guard, context: WITH_BOUNDARY })
    )
  }
  await expect(`${G}: puts the inline policy of a bounded Base role`, 'allow', () =>
    asSync('iam:PutRolePolicy', BASE_ROLE_ARN, { guard, context: WITH_BOUNDARY })
  )
  await expect(`${G}: but not of a Base role without the boundary`, 'deny', () =>
    asSync('iam:PutRolePolicy', BASE_ROLE_ARN, { guard })
  )
  for (const action of ['iam:UpdateAssumeRolePolicy', 'iam:DeleteRole', 'iam:GetRole', 'iam:GetRolePolicy'])
    await expect(`${G}: ${action} on a Base role`, 'allow', () => asSync(action, BASE_ROLE_ARN, { guard }))
  await expect(`${G}: tags a Base role's owner`, 'allow', () =>
    asSync('iam:TagRole', BASE_ROLE_ARN, { guard, context: { 'aws:TagKeys': ['user'] } })
  )
  await expect(`${G}: but no other tag`, 'deny', () =>
    asSync('iam:TagRole', BASE_ROLE_ARN, { guard, context: { 'aws:TagKeys': ['admin'] } })
  )
  await expect(`${G}: lists roles`, 'allow', () => asSync('iam:ListRoles', '*', { guard }))
  for (const action of ['iam:AttachRolePolicy', 'iam:DeleteRolePermissionsBoundary', 'iam:PassRole', 'iam:UntagRole'])
    await expect(`${G}: never ${action} on a Base role`, 'deny', () => asSync(action, BASE_ROLE_ARN, { guard, context: WITH_BOUNDARY }))
  for (const action of ['iam:UpdateAssumeRolePolicy', 'iam:PutRolePolicy', 'iam:TagRole', 'iam:DeleteRole']) {
    await expect(`${G}: never ${action} on the Target role`, 'explicit-deny', () =>
      asSync(action, TARGET_ARN, { guard, context: { ...WITH_BOUNDARY, 'aws:TagKeys': ['user'] } })
    )
    await expect(`${G}: never ${action} on itself`, 'explicit-deny', () =>
      asSync(action, SYNC_ARN, { guard, context: { ...WITH_BOUNDARY, 'aws:TagKeys': ['user'] } })
    )
  }
  await expect(`${G}: never edits the Base boundary policy`, 'explicit-deny', () =>
    asSync('iam:CreatePolicyVersion', BASE_BOUNDARY_ARN, { guard })
  )
  await expect(`${G}: never the cluster's OIDC provider`, 'deny', () =>
    asSync('iam:UpdateOpenIDConnectProviderThumbprint', PROVIDER_ARN, { guard })
  )
}
await expect('base-guard-scp: the sync role is exempt on the Base path only, not on the Target role', 'explicit-deny', () =>
  asRole(VALUES.SYNC_ROLE_NAME, 'iam:UpdateAssumeRolePolicy', TARGET_ARN, { guard: 'scp' })
)
await expect('base-guard-scp: an admin-like policy on another role still cannot change a Base role', 'explicit-deny', () =>
  asRole('oc-role-assume-sync2', 'iam:TagRole', BASE_ROLE_ARN, { guard: 'scp' })
)
// base-boundary.json: whatever inline policy a Base role is given, it can at most chain into the Target.
function asBoundedBase(action, resource) {
  return simulate({
    identityPolicies: ADMIN_POLICY,
    permissionBoundaryPolicies: [{ name: VALUES.BASE_BOUNDARY_NAME, policy: template('base-boundary.json') }],
    request: {
      principal: alicesBase().principal,
      action,
      resource: { resource, accountId: A },
      contextVariables: alicesBase().context
    }
  })
}
await expect('base-boundary: a Base role given AdministratorAccess still assumes the Target', 'allow', () =>
  asBoundedBase('sts:AssumeRole', TARGET_ARN)
)
await expect('base-boundary: but reads no bucket', 'deny', () => asBoundedBase('s3:GetObject', `${B}/users/alice/x`))
await expect('base-boundary: nor assumes another role', 'deny', () =>
  asBoundedBase('sts:AssumeRole', `arn:aws:iam::${A}:role/Admin`)
)
await expect('base-boundary: nor changes IAM', 'deny', () => asBoundedBase('iam:CreateUser', `arn:aws:iam::${A}:user/x`))

// Every template was judged.
await check('every packaging/iam template is evaluated by a case', () => {
  const missing = readdirSync(templateDir).filter((f) => f.endsWith('.json') && !used.has(f))
  return missing.length === 0 || `no case reads ${missing.join(', ')}`
})

if (passed === 0) failed = Math.max(failed, 1)
console.log(`${passed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
