import type { BenefitRequestAdminCardData, BenefitRequestPickCardData, BenefitRequestReasonCardData } from "./benefitRequest";
import type { BulkAssignCardData } from "./bulkAssign";
import type { CancelDoneCardData, CancelPickCardData, CancelReviewCardData } from "./cancel";
import type { CloudServicesCardData, CloudSubscriptionCardData } from "./cloud";
import type { ExportLinkCardData } from "./export";
import type { HandoffCardData } from "./handoff";
import type { HelpCardData, WelcomeCardData } from "./help";
import type { HistoryCardData } from "./history";
import type { LeftHolderConfirmCardData, LeftHolderReassignCardData } from "./leftHolder";
import type { PackageRecordedCardData } from "./importRecorded";
import type { ImportPreviewCardData } from "./packageImport";
import type { MarketingContactCardData, MarketingContactConfirmCardData, MarketingContactDetailsCardData, MarketingContactDoneCardData, MarketingContactPickUserCardData } from "./marketingContact";
import type { MyBenefitsCardData, MyBenefitsRemindersCardData } from "./myBenefits";
import type { NoticeCardData } from "./notice";
import type { NotificationCardData } from "./notifications";
import type { OffersCardData, OffersContactNeededCardData, OffersDoneCardData, OffersMarkActiveCardData } from "./offers";
import type { OverviewCardData, OverviewCategoryCardData } from "./overview";
import type { RolesCardData } from "./roles";
import type { SoftwareDownloadsCardData, SoftwareKeysCardData, SoftwareProductCardData, SoftwareProductsCardData } from "./software";
import type { TechnicalAssistanceCardData, TechnicalBenefitsCardData, TechnicalConfirmCardData, TechnicalDoneCardData, TechnicalEmailCardData, TechnicalUserCardData } from "./technical";
import type { VisualStudioConfirmCardData, VisualStudioDoneCardData, VisualStudioPeopleCardData, VisualStudioPickCardData } from "./visualStudio";

/**
 * Each template in cards/templates/ by its file name, with the data its builder must pass: renderCard accepts only
 * that data for that name. test/cards/templates.test.ts keeps these keys and the folder's files the same set.
 */
export interface CardTemplates {
  benefitRequestAdmin: BenefitRequestAdminCardData;
  benefitRequestPick: BenefitRequestPickCardData;
  benefitRequestReason: BenefitRequestReasonCardData;
  bulkAssign: BulkAssignCardData;
  cancelDone: CancelDoneCardData;
  cancelPick: CancelPickCardData;
  cancelReview: CancelReviewCardData;
  cloudServices: CloudServicesCardData;
  cloudSubscription: CloudSubscriptionCardData;
  exportLink: ExportLinkCardData;
  handoff: HandoffCardData;
  help: HelpCardData;
  history: HistoryCardData;
  leftHolderConfirm: LeftHolderConfirmCardData;
  leftHolderReassign: LeftHolderReassignCardData;
  marketingContact: MarketingContactCardData;
  marketingContactConfirm: MarketingContactConfirmCardData;
  marketingContactDetails: MarketingContactDetailsCardData;
  marketingContactDone: MarketingContactDoneCardData;
  marketingContactPickUser: MarketingContactPickUserCardData;
  myBenefits: MyBenefitsCardData;
  myBenefitsReminders: MyBenefitsRemindersCardData;
  notice: NoticeCardData;
  notification: NotificationCardData;
  offers: OffersCardData;
  offersContactNeeded: OffersContactNeededCardData;
  offersDone: OffersDoneCardData;
  offersMarkActive: OffersMarkActiveCardData;
  overview: OverviewCardData;
  overviewCategory: OverviewCategoryCardData;
  packageRecorded: PackageRecordedCardData;
  importPreview: ImportPreviewCardData;
  roles: RolesCardData;
  softwareDownloads: SoftwareDownloadsCardData;
  softwareKeys: SoftwareKeysCardData;
  softwareProduct: SoftwareProductCardData;
  softwareProducts: SoftwareProductsCardData;
  technicalAssistance: TechnicalAssistanceCardData;
  technicalBenefits: TechnicalBenefitsCardData;
  technicalConfirm: TechnicalConfirmCardData;
  technicalDone: TechnicalDoneCardData;
  technicalEmail: TechnicalEmailCardData;
  technicalUser: TechnicalUserCardData;
  visualStudioConfirm: VisualStudioConfirmCardData;
  visualStudioDone: VisualStudioDoneCardData;
  visualStudioPeople: VisualStudioPeopleCardData;
  visualStudioPick: VisualStudioPickCardData;
  welcome: WelcomeCardData;
}

export type CardTemplateName = keyof CardTemplates;

/** The names at run time; the mapped type makes a name missing here, or one that is not a key, fail to compile. */
const NAMES: { readonly [N in CardTemplateName]: true } = {
  benefitRequestAdmin: true,
  benefitRequestPick: true,
  benefitRequestReason: true,
  bulkAssign: true,
  cancelDone: true,
  cancelPick: true,
  cancelReview: true,
  cloudServices: true,
  cloudSubscription: true,
  exportLink: true,
  handoff: true,
  help: true,
  history: true,
  leftHolderConfirm: true,
  leftHolderReassign: true,
  marketingContact: true,
  marketingContactConfirm: true,
  marketingContactDetails: true,
  marketingContactDone: true,
  marketingContactPickUser: true,
  myBenefits: true,
  myBenefitsReminders: true,
  notice: true,
  notification: true,
  offers: true,
  offersContactNeeded: true,
  offersDone: true,
  offersMarkActive: true,
  overview: true,
  overviewCategory: true,
  packageRecorded: true,
  importPreview: true,
  roles: true,
  softwareDownloads: true,
  softwareKeys: true,
  softwareProduct: true,
  softwareProducts: true,
  technicalAssistance: true,
  technicalBenefits: true,
  technicalConfirm: true,
  technicalDone: true,
  technicalEmail: true,
  technicalUser: true,
  visualStudioConfirm: true,
  visualStudioDone: true,
  visualStudioPeople: true,
  visualStudioPick: true,
  welcome: true,
};

export const CARD_TEMPLATE_NAMES: readonly string[] = Object.keys(NAMES);
