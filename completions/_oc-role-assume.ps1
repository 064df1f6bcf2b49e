
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'oc-role-assume' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'oc-role-assume'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'oc-role-assume' {
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show who the helper thinks you are, where that came from, and whether the platform set it')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with the user''s credentials')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Put `credential_process = <this binary> <flags given here>` into a profile of the AWS config')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check every step of the setup and say which one is wrong and how to fix it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Manage this user''s credential cache')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Renew the cache entry for these settings if it is due (started detached by a call that found it inside --refresh-ahead)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oc-role-assume;whoami' {
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print a JSON object: user, source, platform_set, namespace, pod (and arn with --verify)')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Also fetch credentials and show the Target session''s ARN from GetCallerIdentity')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oc-role-assume;exec' {
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--server', '--server', [CompletionResultType]::ParameterName, 'Serve the credentials from a loopback endpoint instead (AWS_CONTAINER_CREDENTIALS_FULL_URI) and refresh them for as long as the command runs: for notebooks and long jobs')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oc-role-assume;configure' {
            [CompletionResult]::new('--profile', '--profile', [CompletionResultType]::ParameterName, 'Profile to write')
            [CompletionResult]::new('--config-file', '--config-file', [CompletionResultType]::ParameterName, 'AWS config file to edit [default: $AWS_CONFIG_FILE, else ~/.aws/config]')
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--print', '--print', [CompletionResultType]::ParameterName, 'Print the resulting file instead of writing it')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace a profile that holds static keys or another credential_process')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oc-role-assume;doctor' {
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print the steps as a JSON array')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oc-role-assume;completions' {
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oc-role-assume;man' {
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oc-role-assume;cache' {
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the cache dir')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove this user''s cached credentials')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oc-role-assume;cache;path' {
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oc-role-assume;cache;clear' {
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oc-role-assume;cache;help' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the cache dir')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove this user''s cached credentials')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oc-role-assume;cache;help;path' {
            break
        }
        'oc-role-assume;cache;help;clear' {
            break
        }
        'oc-role-assume;cache;help;help' {
            break
        }
        'oc-role-assume;renew' {
            [CompletionResult]::new('--target-role-arn', '--target-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag')
            [CompletionResult]::new('--base-role-arn', '--base-role-arn', [CompletionResultType]::ParameterName, 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]')
            [CompletionResult]::new('--base-role-arn-template', '--base-role-arn-template', [CompletionResultType]::ParameterName, 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting')
            [CompletionResult]::new('--web-identity-token-file', '--web-identity-token-file', [CompletionResultType]::ParameterName, 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]')
            [CompletionResult]::new('--duration', '--duration', [CompletionResultType]::ParameterName, 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)')
            [CompletionResult]::new('--tag-key', '--tag-key', [CompletionResultType]::ParameterName, 'Key of the session tag that carries the user name')
            [CompletionResult]::new('--tag-form', '--tag-form', [CompletionResultType]::ParameterName, 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard''s Kubernetes-safe form, which STS always accepts)')
            [CompletionResult]::new('--tag', '--tag', [CompletionResultType]::ParameterName, 'Extra session tag on the Target role session (repeatable)')
            [CompletionResult]::new('--transitive-tag-key', '--transitive-tag-key', [CompletionResultType]::ParameterName, 'Make a session tag transitive, so it survives further role chaining (repeatable)')
            [CompletionResult]::new('--session-name', '--session-name', [CompletionResultType]::ParameterName, 'RoleSessionName to use instead of the one derived from the user name')
            [CompletionResult]::new('--fallback-user', '--fallback-user', [CompletionResultType]::ParameterName, 'User name to use when no other identity source yields one')
            [CompletionResult]::new('--podinfo-file', '--podinfo-file', [CompletionResultType]::ParameterName, 'Downward-API annotations file to read the user from first')
            [CompletionResult]::new('--serviceaccount-dir', '--serviceaccount-dir', [CompletionResultType]::ParameterName, 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API')
            [CompletionResult]::new('--api-timeout', '--api-timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on reading this pod from the Kubernetes API')
            [CompletionResult]::new('--cache-dir', '--cache-dir', [CompletionResultType]::ParameterName, 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]')
            [CompletionResult]::new('--min-remaining', '--min-remaining', [CompletionResultType]::ParameterName, 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request). Must be less than --duration. [default: 1200, or half of --duration when that is less]')
            [CompletionResult]::new('--refresh-ahead', '--refresh-ahead', [CompletionResultType]::ParameterName, 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off. [default: a quarter of the servable life, at most 300 s, before it stops being served: 1500 for --duration 3600 and --min-remaining 1200]')
            [CompletionResult]::new('--timeout', '--timeout', [CompletionResultType]::ParameterName, 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)')
            [CompletionResult]::new('--source-identity', '--source-identity', [CompletionResultType]::ParameterName, 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity')
            [CompletionResult]::new('--allow-unverified-identity', '--allow-unverified-identity', [CompletionResultType]::ParameterName, 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping')
            [CompletionResult]::new('--project-identity', '--project-identity', [CompletionResultType]::ParameterName, 'For the project''s pods that are not workbenches (Ray, training jobs, pipeline steps): when this pod carries no workbench identity, act as the project''s requester (the namespace''s openshift.io/requester annotation, set by OpenShift''s project request). Needs get on this namespace (packaging/kubernetes/project-identity.yaml)')
            [CompletionResult]::new('--no-cache', '--no-cache', [CompletionResultType]::ParameterName, 'Neither read nor write the credential cache')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'oc-role-assume;help' {
            [CompletionResult]::new('whoami', 'whoami', [CompletionResultType]::ParameterValue, 'Show who the helper thinks you are, where that came from, and whether the platform set it')
            [CompletionResult]::new('exec', 'exec', [CompletionResultType]::ParameterValue, 'Run a command with the user''s credentials')
            [CompletionResult]::new('configure', 'configure', [CompletionResultType]::ParameterValue, 'Put `credential_process = <this binary> <flags given here>` into a profile of the AWS config')
            [CompletionResult]::new('doctor', 'doctor', [CompletionResultType]::ParameterValue, 'Check every step of the setup and say which one is wrong and how to fix it')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('cache', 'cache', [CompletionResultType]::ParameterValue, 'Manage this user''s credential cache')
            [CompletionResult]::new('renew', 'renew', [CompletionResultType]::ParameterValue, 'Renew the cache entry for these settings if it is due (started detached by a call that found it inside --refresh-ahead)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'oc-role-assume;help;whoami' {
            break
        }
        'oc-role-assume;help;exec' {
            break
        }
        'oc-role-assume;help;configure' {
            break
        }
        'oc-role-assume;help;doctor' {
            break
        }
        'oc-role-assume;help;completions' {
            break
        }
        'oc-role-assume;help;man' {
            break
        }
        'oc-role-assume;help;cache' {
            [CompletionResult]::new('path', 'path', [CompletionResultType]::ParameterValue, 'Print the cache dir')
            [CompletionResult]::new('clear', 'clear', [CompletionResultType]::ParameterValue, 'Remove this user''s cached credentials')
            break
        }
        'oc-role-assume;help;cache;path' {
            break
        }
        'oc-role-assume;help;cache;clear' {
            break
        }
        'oc-role-assume;help;renew' {
            break
        }
        'oc-role-assume;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
