# /etc/profile.d/oc-role-assume.sh: shells the workbench did not start get what its own processes get.
#
# In the IRSA-webhook setup the image's entrypoint runs the workbench under `oc-role-assume exec
# --server`, which takes the webhook's AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE out of every
# process the workbench starts (botocore, the AWS CLI and the Java SDK would use them before the AWS
# config's credential_process: the untagged Base role). A session started with `oc exec` or `oc rsh`
# is not one of those processes: it starts from the pod's environment, the webhook's variables
# included. This file, read by login shells (/etc/profile) and by interactive POSIX shells (the
# image sets ENV to it; `oc rsh` runs an interactive /bin/sh), does what `exec` does: it keeps the
# two settings under the helper's own names and unsets the webhook's, so every SDK in the session
# runs the helper through ~/.aws/config and gets the tagged Target session, from the same per-user
# cache as the workbench. A command run by `oc exec` without a shell reads no profile:
# `oc-role-assume doctor` there says so and names this file.
#
# It does nothing in a process that already has an exec --server endpoint, when the webhook's
# variables are not both set, or when the image runs with OC_ROLE_ASSUME_ENTRYPOINT_SERVER=never.
if [ -n "${AWS_ROLE_ARN:-}" ] && [ -n "${AWS_WEB_IDENTITY_TOKEN_FILE:-}" ] &&
  [ -z "${AWS_CONTAINER_CREDENTIALS_FULL_URI:-}" ] &&
  [ "${OC_ROLE_ASSUME_ENTRYPOINT_SERVER:-auto}" != never ]; then
  OC_ROLE_ASSUME_BASE_ROLE_ARN=${OC_ROLE_ASSUME_BASE_ROLE_ARN:-$AWS_ROLE_ARN}
  OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE=${OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE:-$AWS_WEB_IDENTITY_TOKEN_FILE}
  export OC_ROLE_ASSUME_BASE_ROLE_ARN OC_ROLE_ASSUME_WEB_IDENTITY_TOKEN_FILE
  unset AWS_ROLE_ARN AWS_WEB_IDENTITY_TOKEN_FILE AWS_ROLE_SESSION_NAME
fi
