// Fill a packaging/iam/ template with concrete values, validating every value first: a value that
// would change what a policy matches (an IAM path without its trailing "/", a namespace that is not a
// DNS-1123 label, an account id that is not 12 digits, …) is refused, never filled in.
//
// The rules are the ones packaging/README.md states for each placeholder. tests/integration/packaging.rs
// holds the same rules for the README's own examples.

const SEGMENT = '[A-Za-z0-9+=,.@_-]+'

/** placeholder -> [pattern, what it must be] */
export const RULES = {
  ACCOUNT_ID: [/^[0-9]{12}$/, 'an AWS account id: 12 digits'],
  // `aws iam create-role --path /<BASE_ROLE_PATH>`: the path without its leading "/", with its trailing
  // "/". Without that "/", `role/<BASE_ROLE_PATH>*` also matches `role/<BASE_ROLE_PATH>-evil/…`.
  BASE_ROLE_PATH: [
    new RegExp(`^(${SEGMENT}/)+$`),
    'an IAM path without its leading "/" and ending in "/" (e.g. oc-role-assume/)'
  ],
  BASE_ROLE_NAME: [new RegExp(`^(${SEGMENT}/)*[A-Za-z0-9+=,.@_-]{1,64}$`), 'an IAM role name'],
  TARGET_ROLE_NAME: [/^[A-Za-z0-9+=,.@_-]{1,64}$/, 'an IAM role name without a path'],
  // The SCP exempts this role; a trailing "*" is allowed for SSO roles whose names end in a suffix.
  IAM_ADMIN_ROLE: [
    new RegExp(`^(${SEGMENT}/)*[A-Za-z0-9+=,.@_-]{1,64}\\*?$`),
    'an IAM role name, with its path, optionally ending in "*"'
  ],
  GUARD_BOUNDARY_NAME: [/^[A-Za-z0-9+=,.@_-]{1,128}$/, 'an IAM policy name'],
  BASE_BOUNDARY_NAME: [/^[A-Za-z0-9+=,.@_-]{1,128}$/, 'an IAM policy name'],
  // The sync's own role: the SCP exempts it on the Base path, its policy denies it itself.
  SYNC_ROLE_NAME: [/^[A-Za-z0-9+=,.@_-]{1,64}$/, 'an IAM role name without a path'],
  NAMESPACE: [/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/, 'a Kubernetes namespace: a DNS-1123 label'],
  OIDC_PROVIDER: [
    /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?(\/[A-Za-z0-9._~-]+)*$/,
    'the issuer without https:// and without a trailing "/"'
  ],
  BUCKET: [/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'an S3 bucket name']
}

/** The same check the fill makes, for one value. Throws on a bad value. */
export function checkValue(name, value) {
  const rule = RULES[name]
  if (!rule) throw new Error(`<${name}>: no rule for this placeholder`)
  if (typeof value !== 'string' || !rule[0].test(value)) {
    throw new Error(`<${name}> = ${JSON.stringify(value)} is not ${rule[1]}`)
  }
}

/**
 * Every `<NAME>` in `text` replaced by `values[NAME]`, each value checked first; the result must parse
 * as JSON and hold no placeholder. `checked: false` is only for showing what a bad fill would do.
 */
export function fill(text, values, { checked = true } = {}) {
  const names = new Set([...text.matchAll(/<([A-Z_]+)>/g)].map((m) => m[1]))
  for (const name of names) {
    if (!(name in values)) throw new Error(`<${name}> has no value`)
    if (checked) checkValue(name, values[name])
  }
  const filled = text.replace(/<([A-Z_]+)>/g, (_, name) => values[name])
  return JSON.parse(filled)
}
