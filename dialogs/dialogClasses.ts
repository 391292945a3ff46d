// botbuilder-dialogs' index loads every prompt and the recognizers-text suites, about half a second of CPU at every
// start, and the bot uses none of them. The classes it does use come from their own modules (the same module objects
// the index re-exports, so instanceof holds); types may still be imported from the index, as they are erased.
export { Dialog, DialogTurnStatus } from "botbuilder-dialogs/lib/dialog";
export { ComponentDialog } from "botbuilder-dialogs/lib/componentDialog";
export { DialogSet } from "botbuilder-dialogs/lib/dialogSet";
export { WaterfallDialog } from "botbuilder-dialogs/lib/waterfallDialog";
export { WaterfallStepContext } from "botbuilder-dialogs/lib/waterfallStepContext";
