package org.btcmp.launcher;

import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;
import org.osgi.framework.Bundle;

/**
 * {@code bitcoin-wallet} without -ipcconnect/-ipcfd: Core's offline wallet tool, run from the wallet
 * bundle of a framework holding only what the tool needs (no node, no transport).
 */
final class WalletToolCommand {
    /** The bundles the tool needs. */
    static final Deployment TOOL = new Deployment("wallet tool", List.of("primitives.jar", "wallet.jar"));
    private static final String WALLET_BUNDLE = "org.btcmp.wallet";
    private static final String TOOL_CLASS = "org.btcmp.wallet.WalletTool";

    private final LauncherHome home;

    WalletToolCommand(LauncherHome home) {
        this.home = home;
    }

    int run(List<String> args, PrintStream out, PrintStream err) {
        try (Framework framework = Framework.start(home, TOOL)) {
            Bundle wallet = Arrays.stream(framework.context().getBundles())
                    .filter(b -> WALLET_BUNDLE.equals(b.getSymbolicName())).findFirst()
                    .orElseThrow(() -> new LaunchException("the wallet bundle " + WALLET_BUNDLE + " is not installed"));
            Object code = wallet.loadClass(TOOL_CLASS).getMethod("run", String[].class, PrintStream.class, PrintStream.class)
                    .invoke(null, args.toArray(String[]::new), out, err);
            return (Integer) code;
        } catch (LaunchException e) {
            err.println("Error: " + e.getMessage());
            return 1;
        } catch (InvocationTargetException e) {
            err.println("Error: " + e.getCause());
            return 1;
        } catch (ReflectiveOperationException | ClassCastException e) {
            err.println("Error: the wallet tool cannot be started: " + e);
            return 1;
        }
    }
}
