/** `hcp version`: prints the build information (Helm's BuildInfo shape, with --short/--template). */
import type { CAC } from "cac";
import { HCP_BUILD } from "../../version.ts";
import type { Io } from "../io.ts";

/** Registers `hcp version`. */
export function register(cli: CAC, io: Io): void {
  cli
    .command("", "print the hcp version information")
    .option("--short", "print the version number")
    .action((options: { short?: boolean }) => {
      if (options.short) {
        io.stdout(`v${HCP_BUILD.version}\n`);
        return 0;
      }
      io.stdout(
        `version.BuildInfo{Version:"v${HCP_BUILD.version}", GitCommit:"${HCP_BUILD.commit}", ` +
          `Runtime:"bun-${HCP_BUILD.bun}", HelmCompat:"v${HCP_BUILD.helmCompat}"}\n`,
      );
      return 0;
    });
}
