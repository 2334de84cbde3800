package org.btcmp.gui.view;

import static org.junit.jupiter.api.Assertions.assertEquals;


import java.awt.event.KeyEvent;
import java.nio.file.Path;
import javax.swing.JTextField;
import org.btcmp.interfaces.Wallet;
import org.btcmp.interfaces.WalletLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real GUI, on a real X display (Xvfb), against a real regtest node and wallet in this process
 * (the monolithic deployment): {@link GuiScenario}'s receive, mine, send and find; itest's GuiOverSocketTest
 * runs the same scenario against a bitcoin-node in another process.
 */
class GuiRegtestTest {
    @TempDir
    Path dir;
    RegtestMonolith regtest;
    GuiScenario scenario;
    GuiSession gui;
    Wallet bob;

    @BeforeEach
    void start() throws Exception {
        TestDisplay.require();
        regtest = new RegtestMonolith(dir);
        regtest.loader().createWallet("alice", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
        bob = regtest.loader().createWallet("bob", "", WalletLoader.WALLET_FLAG_DESCRIPTORS);
        scenario = GuiScenario.open(regtest.nodeInterface, regtest.loader(), "alice");
        gui = scenario.session();
    }

    @AfterEach
    void stop() throws Exception {
        if (scenario != null) {
            scenario.close();
        }
        if (regtest != null) {
            regtest.close();
        }
    }

    @Test
    void receiveMineWatchBalanceSendAndFindTheTransaction() throws Exception {
        scenario.receiveMineWatchBalanceSendAndFind(regtest.nodeInterface, bob, regtest::mine);
    }

    @Test
    void rpcConsoleRunsCommandsOffTheEventThreadAndKeepsHistory() throws Exception {
        Edt.run(() -> gui.window().showConsole());
        RpcConsole console = gui.window().console;
        JTextField input = Edt.find(console, "console.input", JTextField.class);
        javax.swing.JTextArea output = Edt.find(console, "console.output", javax.swing.JTextArea.class);
        regtest.mine(3, bob.getNewAddress("bech32", ""));
        Edt.run(() -> {
            input.setText("getblockcount");
            input.postActionEvent();
        });
        Edt.waitFor("the block count", () -> output.getText().contains("> getblockcount\n3\n"));
        Edt.run(() -> {
            input.setText("getblockhash 99");
            input.postActionEvent();
        });
        Edt.waitFor("the error", () -> output.getText().contains("Error (code -8): Block height out of range"));
        Edt.run(() -> {
            input.setText("getbalances");
            input.postActionEvent();
        });
        Edt.waitFor("the wallet's balances", () -> output.getText().contains("\"mine\": {"));
        Edt.run(() -> input.dispatchEvent(new KeyEvent(input, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_UP, KeyEvent.CHAR_UNDEFINED)));
        assertEquals("getbalances", Edt.get(input::getText), "Up recalls the last command");
        Edt.run(() -> input.dispatchEvent(new KeyEvent(input, KeyEvent.KEY_PRESSED, 0, 0, KeyEvent.VK_UP, KeyEvent.CHAR_UNDEFINED)));
        assertEquals("getblockhash 99", Edt.get(input::getText));
    }
}
