// Card templates and string catalogs are read at run time from beside the compiled code: copy them into dist/.
import { cpSync } from "node:fs";

for (const dir of ["cards/templates", "cards/strings"]) {
  cpSync(dir, `dist/${dir}`, { recursive: true });
}
