
use builtin;
use str;

set edit:completion:arg-completer[oc-role-assume] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'oc-role-assume'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'oc-role-assume'= {
            cand --target-role-arn 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag'
            cand --base-role-arn 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]'
            cand --base-role-arn-template 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting'
            cand --web-identity-token-file 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)'
            cand --region 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]'
            cand --duration 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)'
            cand --tag-key 'Key of the session tag that carries the user name'
            cand --tag 'Extra session tag on the Target role session (repeatable)'
            cand --transitive-tag-key 'Make a session tag transitive, so it survives further role chaining (repeatable)'
            cand --session-name 'RoleSessionName to use instead of the one derived from the user name'
            cand --fallback-user 'User name to use when no other identity source yields one'
            cand --podinfo-file 'Downward-API annotations file to read the user from first'
            cand --serviceaccount-dir 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API'
            cand --api-timeout 'Upper bound in seconds on reading this pod from the Kubernetes API'
            cand --cache-dir 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]'
            cand --min-remaining 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)'
            cand --timeout 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)'
            cand --source-identity 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity'
            cand --allow-unverified-identity 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
            cand --no-cache 'Neither read nor write the credential cache'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand whoami 'Show who the helper thinks you are, where that came from, and whether the platform set it'
            cand exec 'Run a command with the user''s credentials'
            cand configure 'Put `credential_process = <this binary> <flags given here>` into a profile of the AWS config'
            cand doctor 'Check every step of the setup and say which one is wrong and how to fix it'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand cache 'Manage this user''s credential cache'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oc-role-assume;whoami'= {
            cand --target-role-arn 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag'
            cand --base-role-arn 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]'
            cand --base-role-arn-template 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting'
            cand --web-identity-token-file 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)'
            cand --region 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]'
            cand --duration 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)'
            cand --tag-key 'Key of the session tag that carries the user name'
            cand --tag 'Extra session tag on the Target role session (repeatable)'
            cand --transitive-tag-key 'Make a session tag transitive, so it survives further role chaining (repeatable)'
            cand --session-name 'RoleSessionName to use instead of the one derived from the user name'
            cand --fallback-user 'User name to use when no other identity source yields one'
            cand --podinfo-file 'Downward-API annotations file to read the user from first'
            cand --serviceaccount-dir 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API'
            cand --api-timeout 'Upper bound in seconds on reading this pod from the Kubernetes API'
            cand --cache-dir 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]'
            cand --min-remaining 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)'
            cand --timeout 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)'
            cand --json 'Print a JSON object: user, source, platform_set, namespace, pod (and arn with --verify)'
            cand --verify 'Also fetch credentials and show the Target session''s ARN from GetCallerIdentity'
            cand --source-identity 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity'
            cand --allow-unverified-identity 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
            cand --no-cache 'Neither read nor write the credential cache'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oc-role-assume;exec'= {
            cand --target-role-arn 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag'
            cand --base-role-arn 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]'
            cand --base-role-arn-template 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting'
            cand --web-identity-token-file 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)'
            cand --region 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]'
            cand --duration 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)'
            cand --tag-key 'Key of the session tag that carries the user name'
            cand --tag 'Extra session tag on the Target role session (repeatable)'
            cand --transitive-tag-key 'Make a session tag transitive, so it survives further role chaining (repeatable)'
            cand --session-name 'RoleSessionName to use instead of the one derived from the user name'
            cand --fallback-user 'User name to use when no other identity source yields one'
            cand --podinfo-file 'Downward-API annotations file to read the user from first'
            cand --serviceaccount-dir 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API'
            cand --api-timeout 'Upper bound in seconds on reading this pod from the Kubernetes API'
            cand --cache-dir 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]'
            cand --min-remaining 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)'
            cand --timeout 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)'
            cand --server 'Serve the credentials from a loopback endpoint instead (AWS_CONTAINER_CREDENTIALS_FULL_URI) and refresh them for as long as the command runs: for notebooks and long jobs'
            cand --source-identity 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity'
            cand --allow-unverified-identity 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
            cand --no-cache 'Neither read nor write the credential cache'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oc-role-assume;configure'= {
            cand --profile 'Profile to write'
            cand --config-file 'AWS config file to edit [default: $AWS_CONFIG_FILE, else ~/.aws/config]'
            cand --target-role-arn 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag'
            cand --base-role-arn 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]'
            cand --base-role-arn-template 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting'
            cand --web-identity-token-file 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)'
            cand --region 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]'
            cand --duration 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)'
            cand --tag-key 'Key of the session tag that carries the user name'
            cand --tag 'Extra session tag on the Target role session (repeatable)'
            cand --transitive-tag-key 'Make a session tag transitive, so it survives further role chaining (repeatable)'
            cand --session-name 'RoleSessionName to use instead of the one derived from the user name'
            cand --fallback-user 'User name to use when no other identity source yields one'
            cand --podinfo-file 'Downward-API annotations file to read the user from first'
            cand --serviceaccount-dir 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API'
            cand --api-timeout 'Upper bound in seconds on reading this pod from the Kubernetes API'
            cand --cache-dir 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]'
            cand --min-remaining 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)'
            cand --timeout 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)'
            cand --print 'Print the resulting file instead of writing it'
            cand --force 'Replace a profile that holds static keys or another credential_process'
            cand --source-identity 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity'
            cand --allow-unverified-identity 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
            cand --no-cache 'Neither read nor write the credential cache'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oc-role-assume;doctor'= {
            cand --target-role-arn 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag'
            cand --base-role-arn 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]'
            cand --base-role-arn-template 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting'
            cand --web-identity-token-file 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)'
            cand --region 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]'
            cand --duration 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)'
            cand --tag-key 'Key of the session tag that carries the user name'
            cand --tag 'Extra session tag on the Target role session (repeatable)'
            cand --transitive-tag-key 'Make a session tag transitive, so it survives further role chaining (repeatable)'
            cand --session-name 'RoleSessionName to use instead of the one derived from the user name'
            cand --fallback-user 'User name to use when no other identity source yields one'
            cand --podinfo-file 'Downward-API annotations file to read the user from first'
            cand --serviceaccount-dir 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API'
            cand --api-timeout 'Upper bound in seconds on reading this pod from the Kubernetes API'
            cand --cache-dir 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]'
            cand --min-remaining 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)'
            cand --timeout 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)'
            cand --json 'Print the steps as a JSON array'
            cand --source-identity 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity'
            cand --allow-unverified-identity 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
            cand --no-cache 'Neither read nor write the credential cache'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'oc-role-assume;completions'= {
            cand --target-role-arn 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag'
            cand --base-role-arn 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]'
            cand --base-role-arn-template 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting'
            cand --web-identity-token-file 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)'
            cand --region 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]'
            cand --duration 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)'
            cand --tag-key 'Key of the session tag that carries the user name'
            cand --tag 'Extra session tag on the Target role session (repeatable)'
            cand --transitive-tag-key 'Make a session tag transitive, so it survives further role chaining (repeatable)'
            cand --session-name 'RoleSessionName to use instead of the one derived from the user name'
            cand --fallback-user 'User name to use when no other identity source yields one'
            cand --podinfo-file 'Downward-API annotations file to read the user from first'
            cand --serviceaccount-dir 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API'
            cand --api-timeout 'Upper bound in seconds on reading this pod from the Kubernetes API'
            cand --cache-dir 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]'
            cand --min-remaining 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)'
            cand --timeout 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)'
            cand --source-identity 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity'
            cand --allow-unverified-identity 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
            cand --no-cache 'Neither read nor write the credential cache'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'oc-role-assume;man'= {
            cand --target-role-arn 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag'
            cand --base-role-arn 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]'
            cand --base-role-arn-template 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting'
            cand --web-identity-token-file 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)'
            cand --region 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]'
            cand --duration 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)'
            cand --tag-key 'Key of the session tag that carries the user name'
            cand --tag 'Extra session tag on the Target role session (repeatable)'
            cand --transitive-tag-key 'Make a session tag transitive, so it survives further role chaining (repeatable)'
            cand --session-name 'RoleSessionName to use instead of the one derived from the user name'
            cand --fallback-user 'User name to use when no other identity source yields one'
            cand --podinfo-file 'Downward-API annotations file to read the user from first'
            cand --serviceaccount-dir 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API'
            cand --api-timeout 'Upper bound in seconds on reading this pod from the Kubernetes API'
            cand --cache-dir 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]'
            cand --min-remaining 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)'
            cand --timeout 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)'
            cand --source-identity 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity'
            cand --allow-unverified-identity 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
            cand --no-cache 'Neither read nor write the credential cache'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'oc-role-assume;cache'= {
            cand --target-role-arn 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag'
            cand --base-role-arn 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]'
            cand --base-role-arn-template 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting'
            cand --web-identity-token-file 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)'
            cand --region 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]'
            cand --duration 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)'
            cand --tag-key 'Key of the session tag that carries the user name'
            cand --tag 'Extra session tag on the Target role session (repeatable)'
            cand --transitive-tag-key 'Make a session tag transitive, so it survives further role chaining (repeatable)'
            cand --session-name 'RoleSessionName to use instead of the one derived from the user name'
            cand --fallback-user 'User name to use when no other identity source yields one'
            cand --podinfo-file 'Downward-API annotations file to read the user from first'
            cand --serviceaccount-dir 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API'
            cand --api-timeout 'Upper bound in seconds on reading this pod from the Kubernetes API'
            cand --cache-dir 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]'
            cand --min-remaining 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)'
            cand --timeout 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)'
            cand --source-identity 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity'
            cand --allow-unverified-identity 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
            cand --no-cache 'Neither read nor write the credential cache'
            cand -h 'Print help'
            cand --help 'Print help'
            cand path 'Print the cache dir'
            cand clear 'Remove this user''s cached credentials'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oc-role-assume;cache;path'= {
            cand --target-role-arn 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag'
            cand --base-role-arn 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]'
            cand --base-role-arn-template 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting'
            cand --web-identity-token-file 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)'
            cand --region 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]'
            cand --duration 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)'
            cand --tag-key 'Key of the session tag that carries the user name'
            cand --tag 'Extra session tag on the Target role session (repeatable)'
            cand --transitive-tag-key 'Make a session tag transitive, so it survives further role chaining (repeatable)'
            cand --session-name 'RoleSessionName to use instead of the one derived from the user name'
            cand --fallback-user 'User name to use when no other identity source yields one'
            cand --podinfo-file 'Downward-API annotations file to read the user from first'
            cand --serviceaccount-dir 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API'
            cand --api-timeout 'Upper bound in seconds on reading this pod from the Kubernetes API'
            cand --cache-dir 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]'
            cand --min-remaining 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)'
            cand --timeout 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)'
            cand --source-identity 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity'
            cand --allow-unverified-identity 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
            cand --no-cache 'Neither read nor write the credential cache'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'oc-role-assume;cache;clear'= {
            cand --target-role-arn 'ARN of the Target role: the one with the resource permissions, assumed with the user''s session tag'
            cand --base-role-arn 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]'
            cand --base-role-arn-template 'Base role ARN with `{namespace}` filled from this pod''s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting'
            cand --web-identity-token-file 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod''s own service account is requested from the Kubernetes API (TokenRequest)'
            cand --region 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]'
            cand --duration 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)'
            cand --tag-key 'Key of the session tag that carries the user name'
            cand --tag 'Extra session tag on the Target role session (repeatable)'
            cand --transitive-tag-key 'Make a session tag transitive, so it survives further role chaining (repeatable)'
            cand --session-name 'RoleSessionName to use instead of the one derived from the user name'
            cand --fallback-user 'User name to use when no other identity source yields one'
            cand --podinfo-file 'Downward-API annotations file to read the user from first'
            cand --serviceaccount-dir 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API'
            cand --api-timeout 'Upper bound in seconds on reading this pod from the Kubernetes API'
            cand --cache-dir 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]'
            cand --min-remaining 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)'
            cand --timeout 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)'
            cand --source-identity 'Also set SourceIdentity to the user''s session name; the Target role''s trust policy must allow sts:SetSourceIdentity'
            cand --allow-unverified-identity 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
            cand --no-cache 'Neither read nor write the credential cache'
            cand -h 'Print help'
            cand --help 'Print help'
        }
        &'oc-role-assume;cache;help'= {
            cand path 'Print the cache dir'
            cand clear 'Remove this user''s cached credentials'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oc-role-assume;cache;help;path'= {
        }
        &'oc-role-assume;cache;help;clear'= {
        }
        &'oc-role-assume;cache;help;help'= {
        }
        &'oc-role-assume;help'= {
            cand whoami 'Show who the helper thinks you are, where that came from, and whether the platform set it'
            cand exec 'Run a command with the user''s credentials'
            cand configure 'Put `credential_process = <this binary> <flags given here>` into a profile of the AWS config'
            cand doctor 'Check every step of the setup and say which one is wrong and how to fix it'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand cache 'Manage this user''s credential cache'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'oc-role-assume;help;whoami'= {
        }
        &'oc-role-assume;help;exec'= {
        }
        &'oc-role-assume;help;configure'= {
        }
        &'oc-role-assume;help;doctor'= {
        }
        &'oc-role-assume;help;completions'= {
        }
        &'oc-role-assume;help;man'= {
        }
        &'oc-role-assume;help;cache'= {
            cand path 'Print the cache dir'
            cand clear 'Remove this user''s cached credentials'
        }
        &'oc-role-assume;help;cache;path'= {
        }
        &'oc-role-assume;help;cache;clear'= {
        }
        &'oc-role-assume;help;help'= {
        }
    ]
    $completions[$command]
}
