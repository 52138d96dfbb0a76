/** Per-provider first steps: revoke the key where it lives, then see what it was used for. */
const PROVIDER_STEPS: Record<string, { revoke: string; audit: string }> = {
  tencent: {
    revoke: 'Disable, then delete the SecretId in the CAM console (访问管理 > API密钥管理) and issue a new key pair to the owner.',
    audit: 'Review CloudAudit (操作审计) events for the SecretId since the leak commit date.',
  },
  alibaba: { revoke: 'Disable, then delete the AccessKey in the RAM console and create a replacement for the RAM user.', audit: 'Query ActionTrail (操作审计) for calls made with the AccessKey ID.' },
  huawei: { revoke: 'Delete the access key under My Credentials > Access Keys (IAM) and create a new one.', audit: 'Review Cloud Trace Service (CTS) traces for the AK.' },
  aws: {
    revoke: 'Deactivate the access key in IAM (aws iam update-access-key --status Inactive), then delete it and rotate dependants.',
    audit: 'Search CloudTrail for the access key ID (userIdentity.accessKeyId) since the leak.',
  },
  google: {
    revoke: 'Delete the service-account key or API key in the Cloud console (IAM > Service accounts > Keys / APIs > Credentials) and restrict replacements.',
    audit: 'Check Cloud Audit Logs for the principal and the key ID.',
  },
  azure: {
    revoke: 'Rotate the storage account key / SAS policy / PAT (Regenerate key) and update connection strings.',
    audit: 'Review Azure Monitor activity and storage analytics logs for the account.',
  },
  github: {
    revoke: 'Revoke the token (Settings > Developer settings > Tokens, or the org credential list) and reissue with least privilege.',
    audit: 'Review the org audit log and security log for the token.',
  },
  gitlab: { revoke: 'Revoke the token in User/Group/Project settings > Access tokens (or reset the runner token).', audit: 'Review the GitLab audit events for the token.' },
  slack: { revoke: 'Revoke the token or regenerate the webhook in the Slack app settings.', audit: 'Review the workspace access logs and app activity.' },
  stripe: { revoke: 'Roll the key in the Stripe dashboard (Developers > API keys).', audit: 'Review the request log for the key in the Stripe dashboard.' },
  npm: { revoke: 'Revoke the token with `npm token revoke` or on npmjs.com.', audit: 'Check recently published versions of every package the token can publish.' },
  pypi: { revoke: 'Delete the API token in the PyPI account settings.', audit: 'Check release history of the projects in the token scope.' },
  'private-key': {
    revoke: 'Treat the key pair as compromised: remove its public key from authorized_keys / certificates and issue a new pair.',
    audit: 'Review SSH and TLS logs for sessions using the key.',
  },
  jwt: { revoke: 'Rotate the signing secret (invalidating issued tokens) or revoke the token.', audit: 'Review sessions authenticated with tokens from this issuer.' },
  database: { revoke: 'Change the database user password and restrict where it can connect from.', audit: 'Review database connection and query logs for the account.' },
};

const GENERIC = { revoke: 'Change the credential at the service it belongs to.', audit: 'Review that service’s access logs since the leak.' };

/** Ordered remediation steps for a leak of this provider's key. */
export function remediationFor(provider: string, inGitHistory: boolean): string[] {
  const p = PROVIDER_STEPS[provider] ?? GENERIC;
  return [
    p.revoke,
    p.audit,
    ...(inGitHistory
      ? ['Purge the secret from history with `git filter-repo --replace-text` (then force-push and ask every clone to re-clone); revoking first is what makes the key harmless.']
      : ['Remove the secret from the file and load it from a secret store or environment instead.']),
    'Add pre-commit scanning (`socdeck leaks scan --git` or a gitleaks/noseyparker hook) so the next key is caught before it is pushed.',
  ];
}
