import {
  createRootRoute,
  createRoute,
  createRouter,
  Navigate,
  Outlet,
} from '@tanstack/react-router';
import { z } from 'zod';
import { ASSESSMENT_STATUSES } from '@contracts/assessments.js';
import { ALERT_SEVERITIES, ALERT_STATUSES, DETECTORS } from '@contracts/detection.js';
import { FINDING_STATUSES, SEVERITY_RATINGS } from '@contracts/exposure.js';
import { REPORT_STATES } from '@contracts/disclosure.js';
import { INCIDENT_STATUSES, INCIDENT_TYPES } from '@contracts/incidents.js';
import { RISK_TIERS, VENDOR_STATUSES } from '@contracts/vendors.js';
import { NotFound } from './components/NotFound.js';
import { RoleGate } from './components/RoleGate.js';
import { SignedInArea } from './components/SignedInArea.js';
import { useSignedInSession } from './hooks/useSession.js';
import { AuditLogPage } from './pages/audit/AuditLogPage.js';
import { ForcedMfaEnrolmentPage } from './pages/auth/ForcedMfaEnrolmentPage.js';
import { MfaVerifyPage } from './pages/auth/MfaVerifyPage.js';
import { SignInPage } from './pages/auth/SignInPage.js';
import { DeadLettersPage } from './pages/dead-letters/DeadLettersPage.js';
import { ContainmentEndpointsPage } from './pages/containment-endpoints/ContainmentEndpointsPage.js';
import { AlertPage } from './pages/detection/AlertPage.js';
import { AlertsPage } from './pages/detection/AlertsPage.js';
import { DetectionPage } from './pages/detection/DetectionPage.js';
import { DetectionSettingsPage } from './pages/detection/DetectionSettingsPage.js';
import { ExposurePage } from './pages/exposure/ExposurePage.js';
import { FindingPage } from './pages/exposure/FindingPage.js';
import { IncidentPage } from './pages/incidents/IncidentPage.js';
import { IncidentsPage } from './pages/incidents/IncidentsPage.js';
import { AcceptInvitationPage } from './pages/invitation/AcceptInvitationPage.js';
import { ProfilePage } from './pages/profile/ProfilePage.js';
import { SecurityTxtPage } from './pages/security-txt/SecurityTxtPage.js';
import { TrustCenterPage } from './pages/trust-admin/TrustCenterPage.js';
import { SetupPage } from './pages/setup/SetupPage.js';
import { TokensPage } from './pages/tokens/TokensPage.js';
import { UsersPage } from './pages/users/UsersPage.js';
import { BlastRadiusPage } from './pages/blast-radius/BlastRadiusPage.js';
import { CustomersPage } from './pages/customers/CustomersPage.js';
import { DataCategoriesPage } from './pages/data-categories/DataCategoriesPage.js';
import { DataMapPage } from './pages/data-map/DataMapPage.js';
import { VendorPage } from './pages/vendors/VendorPage.js';
import { VendorsPage } from './pages/vendors/VendorsPage.js';
import { AssessmentPage } from './pages/assessments/AssessmentPage.js';
import { AssessmentsPage } from './pages/assessments/AssessmentsPage.js';
import { PortalPage } from './pages/portal/PortalPage.js';
import { QuestionnaireEditorPage } from './pages/questionnaires/QuestionnaireEditorPage.js';
import { QuestionnairesPage } from './pages/questionnaires/QuestionnairesPage.js';
import { AdvisoriesPage } from './pages/disclosure/AdvisoriesPage.js';
import { AdvisoryPage } from './pages/disclosure/AdvisoryPage.js';
import { ProgramPage } from './pages/disclosure/ProgramPage.js';
import { ReportFormPage } from './pages/disclosure/ReportFormPage.js';
import { ReportPage } from './pages/disclosure/ReportPage.js';
import { ReportsPage } from './pages/disclosure/ReportsPage.js';
import { ResearcherThreadPage } from './pages/disclosure/ResearcherThreadPage.js';
import { SlaDashboardPage } from './pages/disclosure/SlaDashboardPage.js';

const redirectSearch = z.object({ redirect: z.string().optional().catch(undefined) });

const rootRoute = createRootRoute({ component: Outlet, notFoundComponent: NotFound });

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  component: SetupPage,
});
const inviteRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invite',
  component: AcceptInvitationPage,
});
// The vendor portal: public, no session; the capability token is in the URL fragment.
const portalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/portal',
  component: PortalPage,
});
// Vulnerability reports from researchers: public, no session. The thread's capability token
// is in the URL fragment (`/report/thread#token=…`), like the portal's.
const reportFormRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/report',
  component: ReportFormPage,
});
const reportThreadRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/report/thread',
  component: ResearcherThreadPage,
});
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: redirectSearch,
  component: SignInPage,
});
const mfaVerifyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in/mfa',
  validateSearch: redirectSearch,
  component: MfaVerifyPage,
});
const mfaEnrolRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/mfa/enrol',
  component: ForcedMfaEnrolmentPage,
});

const signedInRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'signed-in',
  component: SignedInArea,
});

/** Everyone starts at the vendor inventory: every role may read it. */
function StartPage() {
  useSignedInSession();
  return <Navigate to="/vendors" replace />;
}

const startRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/',
  component: StartPage,
});
const profileRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/profile',
  component: ProfilePage,
});
const tokensRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/tokens',
  component: TokensPage,
});

// The list's filters live in the URL, so a filtered list survives opening a vendor and coming
// back, and can be shared as a link. Unknown values are dropped rather than refused.
const vendorsSearch = z.object({
  status: z.enum(VENDOR_STATUSES).optional().catch(undefined),
  tier: z.enum(RISK_TIERS).optional().catch(undefined),
  category: z.string().max(40).optional().catch(undefined),
  tag: z.string().max(50).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});
const vendorsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/vendors',
  validateSearch: vendorsSearch,
  component: VendorsPage,
});
const vendorTabs = [
  'overview',
  'integrations',
  'contracts',
  'subprocessors',
  'sharing',
  'assessments',
  'software',
  'activity',
] as const;
export type VendorTab = (typeof vendorTabs)[number];
const vendorRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/vendors/$vendorId',
  validateSearch: z.object({ tab: z.enum(vendorTabs).optional().catch(undefined) }),
  component: VendorPage,
});
const customersRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/customers',
  component: CustomersPage,
});
const dataMapRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/data-map',
  component: DataMapPage,
});
const blastRadiusSearch = z.object({
  vendorId: z.string().optional().catch(undefined),
  integrationId: z.string().optional().catch(undefined),
  subprocessorId: z.string().optional().catch(undefined),
  from: z.string().optional().catch(undefined),
  to: z.string().optional().catch(undefined),
});
const blastRadiusRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/blast-radius',
  validateSearch: blastRadiusSearch,
  component: BlastRadiusPage,
});
const assessmentsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/assessments',
  validateSearch: z.object({
    status: z.enum(ASSESSMENT_STATUSES).optional().catch(undefined),
    page: z.coerce.number().int().min(1).optional().catch(undefined),
  }),
  component: AssessmentsPage,
});
const assessmentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/assessments/$assessmentId',
  component: AssessmentPage,
});
// The findings filters live in the URL too; `status` defaults to open on the page itself.
const exposureSearch = z.object({
  status: z
    .enum([...FINDING_STATUSES, 'any'])
    .optional()
    .catch(undefined),
  severity: z.enum(SEVERITY_RATINGS).optional().catch(undefined),
  knownExploited: z.enum(['yes', 'no']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});
export type ExposureSearch = z.infer<typeof exposureSearch>;
const exposureRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/exposure',
  validateSearch: exposureSearch,
  component: ExposurePage,
});
// Alert emails link here (`${publicUrl}/exposure/findings/<id>`): keep the path as it is.
const findingRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/exposure/findings/$findingId',
  component: FindingPage,
});
const detectionRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/detection',
  validateSearch: z.object({ stream: z.enum(['web', 'sshd']).optional().catch(undefined) }),
  component: DetectionPage,
});
// The alert list's filters live in the URL, like the other lists.
const detectionAlertsSearch = z.object({
  status: z.enum(ALERT_STATUSES).optional().catch(undefined),
  detector: z.enum(DETECTORS).optional().catch(undefined),
  severity: z.enum(ALERT_SEVERITIES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});
export type DetectionAlertsSearch = z.infer<typeof detectionAlertsSearch>;
const detectionAlertsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/detection/alerts',
  validateSearch: detectionAlertsSearch,
  component: AlertsPage,
});
// Alert notifications link here: keep the path as it is.
const detectionAlertRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/detection/alerts/$alertId',
  component: AlertPage,
});
const detectionSettingsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/detection/settings',
  component: DetectionSettingsPage,
});
// The incident list's filters live in the URL, like the other lists.
const incidentsSearch = z.object({
  status: z.enum(INCIDENT_STATUSES).optional().catch(undefined),
  type: z.enum(INCIDENT_TYPES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});
export type IncidentsSearch = z.infer<typeof incidentsSearch>;
const incidentsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/incidents',
  validateSearch: incidentsSearch,
  component: IncidentsPage,
});
const incidentTabs = [
  'timeline',
  'communications',
  'tasks',
  'evidence',
  'actions',
  'scope',
  'obligations',
  'review',
] as const;
export type IncidentTab = (typeof incidentTabs)[number];
const incidentRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/incidents/$incidentId',
  // `notice` is the obligation whose notice editor is open, so the editor has an address.
  validateSearch: z.object({
    tab: z.enum(incidentTabs).optional().catch(undefined),
    notice: z.string().max(100).optional().catch(undefined),
  }),
  component: IncidentPage,
});
const questionnairesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/questionnaires',
  component: QuestionnairesPage,
});
const questionnaireRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/questionnaires/$templateId',
  component: QuestionnaireEditorPage,
});
const dataCategoriesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/data-categories',
  component: DataCategoriesPage,
});

// Report emails and escalations link to `/disclosure/reports/<id>`: keep the path as it is.
const disclosureReportsRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/disclosure/reports',
  validateSearch: z.object({ status: z.enum(REPORT_STATES).optional().catch(undefined) }),
  component: ReportsPage,
});
const disclosureReportRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/disclosure/reports/$reportId',
  component: ReportPage,
});
const disclosureAdvisoriesRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/disclosure/advisories',
  component: AdvisoriesPage,
});
const disclosureAdvisoryRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/disclosure/advisories/$advisoryId',
  component: AdvisoryPage,
});
const disclosureSlaRoute = createRoute({
  getParentRoute: () => signedInRoute,
  path: '/disclosure/sla',
  component: SlaDashboardPage,
});

const analystRoute = createRoute({
  getParentRoute: () => signedInRoute,
  id: 'analyst',
  component: () => <RoleGate minimum="analyst" />,
});
const auditRoute = createRoute({
  getParentRoute: () => analystRoute,
  path: '/audit',
  component: AuditLogPage,
});
// Analysts edit what the public trust center shows; its settings form saves for admins only.
const trustCenterRoute = createRoute({
  getParentRoute: () => analystRoute,
  path: '/admin/trust-center',
  component: TrustCenterPage,
});

const adminRoute = createRoute({
  getParentRoute: () => signedInRoute,
  id: 'admin',
  component: () => <RoleGate minimum="admin" />,
});
const usersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/admin/users',
  component: UsersPage,
});
const deadLettersRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/admin/dead-letters',
  component: DeadLettersPage,
});
const containmentEndpointsRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/admin/containment-endpoints',
  component: ContainmentEndpointsPage,
});
const securityTxtRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/admin/security-txt',
  component: SecurityTxtPage,
});

const disclosureProgramRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/admin/disclosure-program',
  component: ProgramPage,
});

const routeTree = rootRoute.addChildren([
  setupRoute,
  inviteRoute,
  portalRoute,
  reportFormRoute,
  reportThreadRoute,
  signInRoute,
  mfaVerifyRoute,
  mfaEnrolRoute,
  signedInRoute.addChildren([
    startRoute,
    profileRoute,
    tokensRoute,
    vendorsRoute,
    vendorRoute,
    customersRoute,
    dataMapRoute,
    blastRadiusRoute,
    dataCategoriesRoute,
    assessmentsRoute,
    assessmentRoute,
    exposureRoute,
    findingRoute,
    detectionRoute,
    detectionAlertsRoute,
    detectionAlertRoute,
    detectionSettingsRoute,
    incidentsRoute,
    incidentRoute,
    questionnairesRoute,
    questionnaireRoute,
    disclosureReportsRoute,
    disclosureReportRoute,
    disclosureAdvisoriesRoute,
    disclosureAdvisoryRoute,
    disclosureSlaRoute,
    analystRoute.addChildren([auditRoute, trustCenterRoute]),
    adminRoute.addChildren([
      usersRoute,
      deadLettersRoute,
      containmentEndpointsRoute,
      securityTxtRoute,
      disclosureProgramRoute,
    ]),
  ]),
]);

export const router = createRouter({ routeTree, defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
