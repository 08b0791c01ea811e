import { validateSecurityTxt } from './disclosure.securitytxt.validate.js';
import {
  createSecurityTxtService,
  type SecurityTxtDeps,
} from './disclosure.securitytxt.service.js';

/** Vulnerability disclosure; so far the shop's security.txt and the validator. */
export function createDisclosureModule(deps: SecurityTxtDeps) {
  return {
    securityTxt: createSecurityTxtService(deps),
    validate: (text: string) => validateSecurityTxt(text, { now: deps.clock.now() }),
  };
}

export type DisclosureModule = ReturnType<typeof createDisclosureModule>;
