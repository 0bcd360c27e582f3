// Builds the front-end assets into static/vendor/ (not committed): the portal stylesheet compiled from
// GOV.UK Frontend's Sass, the design system's JavaScript module and its images.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const govuk = join(root, "node_modules", "govuk-frontend", "dist", "govuk");
const vendor = join(root, "static", "vendor");

rmSync(vendor, { recursive: true, force: true });
mkdirSync(join(vendor, "govuk"), { recursive: true });

const { css } = sass.compile(join(root, "static", "src", "portal.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
});
writeFileSync(join(vendor, "portal.css"), css);
cpSync(join(govuk, "govuk-frontend.min.js"), join(vendor, "govuk", "govuk-frontend.min.js"));
cpSync(join(govuk, "assets", "images"), join(vendor, "govuk", "assets", "images"), { recursive: true });
console.log(`built ${vendor}`);
