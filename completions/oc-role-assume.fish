# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_oc_role_assume_global_optspecs
    string join \n target-role-arn= base-role-arn= base-role-arn-template= web-identity-token-file= region= duration= tag-key= tag-form= tag= transitive-tag-key= source-identity session-name= fallback-user= podinfo-file= serviceaccount-dir= allow-unverified-identity api-timeout= cache-dir= no-cache min-remaining= refresh-ahead= timeout= h/help V/version
end

function __fish_oc_role_assume_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_oc_role_assume_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_oc_role_assume_using_subcommand
    set -l cmd (__fish_oc_role_assume_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -s V -l version -d 'Print version'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -f -a "whoami" -d 'Show who the helper thinks you are, where that came from, and whether the platform set it'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -f -a "exec" -d 'Run a command with the user\'s credentials'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -f -a "configure" -d 'Put `credential_process = <this binary> <flags given here>` into a profile of the AWS config'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -f -a "doctor" -d 'Check every step of the setup and say which one is wrong and how to fix it'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -f -a "cache" -d 'Manage this user\'s credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -f -a "renew" -d 'Renew the cache entry for these settings if it is due (started detached by a call that found it inside --refresh-ahead)'
complete -c oc-role-assume -n "__fish_oc_role_assume_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l json -d 'Print a JSON object: user, source, platform_set, namespace, pod (and arn with --verify)'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l verify -d 'Also fetch credentials and show the Target session\'s ARN from GetCallerIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand whoami" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l server -d 'Serve the credentials from a loopback endpoint instead (AWS_CONTAINER_CREDENTIALS_FULL_URI) and refresh them for as long as the command runs: for notebooks and long jobs'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand exec" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l profile -d 'Profile to write' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l config-file -d 'AWS config file to edit [default: $AWS_CONFIG_FILE, else ~/.aws/config]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l print -d 'Print the resulting file instead of writing it'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l force -d 'Replace a profile that holds static keys or another credential_process'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand configure" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l json -d 'Print the steps as a JSON array'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand doctor" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -f -a "path" -d 'Print the cache dir'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -f -a "clear" -d 'Remove this user\'s cached credentials'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and not __fish_seen_subcommand_from path clear help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from path" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from clear" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "path" -d 'Print the cache dir'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "clear" -d 'Remove this user\'s cached credentials'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand cache; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l target-role-arn -d 'ARN of the Target role: the one with the resource permissions, assumed with the user\'s session tag' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l base-role-arn -d 'ARN of the Base role assumed with the web-identity token [env: OC_ROLE_ASSUME_BASE_ROLE_ARN, else AWS_ROLE_ARN]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l base-role-arn-template -d 'Base role ARN with `{namespace}` filled from this pod\'s service-account token, used when no --base-role-arn is set: one Base role per project, no per-workbench setting' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l web-identity-token-file -d 'Projected service-account token file for AssumeRoleWithWebIdentity [env: OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE, else AWS_WEB_IDENTITY_TOKEN_FILE]. Without one, a token for this pod\'s own service account is requested from the Kubernetes API (TokenRequest)' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l region -d 'AWS region for STS [env: AWS_REGION, else AWS_DEFAULT_REGION; default: us-east-1]' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l duration -d 'Lifetime of the Target-role session in seconds, 900 to 3600 (role chaining caps it at one hour)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l tag-key -d 'Key of the session tag that carries the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l tag-form -d 'How the user name is carried in the session tag: `raw` (the name; names STS cannot carry are refused) or `translated` (the dashboard\'s Kubernetes-safe form, which STS always accepts)' -r -f -a "raw\t'The name as resolved; names STS cannot carry are refused'
translated\t'The dashboard\'s Kubernetes-safe form (`opendatahub.io/user`), which STS always accepts'"
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l tag -d 'Extra session tag on the Target role session (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l transitive-tag-key -d 'Make a session tag transitive, so it survives further role chaining (repeatable)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l session-name -d 'RoleSessionName to use instead of the one derived from the user name' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l fallback-user -d 'User name to use when no other identity source yields one' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l podinfo-file -d 'Downward-API annotations file to read the user from first' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l serviceaccount-dir -d 'Service-account dir with token, ca.crt and namespace, for reading this pod from the Kubernetes API' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l api-timeout -d 'Upper bound in seconds on reading this pod from the Kubernetes API' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l cache-dir -d 'Dir for cached credentials [default: $XDG_CACHE_HOME/oc-role-assume]' -r -F
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l min-remaining -d 'Serve cached credentials only while more than this many seconds remain (botocore asks again from 15 minutes before expiry, so less would make it call the helper on every request)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l refresh-ahead -d 'Renew a cached entry in the background once it has less than this many seconds left (while it is still served): no SDK call waits for STS after the first. At most --min-remaining: off' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l timeout -d 'Upper bound in seconds on fetching new credentials (identity lookup and both STS calls)' -r
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l source-identity -d 'Also set SourceIdentity to the user\'s session name; the Target role\'s trust policy must allow sts:SetSourceIdentity'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l allow-unverified-identity -d 'When the pod cannot be read from the Kubernetes API, go on to RHOAI_USER, JUPYTERHUB_USER and --fallback-user (which the user controls) instead of stopping'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -l no-cache -d 'Neither read nor write the credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand renew" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and not __fish_seen_subcommand_from whoami exec configure doctor completions man cache renew help" -f -a "whoami" -d 'Show who the helper thinks you are, where that came from, and whether the platform set it'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and not __fish_seen_subcommand_from whoami exec configure doctor completions man cache renew help" -f -a "exec" -d 'Run a command with the user\'s credentials'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and not __fish_seen_subcommand_from whoami exec configure doctor completions man cache renew help" -f -a "configure" -d 'Put `credential_process = <this binary> <flags given here>` into a profile of the AWS config'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and not __fish_seen_subcommand_from whoami exec configure doctor completions man cache renew help" -f -a "doctor" -d 'Check every step of the setup and say which one is wrong and how to fix it'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and not __fish_seen_subcommand_from whoami exec configure doctor completions man cache renew help" -f -a "completions" -d 'Print a shell completion script'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and not __fish_seen_subcommand_from whoami exec configure doctor completions man cache renew help" -f -a "man" -d 'Print the man page (roff)'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and not __fish_seen_subcommand_from whoami exec configure doctor completions man cache renew help" -f -a "cache" -d 'Manage this user\'s credential cache'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and not __fish_seen_subcommand_from whoami exec configure doctor completions man cache renew help" -f -a "renew" -d 'Renew the cache entry for these settings if it is due (started detached by a call that found it inside --refresh-ahead)'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and not __fish_seen_subcommand_from whoami exec configure doctor completions man cache renew help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "path" -d 'Print the cache dir'
complete -c oc-role-assume -n "__fish_oc_role_assume_using_subcommand help; and __fish_seen_subcommand_from cache" -f -a "clear" -d 'Remove this user\'s cached credentials'
