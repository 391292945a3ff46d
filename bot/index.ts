// The bot from its separate modules (the tests run this file through tsx; `node dist/bot/index.js` after a build).
// Production starts bot/start.ts, which runs the same bot from its bundle.
import { runBot } from "./main";

runBot();
