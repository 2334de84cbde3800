package org.btcmp.common.init;

import static org.btcmp.common.args.OptionSpec.flag;
import static org.btcmp.common.args.OptionSpec.value;

import java.util.List;
import org.btcmp.common.args.OptionCategory;
import org.btcmp.common.args.OptionFlag;
import org.btcmp.common.args.OptionSpec;
import org.btcmp.common.args.OptionTable;

/**
 * The options of the GUI executables: {@code bitcoin-qt} (everything in one process) and {@code bitcoin-gui}
 * (a GUI process that connects to a running bitcoin-node with {@code -ipcconnect}, or starts one). Both take
 * every node option, as Core's bitcoin-qt does: bitcoin-qt runs the node itself, bitcoin-gui passes them on to
 * the bitcoin-node it starts.
 */
public final class GuiOptions {
    private GuiOptions() {
    }

    /** The options that belong to the GUI process itself (never passed on to a node it starts). */
    public static final List<OptionSpec> OWN = List.of(
            value("ipcconnect", "<address>", "Connect to a running bitcoin-node's socket instead of starting one: "
                    + "\"unix\" (or no value) is <datadir>/<network>/node.sock, \"unix:<path>\" another path (relative "
                    + "to <datadir>/<network>). While the node is gone the GUI shows it disconnected and reconnects "
                    + "when a node serves that socket again", OptionCategory.IPC),
            flag("headless", "Run without a window (for servers and tests): print the node's connection state and "
                    + "each new tip (height and hash) on stdout, one line each. Also chosen by the environment "
                    + "variable BTCMP_GUI_HEADLESS=1", OptionCategory.GUI),
            flag("min", "Start minimized", OptionCategory.GUI, OptionFlag.NO_EFFECT),
            flag("splash", "Show splash screen on startup (default: 1)", OptionCategory.GUI, OptionFlag.NO_EFFECT),
            flag("resetguisettings", "Reset all settings changed in the GUI", OptionCategory.GUI, OptionFlag.NO_EFFECT),
            flag("choosedatadir", "Choose data directory on startup", OptionCategory.GUI, OptionFlag.NO_EFFECT),
            value("lang", "<lang>", "Set language, for example \"de_DE\"", OptionCategory.GUI, OptionFlag.NO_EFFECT));

    /** The environment variable that asks for the headless mode as -headless does. */
    public static final String HEADLESS_ENV = "BTCMP_GUI_HEADLESS";

    /** Everything bitcoin-gui accepts: the node's options (but -ipcfd, which only a spawned node takes) and {@link #OWN}. */
    public static final OptionTable TABLE = OptionTable.of(ServerOptions.TABLE.options().stream()
            .filter(o -> !o.name().equals("ipcfd")).toList()).with(OWN);

    /**
     * Everything bitcoin-qt accepts: bitcoind's options and the GUI's, but -ipcconnect (its node is in the
     * process; the wallets there would read -ipcconnect as theirs).
     */
    public static final OptionTable MONOLITHIC_TABLE = ServerOptions.TABLE.with(OWN.stream()
            .filter(o -> !o.name().equals("ipcconnect")).toList());

    /** Whether {@code name} is an option a node started by the GUI should get too. */
    public static boolean passedToNode(String name) {
        return ServerOptions.TABLE.find(name).isPresent() && OWN.stream().noneMatch(o -> o.name().equals(name));
    }
}
