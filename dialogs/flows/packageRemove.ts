import { removeImportedPackage } from "../../benefits";
import { PACKAGE_REMOVE_VERB } from "../../cards/importRecorded";
import { escapeMarkdown } from "../../cards/markdown";
import { t } from "../../cards/strings";
import type { AnswerFlow } from "../flow";
import { turnOf } from "../turn";

export const PACKAGE_REMOVE_FLOW = "packageRemove";

/** The Remove button of "‹person› recorded ‹package›": only from that card (it names the package), never typed. */
export const packageRemoveFlow: AnswerFlow = {
  id: PACKAGE_REMOVE_FLOW,
  intents: [],
  startVerbs: [PACKAGE_REMOVE_VERB],
  capability: "changePackages",
  onHelpCard: false,
  answerVerbs: [],
  answer: ({ domain, respond }) => async (context, start) => {
    const { actor, locale } = turnOf(context);
    const packageId = start.benefitId;
    if (packageId === undefined) {
      await respond.text(context, t(locale, "import.remove.fromCard"));
      return;
    }
    const outcome = await respond.attempt(context, () => removeImportedPackage(domain, actor, { packageId, expectedVersion: start.version }));
    if (!outcome.ok) return;
    const removal = outcome.value;
    const key = removal.packageRemoved ? "import.remove.done" : "import.remove.partly";
    await respond.text(context, t(locale, key, { package: escapeMarkdown(removal.packageName), removed: removal.removedBenefitIds.length, kept: removal.keptBenefitIds.length }));
  },
};
