package org.btcmp.gui.view;

import java.awt.BorderLayout;
import java.awt.GridBagLayout;
import java.time.ZoneId;
import java.util.Map;
import javax.swing.BorderFactory;
import javax.swing.JLabel;
import javax.swing.JPanel;
import javax.swing.JProgressBar;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.BlockRef;
import org.btcmp.interfaces.Node;

/**
 * The node window's content: tip height and time, sync progress, mempool, connections and network
 * activity, and which object the GUI talks to (in this process, or a proxy of another one).
 */
final class NodePanel extends JPanel {
    private static final long serialVersionUID = 1L;

    private final transient WalletModel model;
    private final ZoneId zone;
    private final JLabel network = Ui.named(new JLabel(), "node.network");
    private final JLabel height = Ui.named(new JLabel(), "node.height");
    private final JLabel tipTime = Ui.named(new JLabel(), "node.tipTime");
    private final JProgressBar progress = Ui.named(new JProgressBar(0, 1000), "node.progress");
    private final JLabel mempool = Ui.named(new JLabel(), "node.mempool");
    private final JLabel connections = Ui.named(new JLabel(), "node.connections");
    private final JLabel active = Ui.named(new JLabel(), "node.active");
    private final JLabel ipc = Ui.named(new JLabel(), "node.ipc");

    NodePanel(WalletModel model, ZoneId zone) {
        super(new BorderLayout());
        this.model = model;
        this.zone = zone;
        setBorder(BorderFactory.createEmptyBorder(16, 16, 16, 16));
        JPanel grid = new JPanel(new GridBagLayout());
        String[] names = {"Network:", "Blocks:", "Last block time:", "Sync progress:", "Mempool:", "Connections:",
            "Network activity:", "IPC:"};
        javax.swing.JComponent[] values = {network, height, tipTime, progress, mempool, connections, active, ipc};
        grid.add(Ui.title("Node"), Ui.cell(0, 0));
        for (int i = 0; i < names.length; i++) {
            grid.add(new JLabel(names[i]), Ui.cell(0, i + 1));
            grid.add(values[i], Ui.wide(1, i + 1));
        }
        progress.setStringPainted(true);
        add(grid, BorderLayout.NORTH);
        model.addListener(() -> {
            if (isShowing()) { // a hidden node window asks nothing (MainWindow reloads it when shown)
                reload();
            }
        });
    }

    private record Status(BlockRef tip, long tipTime, double progress, long mempoolTxs, long mempoolBytes,
            int connections, boolean active, String ipc) {
    }

    /** Asks the node for its status off the event thread and shows it. */
    void reload() {
        Node node = model.node;
        model.background.run("Loading the node status", () -> {
            BlockRef tip = node.getTip();
            Map<?, ?> header = (Map<?, ?>) Json.parse(node.executeRpc("getblockheader", "[\"" + tip.hash() + "\"]", "/"));
            long time = ((Number) header.get("time")).longValue();
            return new Status(tip, time, node.getVerificationProgress(), node.getMempoolSize(), node.getMempoolBytes(),
                    node.getNodeCount(), node.getNetworkActive(), describe(node));
        }, this::show);
    }

    private void show(Status s) {
        network.setText(model.network().displayName());
        height.setText(Integer.toString(s.tip.height()));
        tipTime.setText(Ui.time(s.tipTime, zone) + "  (" + s.tip.hash().substring(0, Math.min(16, s.tip.hash().length())) + "…)");
        progress.setValue((int) Math.round(s.progress * 1000));
        progress.setString(String.format("%.1f %%", s.progress * 100));
        mempool.setText(s.mempoolTxs + " transactions (" + s.mempoolBytes / 1000 + " kvB)");
        connections.setText(Integer.toString(s.connections));
        active.setText(s.active ? "on" : "off");
        ipc.setText(s.ipc);
    }

    /** Where the node object lives: a class of the node bundle in this process, or an IPC proxy. */
    static String describe(Node node) {
        String cls = node.getClass().getName();
        return (cls.contains("Proxy") || cls.contains("capnp") ? "remote (" : "in-process (") + cls + ")";
    }
}
