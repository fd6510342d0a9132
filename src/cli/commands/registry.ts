/** `hcp registry login|logout HOST`: store or remove registry credentials (as Helm 4). */
import type { CAC } from "cac";
import { HcpError } from "../../errors.ts";
import { type CliOptions, createContext, stringOption } from "../context.ts";
import type { Io } from "../io.ts";

/** Registers `hcp registry login` and `hcp registry logout`. */
export function register(cli: CAC, io: Io): void {
  cli
    .command("login <host>", "login to a registry")
    .option("-u, --username <string>", "registry username")
    .option("-p, --password <string>", "registry password or identity token")
    .option("--password-stdin", "read password or identity token from stdin")
    .option("--insecure", "allow connections to TLS registry without certs")
    .option("--plain-http", "use insecure HTTP connections for the registry")
    .option("--cert-file <string>", "identify registry client using this SSL certificate file")
    .option("--key-file <string>", "identify registry client using this SSL key file")
    .option(
      "--ca-file <string>",
      "verify certificates of HTTPS-enabled servers using this CA bundle",
    )
    .action(async (host: string, options: CliOptions) => {
      const { settings, log } = createContext(io, options);
      const username = stringOption(options.username) ?? "";
      let password = stringOption(options.password) ?? "";
      if (options.passwordStdin) {
        if (password !== "") {
          throw new HcpError(
            "CLI_BAD_FLAGS",
            "--password and --password-stdin are mutually exclusive",
          );
        }
        password = new TextDecoder().decode(await io.readStdin()).replace(/\r?\n$/, "");
      } else if (password !== "") {
        log.warn("using --password via the CLI is insecure. Use --password-stdin");
      }
      const { registryLogin } = await import("../../action/registry-login.ts");
      const caFile = stringOption(options.caFile);
      const certFile = stringOption(options.certFile);
      const keyFile = stringOption(options.keyFile);
      await registryLogin({
        host,
        username,
        password,
        registryConfig: settings.registryConfig,
        plainHttp: Boolean(options.plainHttp),
        insecureSkipTlsVerify: Boolean(options.insecure),
        ...(caFile === undefined ? {} : { caFile }),
        ...(certFile === undefined ? {} : { certFile }),
        ...(keyFile === undefined ? {} : { keyFile }),
        log,
      });
      io.stderr("Login Succeeded\n");
      return 0;
    });
  cli
    .command("logout <host>", "logout from a registry")
    .action(async (host: string, options: CliOptions) => {
      const { settings } = createContext(io, options);
      const { registryLogout } = await import("../../action/registry-login.ts");
      io.stderr(`Removing login credentials for ${host}\n`);
      await registryLogout({ host, registryConfig: settings.registryConfig });
      return 0;
    });
}
