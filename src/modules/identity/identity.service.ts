import { createAuthService } from './identity.auth.service.js';
import { createIdentityParts, type IdentityDeps } from './identity.deps.js';
import { createInvitationService } from './identity.invitations.service.js';
import { createMfaService } from './identity.mfa.service.js';
import { createSetupService } from './identity.setup.service.js';
import { createTokenService } from './identity.tokens.service.js';
import { createUserService } from './identity.users.service.js';

/** The identity module's one entry point; other modules see only this. */
export function createIdentityService(deps: IdentityDeps) {
  const parts = createIdentityParts(deps);
  const auth = createAuthService(parts);
  return {
    auth,
    setup: createSetupService(parts),
    users: createUserService(parts),
    invitations: createInvitationService(parts),
    mfa: createMfaService(parts, auth),
    tokens: createTokenService(parts),
  };
}

export type IdentityService = ReturnType<typeof createIdentityService>;
