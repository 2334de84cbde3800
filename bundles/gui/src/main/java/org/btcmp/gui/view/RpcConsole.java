package org.btcmp.gui.view;

import java.awt.BorderLayout;
import java.awt.Font;
import java.awt.event.KeyAdapter;
import java.awt.event.KeyEvent;
import java.util.ArrayList;
import java.util.List;
import javax.swing.BorderFactory;
import javax.swing.JPanel;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;
import javax.swing.JTextField;
import org.btcmp.common.json.Json;
import org.btcmp.interfaces.RpcCommand;

/**
 * The RPC console: a command line ("getblockhash 0", "-rpcwallet=w getbalance") run through
 * Node.executeRpc off the event thread, results printed indented; Up and Down walk the history.
 */
final class RpcConsole extends JPanel {
    private static final long serialVersionUID = 1L;

    private final transient WalletModel model;
    private final JTextArea output = Ui.named(new JTextArea(20, 80), "console.output");
    private final JTextField input = Ui.named(new JTextField(), "console.input");
    private final List<String> history = new ArrayList<>();
    private int historyPos;
    private final java.util.ArrayDeque<String> queued = new java.util.ArrayDeque<>();
    private boolean running;

    RpcConsole(WalletModel model) {
        super(new BorderLayout(4, 4));
        this.model = model;
        setBorder(BorderFactory.createEmptyBorder(8, 8, 8, 8));
        output.setEditable(false);
        output.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 12));
        output.setText("Type help for the commands. Up and Down recall earlier ones.\n");
        input.putClientProperty("JTextField.placeholderText", "command [arguments…]");
        add(new JScrollPane(output), BorderLayout.CENTER);
        add(input, BorderLayout.SOUTH);
        input.addActionListener(e -> submit());
        input.addKeyListener(new KeyAdapter() {
            @Override
            public void keyPressed(KeyEvent e) {
                if (e.getKeyCode() == KeyEvent.VK_UP) {
                    recall(-1);
                } else if (e.getKeyCode() == KeyEvent.VK_DOWN) {
                    recall(1);
                }
            }
        });
    }

    private void recall(int step) {
        if (history.isEmpty()) {
            return;
        }
        historyPos = Math.max(0, Math.min(history.size(), historyPos + step));
        input.setText(historyPos == history.size() ? "" : history.get(historyPos));
    }

    /** Runs the line in the input field, after the commands still running (results keep their order). */
    void submit() {
        String line = input.getText().strip();
        if (line.isEmpty()) {
            return;
        }
        history.add(line);
        historyPos = history.size();
        input.setText("");
        queued.add(line);
        if (!running) {
            next();
        }
    }

    private void next() {
        String line = queued.poll();
        if (line == null) {
            running = false;
            return;
        }
        running = true;
        output.append("> " + line + "\n");
        ConsoleLine parsed;
        try {
            parsed = ConsoleLine.parse(line, model.walletName(), model.wallet() != null);
        } catch (IllegalArgumentException e) {
            output.append(e.getMessage() + "\n\n");
            next();
            return;
        }
        model.background.run("Running " + parsed.method(),
                () -> Json.parse(model.node.executeRpc(parsed.method(), parsed.paramsJson(), parsed.uri())),
                v -> print(v instanceof String s ? s : Json.pretty(v)), e -> print("Error" + (e instanceof RpcCommand.RpcError r ? " (code " + r.code() + ")" : "") + ": " + Ui.reason(e)));
    }

    private void print(String text) {
        output.append(text + "\n\n");
        output.setCaretPosition(output.getDocument().getLength());
        next();
    }

    List<String> history() {
        return List.copyOf(history);
    }
}
