import {
  IconAdjustmentsHorizontal,
  IconAffiliate,
  IconBug,
  IconBuildingStore,
  IconCategory,
  IconClipboardCheck,
  IconListCheck,
  IconPlugConnected,
  IconRadar,
  IconShieldExclamation,
  IconShieldLock,
  IconShieldCheck,
  IconTargetArrow,
  IconUrgent,
  IconUsersGroup,
  IconFileText,
  IconInbox,
  IconKey,
  IconUser,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { Role } from '../api/users.js';

export interface NavItem {
  to:
    | '/vendors'
    | '/assessments'
    | '/exposure'
    | '/detection'
    | '/incidents'
    | '/disclosure/reports'
    | '/questionnaires'
    | '/data-map'
    | '/blast-radius'
    | '/customers'
    | '/data-categories'
    | '/profile'
    | '/tokens'
    | '/audit'
    | '/admin/users'
    | '/admin/dead-letters'
    | '/admin/containment-endpoints'
    | '/admin/security-txt'
    | '/admin/disclosure-program'
    | '/admin/trust-center';
  label: string;
  icon: Icon;
  minimumRole: Role;
}

/** Every area of the app, with the least role that may open it. */
export const navItems: NavItem[] = [
  { to: '/vendors', label: 'Vendors', icon: IconBuildingStore, minimumRole: 'viewer' },
  { to: '/assessments', label: 'Assessments', icon: IconClipboardCheck, minimumRole: 'viewer' },
  { to: '/exposure', label: 'Exposure', icon: IconShieldExclamation, minimumRole: 'viewer' },
  { to: '/detection', label: 'Detection', icon: IconRadar, minimumRole: 'viewer' },
  { to: '/incidents', label: 'Incidents', icon: IconUrgent, minimumRole: 'viewer' },
  {
    to: '/disclosure/reports',
    label: 'Vulnerability reports',
    icon: IconBug,
    minimumRole: 'viewer',
  },
  { to: '/questionnaires', label: 'Questionnaires', icon: IconListCheck, minimumRole: 'viewer' },
  { to: '/data-map', label: 'Data map', icon: IconAffiliate, minimumRole: 'viewer' },
  { to: '/blast-radius', label: 'Blast radius', icon: IconTargetArrow, minimumRole: 'viewer' },
  { to: '/customers', label: 'Customers', icon: IconUsersGroup, minimumRole: 'viewer' },
  { to: '/data-categories', label: 'Data categories', icon: IconCategory, minimumRole: 'viewer' },
  { to: '/audit', label: 'Audit log', icon: IconFileText, minimumRole: 'analyst' },
  { to: '/admin/users', label: 'Users', icon: IconUsers, minimumRole: 'admin' },
  { to: '/admin/dead-letters', label: 'Dead letters', icon: IconInbox, minimumRole: 'admin' },
  {
    to: '/admin/containment-endpoints',
    label: 'Containment endpoints',
    icon: IconPlugConnected,
    minimumRole: 'admin',
  },
  // Written as the file is named (RFC 9116), lower case, so people recognise it.
  { to: '/admin/security-txt', label: 'security.txt', icon: IconShieldLock, minimumRole: 'admin' },
  {
    to: '/admin/disclosure-program',
    label: 'Disclosure programme',
    icon: IconAdjustmentsHorizontal,
    minimumRole: 'admin',
  },
  {
    to: '/admin/trust-center',
    label: 'Trust center',
    icon: IconShieldCheck,
    minimumRole: 'analyst',
  },
  { to: '/tokens', label: 'API tokens', icon: IconKey, minimumRole: 'viewer' },
  { to: '/profile', label: 'Profile', icon: IconUser, minimumRole: 'viewer' },
];
