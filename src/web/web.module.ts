import { Module } from '@nestjs/common';
import { HtmlErrorPages } from '../common/error.filter';
import { AlertsModule } from '../alerts/alerts.module';
import { ComplianceModule } from '../compliance/compliance.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { DashboardController } from './dashboard.controller';
import { FindingsController } from './findings.controller';
import { OrgData } from './org-data';
import { DocumentJobsService } from './jobs/document-jobs.service';
import { RegisterController } from './register.controller';
import { SubcontractorsController } from './subcontractors.controller';
import { CrudPages } from './crud-pages';
import { BreachesController } from './breaches.controller';
import { DocumentsPagesController } from './documents.controller';
import { ActivityController } from './activity.controller';
import { SettingsController } from './settings.controller';
import { AdminController } from './admin.controller';
import { DocumentsModule } from '../documents/documents.module';
import { VersionsModule } from '../versions/versions.module';
import { AuditModule } from '../audit/audit.module';
import { BundlesModule } from '../bundles/bundles.module';
import { AccountController } from './account.controller';
import { AssetsController } from './assets.controller';
import { WebAuthController } from './auth.controller';
import { WebErrorPages } from './error-pages';
import { HomeController } from './home.controller';
import { RecordForms } from './record-forms';
import { WebRenderer } from './render.service';
import { SpreadsheetsModule } from '../spreadsheets/spreadsheets.module';
import { WebGuard } from './web.guard';

/**
 * The DPO's workspace: server-rendered pages at `/` in the same process as the API, calling the same
 * services (records, compliance, deadlines, documents, versions, alerts, audit, users and keys).
 */
@Module({
  imports: [
    ComplianceModule,
    DeadlinesModule,
    AlertsModule,
    DocumentsModule,
    VersionsModule,
    AuditModule,
    BundlesModule,
    SpreadsheetsModule,
  ],
  controllers: [
    AssetsController,
    WebAuthController,
    AccountController,
    HomeController,
    DashboardController,
    RegisterController,
    FindingsController,
    SubcontractorsController,
    BreachesController,
    DocumentsPagesController,
    ActivityController,
    SettingsController,
    AdminController,
  ],
  providers: [
    WebRenderer,
    WebGuard,
    RecordForms,
    OrgData,
    DocumentJobsService,
    CrudPages,
    WebErrorPages,
    { provide: HtmlErrorPages, useExisting: WebErrorPages },
  ],
  exports: [HtmlErrorPages],
})
export class WebModule {}
