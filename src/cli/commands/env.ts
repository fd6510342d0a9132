/** `hcp env [NAME]`: prints the HELM_* variables as Helm 4 does (sorted, quoted). */
import type { CAC } from "cac";
import { envVars } from "../../settings/index.ts";
import { type CliOptions, createContext } from "../context.ts";
import type { Io } from "../io.ts";

/** Registers `hcp env`. */
export function register(cli: CAC, io: Io): void {
  cli
    .command("[name]", "helm client environment information")
    .action((name: string | undefined, options: CliOptions) => {
      const { settings } = createContext(io, options);
      const vars = envVars(settings);
      if (name !== undefined) {
        io.stdout(`${vars[name] ?? ""}\n`);
        return 0;
      }
      for (const key of Object.keys(vars).sort())
        io.stdout(`${key}=${JSON.stringify(vars[key])}\n`);
      return 0;
    });
}
